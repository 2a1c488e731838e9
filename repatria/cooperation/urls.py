from django.urls import path

from repatria.core.views import ObjectDeleteView, object_urls

from .imports import TreatyImportView
from .models import (
    Authority,
    ContactLog,
    ContactPerson,
    ConventionParty,
    LetterTemplate,
    Network,
    OffenceEquivalent,
    Request,
    Treaty,
)
from .views import countries, reference, requests

app_name = "cooperation"

urlpatterns = [
    path("requests/<int:pk>/move/", requests.RequestMoveView.as_view(), name="request_move"),
    path("requests/<int:pk>/checks/<int:check>/", requests.CheckDecisionView.as_view(), name="request_check"),
    path(
        "requests/<int:pk>/documents/<str:document>/", requests.RequestDocumentView.as_view(), name="request_document"
    ),
    *object_urls(
        Request,
        list_view=requests.RequestListView,
        detail_view=requests.RequestView,
        edit_view=requests.RequestEditView,
        delete_view=requests.RequestDeleteView,
    ),
    *object_urls(
        LetterTemplate,
        list_view=requests.LetterTemplateListView,
        detail_view=requests.LetterTemplateView,
        edit_view=requests.LetterTemplateEditView,
    ),
]

# reference pages
urlpatterns += [
    path("countries/", countries.CountryListView.as_view(), name="country_list"),
    path("countries/<str:code>/", countries.CountryView.as_view(), name="country"),
    path("countries/<str:code>/profile/", countries.CountryProfileEditView.as_view(), name="countryprofile_edit"),
    path("treaties/import/", TreatyImportView.as_view(), name="treaty_import"),
    *object_urls(
        Treaty,
        list_view=reference.TreatyListView,
        detail_view=reference.TreatyView,
        edit_view=reference.TreatyEditView,
        delete_view=ObjectDeleteView,
    ),
    *object_urls(
        ConventionParty,
        list_view=reference.ConventionPartyListView,
        detail_view=reference.ConventionPartyView,
        edit_view=reference.ConventionPartyEditView,
        delete_view=ObjectDeleteView,
    ),
    *object_urls(
        OffenceEquivalent,
        list_view=reference.OffenceEquivalentListView,
        detail_view=reference.OffenceEquivalentView,
        edit_view=reference.OffenceEquivalentEditView,
        delete_view=ObjectDeleteView,
    ),
    *object_urls(
        Network,
        list_view=reference.NetworkListView,
        detail_view=reference.NetworkView,
        edit_view=reference.NetworkEditView,
        delete_view=ObjectDeleteView,
    ),
    *object_urls(
        Authority,
        list_view=reference.AuthorityListView,
        detail_view=reference.AuthorityView,
        edit_view=reference.AuthorityEditView,
        delete_view=ObjectDeleteView,
    ),
    *object_urls(ContactPerson, edit_view=reference.ContactPersonEditView, delete_view=ObjectDeleteView),
    *object_urls(ContactLog, edit_view=reference.ContactLogEditView, delete_view=ObjectDeleteView),
]
