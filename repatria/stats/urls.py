from django.urls import path

from repatria.core.views import ObjectDeleteView, object_urls

from . import record_views, views
from .imports import ExchangeRateImportView
from .models import Campaign, ExchangeRate

app_name = "stats"

urlpatterns = [
    path("", views.StatisticsView.as_view(), name="statistics"),
    path("records/", views.RecordsView.as_view(), name="statistics_records"),
    path("export.xlsx", views.DownloadView.as_view(fmt="xlsx"), name="statistics_xlsx"),
    path("export.pdf", views.DownloadView.as_view(fmt="pdf"), name="statistics_pdf"),
    path("exchangerates/import/", ExchangeRateImportView.as_view(), name="exchangerate_import"),
    *object_urls(
        ExchangeRate,
        list_view=record_views.ExchangeRateListView,
        detail_view=record_views.ExchangeRateView,
        edit_view=record_views.ExchangeRateEditView,
        delete_view=ObjectDeleteView,
    ),
    *object_urls(
        Campaign,
        list_view=record_views.CampaignListView,
        detail_view=record_views.CampaignView,
        edit_view=record_views.CampaignEditView,
        delete_view=ObjectDeleteView,
    ),
]
