from django.urls import path

from repatria.core.views import ObjectDeleteView, object_urls

from . import views
from .imports import CaseImportView, ReturnImportView
from .models import Case, CasePerson, Return

app_name = "cases"

urlpatterns = [
    path("cases/import/", CaseImportView.as_view(), name="case_import"),
    path("returns/import/", ReturnImportView.as_view(), name="return_import"),
    path("cases/<int:pk>/status/", views.CaseStatusView.as_view(), name="case_status"),
    path("cases/<int:pk>/transfer/", views.CaseTransferView.as_view(), name="case_transfer"),
    path("notes/", views.NoteView.as_view(), name="note"),
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
]
