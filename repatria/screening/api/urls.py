from django.urls import path

from . import outcomes
from .views import MatchView
from .yente_views import AlgorithmsView, CatalogView, EntityView, SearchView

urlpatterns = [path("match/<str:dataset>", MatchView.as_view(), name="api-match")]

# outcomes and webhooks
urlpatterns += [
    path("outcomes", outcomes.OutcomeListView.as_view(), name="api-outcomes"),
    path("outcomes/<int:alert>", outcomes.OutcomeView.as_view(), name="api-outcome"),
]

# yente-compatible
urlpatterns += [
    path("entities/<str:entity_id>", EntityView.as_view(), name="api-entity"),
    path("catalog", CatalogView.as_view(), name="api-catalog"),
    path("algorithms", AlgorithmsView.as_view(), name="api-algorithms"),
    path("search/<str:dataset>", SearchView.as_view(), name="api-search"),
]
