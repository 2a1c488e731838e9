from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from repatria.accounts.permissions import allows
from repatria.core.services import RuleError
from repatria.core.views import (
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    OfficerRequiredMixin,
    PartEditView,
    StatusChangeView,
    local_url,
)

from . import services, timeline
from .filtersets import CaseFilterSet, ReturnFilterSet
from .forms import CaseForm, CasePersonForm, NoteForm, ReturnForm, StatusForm
from .models import Case, CasePerson, CaseRole, CaseStatus, Return
from .tables import CaseTable, ReturnTable


class CaseListView(ObjectListView):
    table_class = CaseTable
    filterset_class = CaseFilterSet
    import_url_name = "cases:case_import"
    queryset = Case.objects.select_related("province", "lead_organisation").prefetch_related("persons", "offences")


class CaseView(ObjectDetailView):
    access_logged = True
    queryset = Case.objects.select_related("province", "lead_organisation").prefetch_related(
        "offences", "assigned_organisations"
    )

    def get_context_data(self, **kwargs):
        case = self.object
        choices = [(s, CaseStatus(s).label) for s in services.allowed_transitions(case)]
        may_change = allows(self.request.user, case, "change")
        form = StatusForm(choices=choices, initial={"version": case.version}) if choices and may_change else None
        return super().get_context_data(
            memberships=self.visible(case.memberships.select_related("person")),
            returns=self.visible(case.returns.select_related("person", "country")),
            assets=self.visible(case.assets.select_related("jurisdiction")),
            status_form=form,
            may_change=may_change,
            events=self.visible(timeline.for_case(case)).select_related("actor")[:200],
            **kwargs,
        )


class CaseEditView(ObjectEditView):
    form_class = CaseForm
    prefill = ("principal",)  # a case opened from a person's page has them as its principal suspect

    def create(self, fields: dict) -> Case:
        principal = fields.pop("principal")
        persons = {principal: CaseRole.PRINCIPAL} if principal else {}
        return services.open_case(actor=self.request.user, persons=persons, **fields)


class CaseStatusView(StatusChangeView):
    model = Case
    form_class = StatusForm
    choices = CaseStatus.choices

    def move(self, case: Case, **data) -> str:
        services.change_status(case=case, actor=self.request.user, **data)
        return _("Status changed to “%(status)s”.") % {"status": case.get_status_display()}


class CasePersonEditView(PartEditView):
    parent = "case"
    form_class = CasePersonForm

    def create(self, fields: dict) -> CasePerson:
        return services.add_person(actor=self.request.user, **fields)


class ReturnListView(ObjectListView):
    table_class = ReturnTable
    filterset_class = ReturnFilterSet
    import_url_name = "cases:return_import"
    queryset = Return.objects.select_related("person", "case__province", "country")


class ReturnView(ObjectDetailView):
    queryset = Return.objects.select_related("person", "case", "country")


class ReturnEditView(PartEditView):
    parent = "case"
    form_class = ReturnForm

    def create(self, fields: dict) -> Return:
        return services.record_return(actor=self.request.user, **fields)

    def change(self, record: Return, fields: dict) -> Return:
        return services.change_return(record, **fields)


class NoteView(OfficerRequiredMixin, View):
    def post(self, request):
        form = NoteForm(request.POST, user=request.user)
        if not form.is_valid():
            messages.error(request, _("The note was not saved: %(errors)s") % {"errors": form.errors.as_text()})
            return redirect(local_url(request, request.headers.get("referer", ""), reverse("dashboard")))
        subject = form.cleaned_data["case"] or form.cleaned_data["person"]
        try:
            services.write_note(actor=request.user, **form.cleaned_data)
        except RuleError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(subject or "dashboard")
