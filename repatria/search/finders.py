"""What the search box finds, and why. Every finder reads through the user's restricted querysets: a number of a
record out of reach finds nothing, and nothing says that it exists."""

import unicodedata
from dataclasses import dataclass

from django.db.models import F, Func, Model, QuerySet, Value
from django.db.models.functions import Replace, Upper
from django.utils.translation import gettext_lazy as _

from repatria.cases.models import Case
from repatria.names import Entity, compare
from repatria.names.chinese import compact_han, latin_tokens, script_of
from repatria.names.entity import DOCUMENT_NOISE, normalise_document
from repatria.registry.models import IdentityDocument, Person
from repatria.registry.services import engine_matches, substring_matches
from repatria.screening.explanations import NAME_CODES

# The most persons a name finds (the person list's filter shows all of them).
NAME_LIMIT = 50
# Engine codes of a name that agrees in full in another script or romanisation; the others only sound alike.
SAME_NAME = {"characters", "pinyin", "wade-giles", "cantonese", "customary", "letters"}

EXACT_NAME = _("exact name")
PART_OF_NAME = _("part of a name")
SIMILAR_PINYIN = _("similar pinyin")
CASE_NUMBER = _("same case number")
DOCUMENT_NUMBER = _("same document number")
RED_NOTICE_NUMBER = _("same red notice number")


@dataclass(frozen=True)
class Hit:
    record: Model
    why: str  # in the reader's language
    rank: int  # 0 a number or an exact name, 1 the same name otherwise written, 2 a name that sounds alike, 3 a part
    by_number: bool = False  # found by its own number: the record itself


def _number_key(field: str) -> Func:
    """The stored number as normalise_document makes the typed one: upper case, without spaces, -, ., /."""
    expression = F(field)
    for noise in (" ", *DOCUMENT_NOISE):
        expression = Replace(expression, Value(noise), Value(""))
    return Upper(expression)


def _by_key(queryset: QuerySet, field: str, key: str) -> QuerySet:
    return queryset.annotate(number_key=_number_key(field)).filter(number_key=key)


def by_number(user, text: str) -> list[Hit]:
    """The cases, and the persons by document or red notice number, whose number is what was typed."""
    key = normalise_document(text)
    if len(key) < 4 or not any(c.isdigit() for c in key):
        return []
    persons = Person.objects.restrict(user)
    documents = _by_key(IdentityDocument.objects.restrict(user), "number", key).values("person")
    return [
        *(
            Hit(case, str(CASE_NUMBER), 0, by_number=True)
            for case in _by_key(Case.objects.restrict(user), "number", key)
        ),
        *(Hit(person, str(DOCUMENT_NUMBER), 0, by_number=True) for person in persons.filter(pk__in=documents)),
        *(
            Hit(person, str(RED_NOTICE_NUMBER), 0, by_number=True)
            for person in _by_key(persons, "red_notice_number", key)
        ),
    ]


def _folded(name: str) -> str:
    """A name as two spellings of it compare equal: simplified characters, or its Latin words in any order."""
    if script_of(name) == "Han":
        return compact_han(name)
    return " ".join(sorted(latin_tokens(name))) or unicodedata.normalize("NFC", name).casefold().strip()


def _why_name(text: str, names: list[str]) -> tuple[int, str]:
    """How a person's names match what was typed: the rank and the reason."""
    typed = _folded(text)
    if any(_folded(name) == typed for name in names):
        return 0, str(EXACT_NAME)
    name = compare(Entity(id="", names=(text,)), Entity(id="-", names=tuple(names))).explanations.get("name", {})
    if name.get("score", 0) >= 1.0:
        code = name.get("code", "")
        return (1 if code in SAME_NAME else 2), str(NAME_CODES.get(code, SIMILAR_PINYIN))
    squeezed = "".join(text.split()).casefold()
    if any(squeezed in "".join(n.split()).casefold() for n in names):
        return 3, str(PART_OF_NAME)
    return 3, str(SIMILAR_PINYIN)


def by_name(user, text: str) -> list[Hit]:
    """The persons a name finds: those the engine matches in full, then those with a name containing it."""
    persons = Person.objects.restrict(user).prefetch_related("names")
    matched = persons.filter(pk__in=engine_matches(text))[:NAME_LIMIT]
    found = {person.pk: person for person in matched}
    for person in substring_matches(persons, text).exclude(pk__in=list(found))[: NAME_LIMIT - len(found)]:
        found[person.pk] = person
    hits = []
    for person in found.values():
        rank, why = _why_name(text, [n.name for n in person.names.all()])
        hits.append(Hit(person, why, rank))
    return sorted(hits, key=lambda hit: (hit.rank, hit.record.display_name))


def find(user, text: str) -> list[Hit]:
    """Every hit, the numbers first."""
    text = " ".join(text.split())
    if not text:
        return []
    return by_number(user, text) + by_name(user, text)
