from django.urls import include, path

from repatria.core.views import object_urls

from . import views
from .models import Alert

app_name = "screening"
urlpatterns = [
    *object_urls(Alert, list_view=views.AlertListView, detail_view=views.AlertView),
    path("alerts/<int:pk>/handle/", views.AlertActionView.as_view(), name="alert_handle"),
    path("log/", views.ScreeningLogListView.as_view(), name="screeninglog_list"),
    path("bulk/", include("repatria.screening.bulk_urls")),
]
