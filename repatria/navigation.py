"""The site's menu: the parts of the site each role sees, from every app (so it lives above them all).

Items are grouped by domain into a few dropdown menus, as NetBox does, so that the bar keeps to one line at the
widths offices use (down to 1280 px) in either language. A group none of whose items the user may see is left out.
"""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from repatria.accounts.permissions import is_officer, manages_tokens, reads_audit

# (menu, its items: (URL name, prefix of the view names it covers, label, who sees it))
NAV = [
    (
        pgettext_lazy("menu", "Registry"),
        [
            ("registry:person_list", "registry", _("Persons"), is_officer),
            ("cases:case_list", "cases:case", _("Cases"), is_officer),
            ("cases:return_list", "cases:return", _("Returns"), is_officer),
            ("assets:asset_list", "assets", _("Assets"), is_officer),
        ],
    ),
    (
        pgettext_lazy("menu", "Cooperation"),
        [
            ("cooperation:request_list", "cooperation:request", _("Requests"), is_officer),
            ("cooperation:country_list", "cooperation:country", _("Countries"), is_officer),
            ("cooperation:treaty_list", "cooperation:treaty", _("Treaties"), is_officer),
            ("cooperation:authority_list", "cooperation:authority", _("Foreign authorities"), is_officer),
            ("cooperation:lettertemplate_list", "cooperation:lettertemplate", _("Letter templates"), is_officer),
        ],
    ),
    (
        pgettext_lazy("menu", "Screening"),
        [
            ("screening:alert_list", "screening:alert", _("Alerts"), is_officer),
            ("screening:bulkjob_list", "screening:bulk", _("Bulk screening"), is_officer),
            ("screening:screeninglog_list", "screening:screeninglog", _("Screening log"), reads_audit),
        ],
    ),
    (
        pgettext_lazy("menu", "Statistics"),
        [
            ("stats:statistics", "stats:statistics", _("Statistics"), is_officer),
            ("stats:campaign_list", "stats:campaign", _("Campaigns"), is_officer),
            ("stats:exchangerate_list", "stats:exchangerate", _("Exchange rates"), is_officer),
        ],
    ),
    (
        pgettext_lazy("menu", "Administration"),
        [
            ("accounts:organisation_list", "accounts:organisation", _("Organisations"), is_officer),
            ("audit:auditentry_list", "audit", _("Audit trail"), reads_audit),
            ("accounts:token_list", "accounts:token", _("API tokens"), manages_tokens),
        ],
    ),
]


def _items(entries: list, user, here: str) -> list[dict]:
    return [
        {"url": reverse(name), "label": label, "active": here.startswith(prefix)}
        for name, prefix, label, shown in entries
        if shown(user)
    ]


def navigation(request: HttpRequest) -> dict:
    """The menus of the user's role; an item, and its menu, are active on every page of its part of the site."""
    match = request.resolver_match
    here = match.view_name if match else ""
    user = request.user
    groups = []
    for label, entries in NAV:
        items = _items(entries, user, here)
        if items:
            groups.append({"label": label, "items": items, "active": any(item["active"] for item in items)})
    return {
        "nav_groups": groups,
        "nav_home_active": here == "dashboard",
        "is_officer": is_officer(user),
    }
