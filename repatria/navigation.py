"""The site's menu: the parts of the site each role sees, from every app (so it lives above them all)."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from repatria.accounts.permissions import is_officer, manages_tokens, reads_audit

# (URL name, prefix of the view names it covers, label, who sees it)
NAV = [
    ("dashboard", "", _("Dashboard"), is_officer),
    ("registry:person_list", "registry", _("Persons"), is_officer),
    ("cases:case_list", "cases:case", _("Cases"), is_officer),
    ("cases:return_list", "cases:return", _("Returns"), is_officer),
    ("assets:asset_list", "assets", _("Assets"), is_officer),
    ("stats:statistics", "stats:statistics", _("Statistics"), is_officer),
    ("screening:alert_list", "screening:alert", _("Alerts"), is_officer),
    ("screening:bulkjob_list", "screening:bulk", _("Bulk screening"), is_officer),
    ("stats:campaign_list", "stats:campaign", _("Campaigns"), is_officer),
    ("stats:exchangerate_list", "stats:exchangerate", _("Exchange rates"), is_officer),
    ("accounts:organisation_list", "accounts:organisation", _("Organisations"), is_officer),
    ("audit:auditentry_list", "audit", _("Audit trail"), reads_audit),
    ("screening:screeninglog_list", "screening:screeninglog", _("Screening log"), reads_audit),
    ("accounts:token_list", "accounts:token", _("API tokens"), manages_tokens),
]


def navigation(request: HttpRequest) -> dict:
    """The navigation bar of the user's role; an item is active on every page of its part of the site."""
    match = request.resolver_match
    here = match.view_name if match else ""
    user = request.user
    items = [
        {"url": reverse(name), "label": label, "active": bool(prefix) and here.startswith(prefix) or here == name}
        for name, prefix, label, shown in NAV
        if shown(user)
    ]
    return {"nav_items": items, "is_officer": is_officer(user)}
