from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "repatria.audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from repatria.core.backup import VERIFIERS
        from repatria.core.file_serving import file_read

        from . import chain, recorder, services

        recorder.connect()
        VERIFIERS.append(chain.verification)
        file_read.connect(services.log_file_read, dispatch_uid="audit-file-read")
