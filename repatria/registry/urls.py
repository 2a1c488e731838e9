from django.urls import path

from repatria.core.views import ObjectDeleteView, object_urls

from . import views
from .imports import PersonImportView
from .models import IdentityDocument, Person, Relationship, Whereabouts

app_name = "registry"


urlpatterns = [
    path("persons/autocomplete/", views.PersonAutocompleteView.as_view(), name="person_autocomplete"),
    path("persons/import/", PersonImportView.as_view(), name="person_import"),
    path("persons/<int:pk>/photo/", views.PersonPhotoView.as_view(), name="person_photo"),
    *object_urls(
        Person,
        list_view=views.PersonListView,
        detail_view=views.PersonView,
        edit_view=views.PersonEditView,
        delete_view=ObjectDeleteView,
    ),
    *object_urls(IdentityDocument, edit_view=views.IdentityDocumentEditView, delete_view=ObjectDeleteView),
    *object_urls(Relationship, edit_view=views.RelationshipEditView, delete_view=ObjectDeleteView),
    *object_urls(Whereabouts, edit_view=views.WhereaboutsEditView, delete_view=ObjectDeleteView),
]
