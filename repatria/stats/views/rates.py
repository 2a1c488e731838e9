"""The exchange rates' pages: the rates in yuan the statistics convert foreign amounts with."""

from repatria.accounts.permissions import can
from repatria.core.views import ObjectDetailView, ObjectEditView, ObjectListView

from ..filtersets import ExchangeRateFilterSet
from ..forms import ExchangeRateForm
from ..models import ExchangeRate
from ..tables import ExchangeRateTable


class ExchangeRateListView(ObjectListView):
    table_class = ExchangeRateTable
    filterset_class = ExchangeRateFilterSet
    queryset = ExchangeRate.objects.all()
    import_url_name = "stats:exchangerate_import"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not can(self.request.user, ExchangeRate, "add"):
            context["import_url"] = None  # only those who may add rates may import them
        return context


class ExchangeRateView(ObjectDetailView):
    queryset = ExchangeRate.objects.all()

    def get_context_data(self, **kwargs):
        rate = self.object
        same_currency = self.visible(ExchangeRate.objects.filter(currency=rate.currency))
        return super().get_context_data(
            previous=same_currency.filter(date__lt=rate.date).order_by("-date").first(),
            following=same_currency.filter(date__gt=rate.date).order_by("date").first(),
            **kwargs,
        )


class ExchangeRateEditView(ObjectEditView):
    form_class = ExchangeRateForm
