"""The dashboard: what needs an officer's attention today, from every app (so it lives above them all)."""

import datetime

from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView

from repatria.accounts.permissions import is_officer, reads_audit
from repatria.assets.models import Asset, AssetStage
from repatria.cases.models import Case, CaseStatus, Event, Return, SupervisionLevel
from repatria.core.views import OfficerRequiredMixin
from repatria.screening.models import Alert, AlertStatus

OPEN = [CaseStatus.AT_LARGE, CaseStatus.LOCATED]
STALE_AFTER = datetime.timedelta(days=180)


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
        open_cases = Case.objects.restrict(user).filter(status__in=OPEN)
        latest_event = Event.objects.filter(case=OuterRef("pk")).order_by("-occurred_at").values("occurred_at")[:1]
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
            .prefetch_related("persons")[:10],
            stale_cases=open_cases.exclude(events__occurred_at__gte=timezone.now() - STALE_AFTER)
            .order_by("opened_on")
            .annotate(last_event=Subquery(latest_event))
            .select_related("province")[:10],
            recent_returns=Return.objects.restrict(user).select_related("person", "case", "country")[:10],
            recent_events=Event.objects.restrict(user).select_related("case", "person", "actor")[:15],
            **kwargs,
        )
