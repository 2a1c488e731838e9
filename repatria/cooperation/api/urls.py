from rest_framework.routers import SimpleRouter

from . import views
from .requests import RequestViewSet

router = SimpleRouter()
router.register("requests", RequestViewSet)
router.register("treaties", views.TreatyViewSet)
router.register("convention-parties", views.ConventionPartyViewSet)
router.register("country-profiles", views.CountryProfileViewSet)
router.register("offence-equivalents", views.OffenceEquivalentViewSet)
router.register("networks", views.NetworkViewSet)
router.register("authorities", views.AuthorityViewSet)
router.register("contact-persons", views.ContactPersonViewSet)
router.register("contacts", views.ContactLogViewSet)
urlpatterns = router.urls
