from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import OrganisationViewSet, WhoAmIView

router = SimpleRouter()
router.register("organisations", OrganisationViewSet)
urlpatterns = [path("whoami/", WhoAmIView.as_view(), name="api-whoami"), *router.urls]
