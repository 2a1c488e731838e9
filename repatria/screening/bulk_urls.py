"""Bulk screening pages, included by the screening URLs under bulk/."""

from django.urls import path

from . import bulk_views as views

urlpatterns = [
    path("", views.BulkJobListView.as_view(), name="bulkjob_list"),
    path("add/", views.BulkUploadView.as_view(), name="bulkjob_add"),
    path("<int:pk>/", views.BulkJobView.as_view(), name="bulkjob"),
    path("<int:pk>/progress/", views.BulkJobProgressView.as_view(), name="bulkjob_progress"),
    path("<int:pk>/source/", views.BulkJobSourceView.as_view(), name="bulkjob_source"),
    path("<int:pk>/results/", views.BulkJobResultsView.as_view(), name="bulkjob_results"),
]
