from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttachmentsConfig(AppConfig):
    name = "repatria.attachments"
    verbose_name = _("Attachments")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from repatria.core.events import register_event_kinds

        from . import services, timeline
        from .models import Attachment

        register_event_kinds(timeline.DESCRIBERS)
        post_delete.connect(services.remove_file, sender=Attachment, dispatch_uid="attachments.remove_file")
