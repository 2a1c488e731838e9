"""What the office knows of each state, for the country index and profile: conventions, treaties with China, and
the figures of the records the user may see (every one from a restricted queryset).

A fugitive is believed to be in a state now when their latest open whereabouts (one with no end date) is there;
the latest is the one that began last (the later entry on the same day). A person brought back has no open
whereabouts: their return ends them.
"""

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Window

from repatria.assets.models import Asset, AssetStage
from repatria.cases.models import Return, ReturnMethod
from repatria.geo.models import Country
from repatria.registry.models import Whereabouts

from .figures import MEDIAN, percentile
from .models import Convention, ConventionParty, Request, RequestKind, RequestState, Treaty, TreatyKind
from .treaties import in_force

SHOWN_PERSONS = 50  # persons listed on a profile; the figure counts them all


def believed_there(user) -> QuerySet[Whereabouts]:
    """The latest open whereabouts of each person the user may see: where they are believed to be now."""
    later = Whereabouts.objects.filter(person=OuterRef("person"), date_to="").filter(
        Q(date_from__gt=OuterRef("date_from")) | Q(date_from=OuterRef("date_from"), pk__gt=OuterRef("pk"))
    )
    return Whereabouts.objects.restrict(user).filter(date_to="").filter(~Exists(later)).order_by()


def parties(user) -> set[tuple[str, str]]:
    """(country, convention) of every party in the reference list the user may read."""
    return set(ConventionParty.objects.restrict(user).values_list("country", "convention"))


@dataclass(frozen=True)
class CountryRow:
    country: Country
    conventions: dict[str, bool | None]  # True a party, None not in the (partial) reference list: unknown
    extradition: bool  # an extradition treaty in force
    treaties: int
    fugitives: int


def country_rows(user, countries: list[Country], today: datetime.date) -> list[CountryRow]:
    """A row of the index for each country: four queries whatever the number of countries or persons."""
    party = parties(user)
    treaties = {
        row["country"]: row
        for row in Treaty.objects.restrict(user)
        .order_by()
        .values("country")
        .annotate(total=Count("pk"), extradition=Count("pk", filter=in_force(today) & Q(kind=TreatyKind.EXTRADITION)))
    }
    fugitives = dict(believed_there(user).values("country").annotate(n=Count("person")).values_list("country", "n"))
    return [
        CountryRow(
            country=country,
            conventions={c: ((country.pk, c) in party) or None for c in Convention.values},
            extradition=bool(treaties.get(country.pk, {}).get("extradition")),
            treaties=treaties.get(country.pk, {}).get("total", 0),
            fugitives=fugitives.get(country.pk, 0),
        )
        for country in countries
    ]


def _tally(queryset: QuerySet, field: str, choices) -> list[tuple[str, int]]:
    """(label, count) of the records for each value of the field, in the choices' order, leaving out none found."""
    counts = Counter(dict(queryset.order_by().values(field).annotate(n=Count("pk")).values_list(field, "n")))
    return [(label, counts[value]) for value, label in choices if counts[value]]


def median_days_to_answer(sent_and_answered: Iterable[tuple]) -> float | None:
    """The median of the days from a request sent (or received) to its answer, of those answered, from the
    requests' (sent_on, answered_on)."""
    return percentile(sorted((answer - sent).days for sent, answer in sent_and_answered if sent and answer), MEDIAN)


def request_table(kinds_and_states: Iterable[tuple[str, str]]) -> list[tuple[str, list[tuple[str, int]]]]:
    """For each kind of request with any, (kind, [(state, count)]) in the choices' order, from the requests'
    (kind, state)."""
    counts = Counter(kinds_and_states)
    table = []
    for kind, kind_label in RequestKind.choices:
        states = [(label, counts[kind, state]) for state, label in RequestState.choices if counts[kind, state]]
        if states:
            table.append((kind_label, states))
    return table


def profile_figures(user, country: Country) -> dict:
    """The computed part of a country's profile, of the records the user may see."""
    # The fugitives counted and the latest listed in one read, the requests read once for both their figures: an
    # officer's restriction joins every case (and, for persons, every membership) each time it is asked.
    fugitives = believed_there(user).filter(country=country).annotate(total=Window(Count("pk")))
    shown = list(fugitives.order_by("-date_from", "-pk").prefetch_related("person")[:SHOWN_PERSONS])
    requests = Request.objects.restrict(user).filter(country=country).order_by()
    requests = list(requests.values_list("kind", "state", "sent_on", "answered_on"))
    return {
        "fugitives": shown[0].total if shown else 0,
        "fugitives_shown": shown,
        "assets_by_stage": _tally(Asset.objects.restrict(user).filter(jurisdiction=country), "stage",
                                  AssetStage.choices),
        "requests": request_table((kind, state) for kind, state, _sent, _answered in requests),
        "median_days": median_days_to_answer((sent, answered) for _kind, _state, sent, answered in requests),
        "returns_by_method": _tally(Return.objects.restrict(user).filter(country=country), "method",
                                    ReturnMethod.choices),
    }  # fmt: skip
