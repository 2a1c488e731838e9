from django.urls import path

from .views import MatchView

urlpatterns = [path("match/<str:dataset>", MatchView.as_view(), name="api-match")]
