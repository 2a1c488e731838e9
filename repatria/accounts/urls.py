from repatria.core.views import ObjectDeleteView, object_urls

from . import views
from .models import Organisation

app_name = "accounts"

urlpatterns = object_urls(
    Organisation,
    list_view=views.OrganisationListView,
    detail_view=views.OrganisationView,
    edit_view=views.OrganisationEditView,
    delete_view=ObjectDeleteView,
)
