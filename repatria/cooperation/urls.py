from django.urls import path

from repatria.core.views import object_urls

from .models import Request
from .views import requests

app_name = "cooperation"

urlpatterns = [
    # request pages
    path("requests/<int:pk>/move/", requests.RequestMoveView.as_view(), name="request_move"),
    path("requests/<int:pk>/checks/<int:check>/", requests.CheckDecisionView.as_view(), name="request_check"),
    *object_urls(
        Request,
        list_view=requests.RequestListView,
        detail_view=requests.RequestView,
        edit_view=requests.RequestEditView,
    ),
]
