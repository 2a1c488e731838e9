"""Bulk screening pages, included by the screening URLs under bulk/."""

from django.urls import path

from . import bulk_views as views

urlpatterns = [
    path("", views.BulkJobListView.as_view(), name="bulk_job_list"),
    path("add/", views.BulkUploadView.as_view(), name="bulk_job_add"),
    path("<int:pk>/", views.BulkJobView.as_view(), name="bulk_job"),
    path("<int:pk>/progress/", views.BulkJobProgressView.as_view(), name="bulk_job_progress"),
    path("<int:pk>/source/", views.BulkJobSourceView.as_view(), name="bulk_job_source"),
    path("<int:pk>/results/", views.BulkJobResultsView.as_view(), name="bulk_job_results"),
]
