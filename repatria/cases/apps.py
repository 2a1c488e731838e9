from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "repatria.cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from repatria.core.events import register_event_kinds
        from repatria.registry import services as registry

        from . import timeline

        register_event_kinds(timeline.DESCRIBERS)
        registry.use_timeline(registry.Timeline(timeline.for_person, timeline.whereabouts_recorded))
