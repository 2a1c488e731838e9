from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("audit/", views.AuditListView.as_view(), name="auditentry_list"),
    path("history/<str:app_label>/<str:model>/<int:pk>/", views.HistoryView.as_view(), name="history"),
]
