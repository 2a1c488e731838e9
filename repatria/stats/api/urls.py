from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import CampaignViewSet, ExchangeRateViewSet, StatisticsView

router = SimpleRouter()
router.register("exchangerates", ExchangeRateViewSet)
router.register("campaigns", CampaignViewSet)
urlpatterns = [path("statistics", StatisticsView.as_view(), name="api-statistics"), *router.urls]
