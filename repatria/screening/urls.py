from django.urls import path

from repatria.core.views import object_urls

from .models import Alert
from .views import alerts, bulk, webhooks

app_name = "screening"
urlpatterns = [
    *object_urls(Alert, list_view=alerts.AlertListView, detail_view=alerts.AlertView),
    path("alerts/<int:pk>/handle/", alerts.AlertActionView.as_view(), name="alert_handle"),
    path("webhooks/<int:token>/", webhooks.WebhookView.as_view(), name="webhook"),
    path("log/", alerts.ScreeningLogListView.as_view(), name="screeninglog_list"),
    path("bulk/", bulk.BulkJobListView.as_view(), name="bulkjob_list"),
    path("bulk/add/", bulk.BulkUploadView.as_view(), name="bulkjob_add"),
    path("bulk/<int:pk>/", bulk.BulkJobView.as_view(), name="bulkjob"),
    path("bulk/<int:pk>/progress/", bulk.BulkJobProgressView.as_view(), name="bulkjob_progress"),
    path("bulk/<int:pk>/source/", bulk.BulkJobSourceView.as_view(), name="bulkjob_source"),
    path("bulk/<int:pk>/results/", bulk.BulkJobResultsView.as_view(), name="bulkjob_results"),
]
