from django.urls import path

from repatria.core.views import ObjectDeleteView, object_urls

from . import views
from .imports import CaseImportView, ReturnImportView
from .models import Case, CasePerson, ProgressReport, Return, Supervision

app_name = "cases"

urlpatterns = [
    path("cases/import/", CaseImportView.as_view(), name="case_import"),
    path("returns/import/", ReturnImportView.as_view(), name="return_import"),
    path("cases/<int:pk>/status/", views.CaseStatusView.as_view(), name="case_status"),
    path("cases/<int:pk>/transfer/", views.CaseTransferView.as_view(), name="case_transfer"),
    path("notes/", views.NoteView.as_view(), name="note"),
    path("supervisions/overdue/", views.OverdueSupervisionView.as_view(), name="supervision_overdue"),
    *object_urls(
        Case,
        list_view=views.CaseListView,
        detail_view=views.CaseView,
        edit_view=views.CaseEditView,
        delete_view=ObjectDeleteView,
    ),
    *object_urls(CasePerson, edit_view=views.CasePersonEditView, delete_view=ObjectDeleteView),
    *object_urls(
        Return,
        list_view=views.ReturnListView,
        detail_view=views.ReturnView,
        edit_view=views.ReturnEditView,
        delete_view=ObjectDeleteView,
    ),
    *object_urls(Supervision, edit_view=views.SupervisionEditView, delete_view=ObjectDeleteView),
    *object_urls(ProgressReport, edit_view=views.ProgressReportEditView, delete_view=ObjectDeleteView),
]
