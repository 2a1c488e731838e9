from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "repatria.audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from repatria.core.backup import VERIFIERS
        from repatria.core.database_roles import APPEND_ONLY_TABLES
        from repatria.core.file_serving import file_read

        from . import chain, recorder, services
        from .models import AuditEntry

        recorder.connect()
        VERIFIERS.append(chain.verification)
        APPEND_ONLY_TABLES.append(AuditEntry._meta.db_table)
        file_read.connect(services.log_file_read, dispatch_uid="audit-file-read")
