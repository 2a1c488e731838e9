from typing import Any

from django.db import models
from django.db.models.fields.related import ForeignKey
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext as _


class RestrictedQuerySet(models.QuerySet):
    """`Model.objects.restrict(user, action)`: only the records the user's grants reach (accounts.permissions)."""

    def restrict(self, user, action: str = "view") -> "RestrictedQuerySet":
        from repatria.accounts.permissions import restrict

        return restrict(self, user, action)


def _shown(field: models.Field, value: Any) -> str:
    if isinstance(field, ForeignKey) and not isinstance(value, models.Model):
        value = field.related_model._base_manager.filter(pk=value).first() or value
    choices = dict(field.flatchoices) if field.choices else {}
    return str(choices.get(value, value))


def clash(model: type[models.Model], user, values: dict[str, Any], *, instance: models.Model | None = None) -> str:
    """Why these field values cannot be saved when another record holds them, or "" when none does.

    The message names that record only if the user may see it; otherwise it says no more than that the values are
    registered and whom to ask, so that a refusal never tells anyone what is outside their reach.
    """
    others = model._default_manager.filter(**values)
    if instance is not None and instance.pk is not None:
        others = others.exclude(pk=instance.pk)
    if not others.exists():
        return ""
    fields = [model._meta.get_field(name) for name in values]
    what = {
        "fields": capfirst(get_text_list([str(f.verbose_name) for f in fields], _("and"))),
        "values": " / ".join(_shown(f, values[f.name]) for f in fields),
    }
    visible = others.restrict(user, "view").first() if user is not None else None
    if visible is not None:
        return _("%(fields)s “%(values)s” is already registered: %(record)s.") % {
            **what,
            "record": visible.holder_label(),
        }
    return (
        _(
            "%(fields)s “%(values)s” is already registered in a record outside what you may see; ask the central "
            "coordination office to check it."
        )
        % what
    )
