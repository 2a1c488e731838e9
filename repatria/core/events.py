"""The timeline's events as sentences: each app registers the describers of the kinds it writes.

An app registers its own kinds in its AppConfig.ready(), so that the page tag (core) and the cases app, which keeps
the timeline, need not import the apps above them to read their events.
"""

from collections.abc import Callable, Mapping

from django.db import models

# A describer turns an event's data (codes, not labels) into a sentence in the active language.
Describer = Callable[[dict], str]
_describers: dict[str, Describer] = {}


def register_event_kinds(describers: Mapping[str, Describer]) -> None:
    """Adds the describers of some event kinds, by kind."""
    _describers.update(describers)


def describe(event) -> str:
    """The event as a sentence in the active language; a kind nobody describes reads as its name."""
    describer = _describers.get(event.kind)
    return describer(event.data) if describer else event.get_kind_display()


def choice_label(choices: type[models.TextChoices], value: str) -> str:
    """The label of a code kept in an event, or the code itself should the choice have gone."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value
