from django.urls import path

from . import outcomes
from .views import MatchView

urlpatterns = [path("match/<str:dataset>", MatchView.as_view(), name="api-match")]

# outcomes and webhooks
urlpatterns += [
    path("outcomes", outcomes.OutcomeListView.as_view(), name="api-outcomes"),
    path("outcomes/<int:alert>", outcomes.OutcomeView.as_view(), name="api-outcome"),
]
