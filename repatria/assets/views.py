from django.utils.translation import gettext as _

from repatria.accounts.permissions import allows
from repatria.core.views import ObjectDetailView, ObjectEditView, ObjectListView, StatusChangeView

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
        asset = self.object
        choices = [(s, AssetStage(s).label) for s in services.allowed_stages(asset)]
        may_change = allows(self.request.user, asset, "change")
        form = StageForm(choices=choices, initial={"version": asset.version}) if choices and may_change else None
        return super().get_context_data(
            stage_form=form,
            **kwargs,
        )


class AssetEditView(ObjectEditView):
    form_class = AssetForm
    prefill = ("case",)

    def create(self, fields: dict) -> Asset:
        return services.record_asset(actor=self.request.user, **fields)

    def change(self, record: Asset, fields: dict) -> Asset:
        return services.change_asset(record, **fields)


class AssetStageView(StatusChangeView):
    model = Asset
    form_class = StageForm
    choices = AssetStage.choices

    def move(self, asset: Asset, **data) -> str:
        services.change_stage(asset=asset, actor=self.request.user, **data)
        return _("Stage changed to “%(stage)s”.") % {"stage": asset.get_stage_display()}
