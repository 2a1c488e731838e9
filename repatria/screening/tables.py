import django_tables2 as tables
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from repatria.core.tables import BaseTable

from .models import Alert, ScreeningLog


class ScoreColumn(tables.Column):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "text-end"}})
        super().__init__(*args, **kwargs)

    def render(self, value):
        return f"{value:.2f}"

    def value(self, value):
        return value


class AlertTable(BaseTable):
    pk = tables.Column(verbose_name="#", linkify=lambda record: reverse("screening:alert", args=[record.pk]))
    created = tables.DateTimeColumn(verbose_name=_("raised"), format="Y-m-d H:i")
    person = tables.Column(linkify=True)
    case = tables.Column(
        accessor="case__number",
        linkify=lambda record: record.case.get_absolute_url() if record.case_id else None,
        verbose_name=_("case"),
    )
    score = ScoreColumn()

    class Meta(BaseTable.Meta):
        model = Alert
        fields = ["pk", "created", "status", "person", "case", "raised_by", "context", "score", "handled_by"]


class ScreeningLogTable(BaseTable):
    created = tables.DateTimeColumn(format="Y-m-d H:i:s")
    query_hash = tables.Column(attrs={"td": {"class": "font-monospace small text-break"}})

    class Meta(BaseTable.Meta):
        model = ScreeningLog
        fields = ["created", "user", "organisation", "channel", "dataset", "context", "results", "matches",
                  "query_hash"]  # fmt: skip
