"""The exchange rates' pages: the rates in yuan the statistics convert foreign amounts with."""

from django.urls import reverse
from django.utils.translation import gettext as _

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
        else:
            context["extra_actions"] = [
                {"url": reverse("stats:exchangerate_import_cfets"), "label": _("Import the CFETS central parity table")}
            ]
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

    def get_initial(self) -> dict:
        """A rate added from the statistics' list of rates to enter starts with its currency and day; the form
        checks them as it checks any input."""
        initial = super().get_initial()
        if self.object is None:
            asked = self.request.GET
            initial.update((name, asked[name][:10]) for name in ("currency", "date") if name in asked)
        return initial
