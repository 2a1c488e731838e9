from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The synthetic demo data and `seed-demo`: the top floor, which may import every other app."""

    name = "repatria.demo"
    verbose_name = _("Demo data")
