from django.urls import include, path

app_name = "screening"
urlpatterns = [
    path("bulk/", include("repatria.screening.bulk_urls")),
]
