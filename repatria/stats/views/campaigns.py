"""The campaigns' pages: Sky Net and its operations, with their targets beside the results."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from repatria.accounts.permissions import allows, can
from repatria.core.services import RuleError
from repatria.core.views import ObjectDetailView, ObjectEditView, ObjectListView

from .. import services
from ..filtersets import CampaignFilterSet
from ..forms import CampaignForm, TargetsForm, plain
from ..models import Campaign, CampaignTarget, Measure
from ..tables import CampaignTable


class CampaignListView(ObjectListView):
    """Newest campaign first, each followed by its operations (the counts would lose the models' ordering)."""

    table_class = CampaignTable
    filterset_class = CampaignFilterSet
    queryset = (
        Campaign.objects.select_related("parent", "lead_organisation")
        .annotate(operation_count=Count("operations", distinct=True), target_count=Count("targets", distinct=True))
        .order_by(
            Coalesce("parent__starts_on", "starts_on").desc(),
            Coalesce("parent_id", "id").desc(),
            F("parent_id").asc(nulls_first=True),
            "starts_on",
            "pk",
        )
    )


class CampaignView(ObjectDetailView):
    """The campaign, its operations, and its targets beside the results; administrators edit the targets here."""

    queryset = Campaign.objects.select_related("parent", "lead_organisation")

    def may_edit_targets(self) -> bool:
        user = self.request.user
        return allows(user, self.object, "change") and all(
            can(user, CampaignTarget, action) for action in ("add", "change", "delete")
        )

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.may_edit_targets():
            raise PermissionDenied
        form = TargetsForm(request.POST, campaign=self.object)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(targets_form=form))
        form.save()
        messages.success(request, _("Targets saved: %(campaign)s") % {"campaign": self.object})
        return redirect(self.object)

    def get_context_data(self, **kwargs):
        campaign = self.object
        form = kwargs.pop("targets_form", None)
        if form is None and self.may_edit_targets():
            form = TargetsForm(campaign=campaign)
        results, problem = self.results()
        return super().get_context_data(
            operations=self.visible(campaign.operations.select_related("lead_organisation")),
            measures=self.measures(form, results),
            targets_form=form,
            results_problem=problem,
            add_operation_url=self.add_operation_url(),
            **kwargs,
        )

    def results(self) -> tuple[dict, str]:
        """The results against the targets, by measure, or why there are none (a rate missing, say)."""
        try:
            results = services.campaign_results(user=self.request.user, campaign=self.object)
        except RuleError as error:
            return {}, " ".join(error.messages)
        return {result.measure: result for result in results}, ""

    def measures(self, form: TargetsForm | None, results: dict) -> list[dict]:
        """One row per measure with a target, or per measure when the user edits them."""
        targets = dict(self.object.targets.values_list("measure", "value"))
        rows = []
        for measure in Measure:
            if measure not in targets and form is None:
                continue
            result = results.get(measure)
            share = getattr(result, "share", None)
            rows.append(
                {
                    "label": measure.label,
                    "target": plain(targets[measure]) if measure in targets else "",
                    "field": form[measure] if form else None,
                    "result": plain(result.result) if result else "",
                    "percent": round(share * 100) if share is not None else None,
                    "bar": min(100, round(share * 100)) if share is not None else 0,
                }
            )
        return rows

    def add_operation_url(self) -> str | None:
        campaign = self.object
        if campaign.parent_id or not can(self.request.user, Campaign, "add"):
            return None
        return f"{reverse('stats:campaign_add')}?parent={campaign.pk}"


class CampaignEditView(ObjectEditView):
    form_class = CampaignForm

    def get_initial(self):
        """An operation added from its campaign's page starts as part of it, with its dates."""
        initial = super().get_initial()
        parent_id = self.request.GET.get("parent", "")
        if parent_id and not self.object:
            if not parent_id.isdigit():
                raise Http404
            campaigns = Campaign.objects.restrict(self.request.user).filter(parent__isnull=True)
            parent = get_object_or_404(campaigns, pk=parent_id)
            initial.update(parent=parent, starts_on=parent.starts_on, ends_on=parent.ends_on)
        return initial
