from rest_framework.routers import SimpleRouter

from .views import AssetViewSet

router = SimpleRouter()
router.register("assets", AssetViewSet)
urlpatterns = router.urls
