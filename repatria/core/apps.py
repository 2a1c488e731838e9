from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "repatria.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from .database_roles import site_owns_the_tables
        from .private_files import check_private_root

        checks.register(check_private_root, checks.Tags.security)
        checks.register(site_owns_the_tables, checks.Tags.security, deploy=True)
