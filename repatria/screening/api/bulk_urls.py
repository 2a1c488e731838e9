"""Bulk screening in the API, included under api/."""

from django.urls import path

from .bulk import BulkJobApiView, BulkResultsApiView, MatchBulkView

urlpatterns = [
    path("match-bulk/jobs/<int:pk>", BulkJobApiView.as_view(), name="api-match-bulk-job"),
    path("match-bulk/jobs/<int:pk>/results", BulkResultsApiView.as_view(), name="api-match-bulk-results"),
    path("match-bulk/<str:dataset>", MatchBulkView.as_view(), name="api-match-bulk"),
]
