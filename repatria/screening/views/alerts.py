"""Screening pages: the alerts officers assess (list, detail, acknowledge / confirm / false positive) and the log
of screening queries for auditors and central administrators."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from repatria.accounts.permissions import allows, reads_audit
from repatria.core.querysets import can
from repatria.core.views import ObjectDetailView, ObjectListView, StatusChangeView
from repatria.geo.models import Country
from repatria.names import Entity, EntityError
from repatria.registry.models import Whereabouts

from .. import services
from ..explanations import explain
from ..filtersets import AlertFilterSet, ScreeningLogFilterSet
from ..forms import ACTIONS, AlertActionForm
from ..models import Alert, AlertStatus, ScreeningLog
from ..tables import AlertTable, ScreeningLogTable


def screened(query: dict) -> dict[str, list[str]] | None:
    """The person as the partner sent them, field by field; None if the stored query cannot be read."""
    try:
        entity = Entity.from_ftm(query)
    except EntityError:
        return None
    countries = Country.objects.in_bulk([code.upper() for code in entity.nationalities])
    return {
        "names": list(entity.names),
        "birth_dates": list(entity.birth_dates),
        "genders": [{"male": _("male"), "female": _("female")}.get(g, g) for g in entity.genders],
        "nationalities": [str(countries.get(code.upper(), code)) for code in entity.nationalities],
        "documents": list(entity.documents),
    }


# --- Alerts ---------------------------------------------------------------------------------------------------


class AlertListView(ObjectListView):
    """The alerts of the cases the user may see, newest first."""

    table_class = AlertTable
    filterset_class = AlertFilterSet
    queryset = Alert.objects.select_related("person", "case", "raised_by", "handled_by")


class AlertView(ObjectDetailView):
    """One alert: who matched whom, why, for which partner and purpose; the officers of the case assess it."""

    access_logged = True
    queryset = Alert.objects.select_related(
        "person", "case__lead_organisation", "case__province", "raised_by__country", "log", "handled_by",
        "contact_point__authority",
    )  # fmt: skip

    def get_context_data(self, **kwargs):
        alert = self.object
        may_change = allows(self.request.user, alert, "change")
        moves = services.allowed_moves(alert) if may_change else []
        form = (
            AlertActionForm(initial={"version": alert.version}, user=self.request.user, alert=alert) if moves else None
        )
        return super().get_context_data(
            explanations=explain(alert.explanations),
            screened=screened(alert.query),
            person_names=self.visible(alert.person.names.all()),
            form=form,
            actions=[(status, ACTIONS[status]) for status in moves],
            record_place_url=self.record_place_url(alert),
            **kwargs,
        )

    def record_place_url(self, alert: Alert) -> str | None:
        """Once confirmed, the whereabouts form of the person, filled with where and when the partner saw them."""
        partner = alert.raised_by
        if alert.status != AlertStatus.CONFIRMED or not can(self.request.user, Whereabouts, "add"):
            return None
        source = _("Screening alert #%(id)s: %(context)s, %(partner)s") % {
            "id": alert.pk,
            "context": alert.context or alert.log.get_channel_display(),
            "partner": partner or "—",
        }
        values = {
            "person": alert.person_id,
            "date_from": timezone.localdate(alert.created).isoformat(),
            "source": source,
        }
        if partner is not None and partner.country_id:
            values["country"] = partner.country_id
        return f"{reverse('registry:whereabouts_add')}?{urlencode(values)}"


class AlertActionView(StatusChangeView):
    """Acknowledge, confirm or reject an alert; a refusal (another officer was quicker, a move not allowed) says why."""

    model = Alert
    form_class = AlertActionForm

    def move(self, alert: Alert, *, new: str, note: str, happened_on, contact_point=None) -> str:
        services.handle(alert, new, self.request.user, note, happened_on, contact_point)
        return _("The alert is now “%(status)s”.") % {"status": alert.get_status_display()}


# --- The log of screening queries -----------------------------------------------------------------------------


class ScreeningLogListView(ObjectListView):
    """Every screening query (who, when, through which channel, the hash of what, how many results and matches),
    for auditors and central administrators."""

    model = ScreeningLog
    table_class = ScreeningLogTable
    filterset_class = ScreeningLogFilterSet
    queryset = ScreeningLog.objects.select_related("user", "organisation")

    def allowed(self, user) -> bool:
        return reads_audit(user)

    def get_queryset(self):
        return self.queryset.all()  # the role decides, as for the audit trail
