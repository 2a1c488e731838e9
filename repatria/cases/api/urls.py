from rest_framework.routers import SimpleRouter

from .views import CaseViewSet, ReturnViewSet

router = SimpleRouter()
router.register("cases", CaseViewSet)
router.register("returns", ReturnViewSet)
urlpatterns = router.urls
