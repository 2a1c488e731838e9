from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

NAV = [
    ("dashboard", "", _("Dashboard")),
    ("registry:person_list", "registry", _("Persons")),
    ("cases:case_list", "cases:case", _("Cases")),
    ("cases:return_list", "cases:return", _("Returns")),
    ("assets:asset_list", "assets", _("Assets")),
    ("accounts:organisation_list", "accounts", _("Organisations")),
]


def navigation(request: HttpRequest) -> dict:
    """The navigation bar; an item is active on every page of its part of the site."""
    match = request.resolver_match
    here = match.view_name if match else ""
    items = [
        {"url": reverse(name), "label": label, "active": bool(prefix) and here.startswith(prefix) or here == name}
        for name, prefix, label in NAV
    ]
    return {"nav_items": items}
