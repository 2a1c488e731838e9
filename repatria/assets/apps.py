from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssetsConfig(AppConfig):
    name = "repatria.assets"
    verbose_name = _("Assets")

    def ready(self) -> None:
        from repatria.core.events import register_event_kinds

        from . import timeline

        register_event_kinds(timeline.DESCRIBERS)
