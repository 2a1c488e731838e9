from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "repatria.audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from repatria.core import signals
        from repatria.core.backup import VERIFIERS
        from repatria.core.database_roles import APPEND_ONLY_TABLES

        from . import chain, recorder, services
        from .models import AuditEntry

        recorder.connect()
        VERIFIERS.append(chain.verification)
        APPEND_ONLY_TABLES.append(AuditEntry._meta.db_table)
        # The access log hears the ground floor's looks, exports and reads (core.signals).
        for signal, receiver in [
            (signals.record_viewed, services.log_view),
            (signals.records_exported, services.log_export),
            (signals.api_record_read, services.log_api_read),
            (signals.api_list_read, services.log_api_list),
            (signals.file_read, services.log_file_read),
        ]:
            signal.connect(receiver, dispatch_uid=f"audit-{receiver.__name__}")
