from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "repatria.cooperation"
    verbose_name = _("International cooperation")

    def ready(self) -> None:
        from repatria.core.events import register_event_kinds

        from . import reach, resync, timeline

        register_event_kinds(timeline.DESCRIBERS)
        reach.connect()
        resync.connect()
