from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    name = "repatria.screening"
    verbose_name = _("Screening")

    def ready(self) -> None:
        from repatria.core import warmup
        from repatria.core.events import register_event_kinds
        from repatria.registry.services import use_live_index

        from . import listing, timeline

        listing.connect()
        use_live_index(listing.registry_index)
        warmup.register(listing.registry_index)
        register_event_kinds(timeline.DESCRIBERS)
