from django.urls import path

from repatria.core.views import ObjectDeleteView, object_urls

from . import token_views, views
from .models import Organisation

app_name = "accounts"

urlpatterns = [
    path("tokens/", token_views.TokenListView.as_view(), name="token_list"),
    path("tokens/<int:pk>/revoke/", token_views.TokenRevokeView.as_view(), name="token_revoke"),
    *object_urls(
        Organisation,
        list_view=views.OrganisationListView,
        detail_view=views.OrganisationView,
        edit_view=views.OrganisationEditView,
        delete_view=ObjectDeleteView,
    ),
]
