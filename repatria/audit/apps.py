from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "repatria.audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from repatria.core.backup import VERIFIERS

        from . import chain, recorder

        recorder.connect()
        VERIFIERS.append(chain.verification)
