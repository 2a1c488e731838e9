from django.urls import path

from repatria.core.views import ObjectDeleteView, object_urls

from . import views
from .models import Asset

app_name = "assets"

urlpatterns = [
    path("assets/<int:pk>/stage/", views.AssetStageView.as_view(), name="asset_stage"),
    *object_urls(
        Asset,
        list_view=views.AssetListView,
        detail_view=views.AssetView,
        edit_view=views.AssetEditView,
        delete_view=ObjectDeleteView,
    ),
]
