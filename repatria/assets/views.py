from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from repatria.accounts.permissions import allows
from repatria.core.views import ObjectDetailView, ObjectEditView, ObjectListView, StatusChangeView

from . import services
from .filtersets import AssetFilterSet
from .forms import AssetForm, StageForm
from .models import Asset, AssetStage
from .tables import AssetTable

MISSING_RATE = gettext_lazy(
    "No %(currency)s exchange rate is in force on %(date)s: the statistics leave this recovery out of the amount until "
    "the rate is entered. It is listed on the dashboard."
)


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
        if services.without_rate([asset]):
            messages.warning(
                self.request, MISSING_RATE % {"currency": asset.recovery.currency, "date": asset.recovery.day}
            )
        return _("Stage changed to “%(stage)s”.") % {"stage": asset.get_stage_display()}
