"""The dashboard: what needs an officer's attention today, from every app (so it lives above them all)."""

import datetime

from django.db.models import Q, QuerySet
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from repatria.accounts.permissions import is_officer, reads_audit
from repatria.assets.models import Asset, AssetStage
from repatria.assets.services import without_rate
from repatria.cases import supervision
from repatria.cases.models import OPEN_STATUSES, Case, Event, Return, SupervisionLevel
from repatria.cooperation.models import Request
from repatria.cooperation.services import overdue as overdue_requests
from repatria.core.models import Currency
from repatria.core.views import OfficerRequiredMixin
from repatria.screening.models import Alert, AlertStatus
from repatria.work import reminders

SHOWN = 10  # rows of each panel; its link leads to the full list


def task_links(today: datetime.date) -> dict[str, str]:
    """The full list behind each task panel."""
    tasks = reverse("work:task_list")
    week_end = today + datetime.timedelta(days=6)
    return {
        "mine": f"{tasks}?mine=true&state=open",
        "overdue": f"{tasks}?overdue=true",
        "week": f"{tasks}?state=open&due_after={today:%Y-%m-%d}&due_before={week_end:%Y-%m-%d}",
    }


def foreign_recoveries(user) -> QuerySet[Asset]:
    """The assets the user sees recovered in a currency other than the yuan (an amount recovered without its own
    currency was recovered in the one the asset was valued in), the latest first."""
    recovered = Asset.objects.restrict(user).filter(recovered_amount__isnull=False, recovered_on__isnull=False)
    yuan = Q(recovered_currency=Currency.CNY) | Q(recovered_currency="", value_currency=Currency.CNY)
    return recovered.exclude(yuan).order_by("-recovered_on", "-pk")


class DashboardView(OfficerRequiredMixin, TemplateView):
    """Every figure and list counts only the records the user may view."""

    template_name = "dashboard.html"

    def dispatch(self, request, *args, **kwargs):
        """Where each role starts: auditors in the trail, partners on their account page."""
        user = request.user
        if user.is_authenticated and not is_officer(user):
            return redirect("audit:auditentry_list" if reads_audit(user) else "account")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        today = timezone.localdate()
        open_cases = Case.objects.restrict(user).filter(status__in=OPEN_STATUSES)
        due = reminders.every_reminder(user, today)
        return super().get_context_data(
            counts={
                "open": open_cases.count(),
                "key_open": open_cases.filter(supervision_level=SupervisionLevel.CENTRAL).count(),
                "returned_this_year": Return.objects.restrict(user)
                .filter(date__year=today.year)
                .values("person")
                .distinct()
                .count(),
                "assets_frozen": Asset.objects.restrict(user).filter(stage=AssetStage.FROZEN).count(),
                "new_alerts": Alert.objects.restrict(user).filter(status=AlertStatus.NEW).count(),
            },
            year=today.year,
            key_cases=open_cases.filter(supervision_level=SupervisionLevel.CENTRAL)
            .select_related("province")
            .prefetch_related("persons")[:SHOWN],
            no_progress=due["no_progress"][:SHOWN],
            overdue_supervisions=supervision.overdue(user, today)[:SHOWN],
            no_progress_days=due["no_progress_days"],
            tasks={
                "mine": reminders.my_tasks(user)[:SHOWN],
                "overdue": reminders.overdue_tasks(user, today)[:SHOWN],
                "week": reminders.tasks_due_this_week(user, today)[:SHOWN],
            },
            task_links=task_links(today),
            expiring={name: due[name][:SHOWN] for name in ("passports", "red_notices", "freezing_orders")},
            without_rate=without_rate(foreign_recoveries(user))[:SHOWN],
            overdue_requests=overdue_requests(Request.objects.restrict(user).select_related("country"), today)[:SHOWN],
            recent_returns=Return.objects.restrict(user).select_related("person", "case", "country")[:SHOWN],
            recent_events=Event.objects.restrict(user).select_related("case", "person", "actor")[:15],
            today=today,
            **kwargs,
        )
