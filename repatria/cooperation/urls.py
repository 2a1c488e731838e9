from django.urls import path  # noqa: F401  (the pages' modules add their routes below)

app_name = "cooperation"

urlpatterns: list = []
