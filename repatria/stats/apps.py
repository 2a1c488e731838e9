from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "repatria.stats"
    verbose_name = _("Statistics")

    def ready(self) -> None:
        from repatria.core.money import use_rates

        from .rates import RateTable

        # The records' pages below this app show foreign amounts in yuan too: they convert with this table.
        use_rates(RateTable)
