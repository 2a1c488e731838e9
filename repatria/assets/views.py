from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View

from repatria.accounts.permissions import allows
from repatria.core.services import RuleError
from repatria.core.views import ObjectDetailView, ObjectEditView, ObjectListView, OfficerRequiredMixin

from . import services
from .filtersets import AssetFilterSet
from .forms import AssetForm, StageForm
from .models import Asset, AssetStage
from .tables import AssetTable


class AssetListView(ObjectListView):
    table_class = AssetTable
    filterset_class = AssetFilterSet
    queryset = Asset.objects.select_related("case", "person", "jurisdiction")


class AssetView(ObjectDetailView):
    queryset = Asset.objects.select_related("case", "person", "jurisdiction")

    def get_context_data(self, **kwargs):
        choices = [(s, AssetStage(s).label) for s in services.allowed_stages(self.object)]
        may_change = allows(self.request.user, self.object, "change")
        return super().get_context_data(
            stage_form=StageForm(choices=choices) if choices and may_change else None, **kwargs
        )


class AssetEditView(ObjectEditView):
    form_class = AssetForm
    prefill = ("case",)

    def create(self, fields: dict) -> Asset:
        return services.record_asset(actor=self.request.user, **fields)

    def change(self, record: Asset, fields: dict) -> Asset:
        return services.change_asset(record, **fields)


class AssetStageView(OfficerRequiredMixin, View):
    def post(self, request, pk):
        asset = get_object_or_404(Asset.objects.restrict(request.user, "change"), pk=pk)
        form = StageForm(request.POST, choices=AssetStage.choices)
        if not form.is_valid():
            messages.error(request, form.errors.as_text())
            return redirect(asset)
        try:
            services.change_stage(asset=asset, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Stage changed to “%(stage)s”.") % {"stage": asset.get_stage_display()})
        except RuleError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(asset)
