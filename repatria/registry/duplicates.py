"""Persons already registered under the same name (in any script, as the screening engine compares names) and date
of birth: a warning, not a refusal, when a person is created or imported. As core.querysets.clash() does, a warning
links to the other person only for whom may see them; to anyone else it says only that the person is registered and
which organisation to ask."""

from collections.abc import Iterable

from django.db.models import Q
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from repatria.core.querysets import link_to, restrict, whom_to_ask

from .models import Person, PersonName
from .services import engine_matches


def _same_day(birth_date: str) -> Q:
    """The dates of birth, known to the year, the month or the day, that may be this one's day (1960 and 1960-05)."""
    return Q(birth_date__startswith=birth_date) | Q(birth_date__in={birth_date[:4], birth_date[:7]})


def namesakes(names: Iterable[str], birth_date: str) -> list[Person]:
    """The persons any of whose names is one of these, to the engine's full score or as typed, born the same day."""
    names = [name.strip() for name in names if name and name.strip()]
    if not names or not birth_date:
        return []
    found = set(PersonName.objects.filter(name__in=names).values_list("person", flat=True))
    for name in names:
        found.update(engine_matches(name))
    return list(Person.objects.filter(_same_day(birth_date), pk__in=found).order_by("pk"))


def warnings(user, names: Iterable[str], birth_date: str) -> list[SafeString]:
    """What to tell the user before a person of these names and date of birth is saved: one line for each namesake."""
    found = namesakes(names, birth_date)
    visible = set(restrict(Person.objects.filter(pk__in=[p.pk for p in found]), user).values_list("pk", flat=True))
    lines = []
    for person in found:
        if person.pk in visible:
            text = _("A person of the same name and date of birth is already registered: {person}.")
            lines.append(format_html(text, person=link_to(person)))
        else:
            text = _(
                "A person of the same name and date of birth is already registered, in a record outside what you may "
                "see; ask {organisation}."
            )
            lines.append(format_html(text, organisation=whom_to_ask(person)))
    return lines
