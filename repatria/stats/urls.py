from django.urls import path

from repatria.core.views import ObjectDeleteView, object_urls

from .cfets import CfetsImportView
from .imports import ExchangeRateImportView
from .models import Campaign, ExchangeRate
from .views import campaigns, rates, statistics

app_name = "stats"

urlpatterns = [
    path("", statistics.StatisticsView.as_view(), name="statistics"),
    path("records/", statistics.RecordsView.as_view(), name="statistics_records"),
    path("export.xlsx", statistics.DownloadView.as_view(fmt="xlsx"), name="statistics_xlsx"),
    path("export.pdf", statistics.DownloadView.as_view(fmt="pdf"), name="statistics_pdf"),
    path("exchangerates/import/", ExchangeRateImportView.as_view(), name="exchangerate_import"),
    path("exchangerates/import/cfets/", CfetsImportView.as_view(), name="exchangerate_import_cfets"),
    *object_urls(
        ExchangeRate,
        list_view=rates.ExchangeRateListView,
        detail_view=rates.ExchangeRateView,
        edit_view=rates.ExchangeRateEditView,
        delete_view=ObjectDeleteView,
    ),
    *object_urls(
        Campaign,
        list_view=campaigns.CampaignListView,
        detail_view=campaigns.CampaignView,
        edit_view=campaigns.CampaignEditView,
        delete_view=ObjectDeleteView,
    ),
]
