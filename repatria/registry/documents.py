"""The rules identity document numbers follow, where one is known: the PRC resident identity number and the PRC
passport; any other document gets only a sanity check. The model's validation and the importer both ask
`number_error`, so a number is refused in the same words whatever the way in.

Old 15-digit resident identity numbers (issued until 2004, no check character) are still found in records: they are
taken when their birth date (19YYMMDD) is a real day, as the importer has always taken them; they are not converted.
"""

import datetime
import re

from django.utils import timezone
from django.utils.translation import gettext as _

from repatria.names.entity import normalise_document

# GB 11643-1999: 6 digits of area, 8 of birth date, 3 of sequence, an ISO 7064 MOD 11-2 check character (X = 10).
_RESIDENT_ID = re.compile(r"^\d{17}[\dX]$")
_OLD_RESIDENT_ID = re.compile(r"^\d{15}$")
_WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]
_CHECK_CHARACTERS = "10X98765432"  # indexed by the weighted sum mod 11
# PRC passports: ordinary E + 8 digits (2012-), E + letter + 7 digits (when the E numbers ran out), G + 8 digits
# (before 2012); diplomatic, service and public-affairs D/S/P + 8 digits or DE/SE/PE + 7; the HKSAR's K + 8 or
# KJ + 7 and the MSAR's MA/MB + 7; pre-2006 ones 14/15 + 7 digits. Letters I and O are never used.
_PRC_PASSPORT = re.compile(r"^(?:[EGDSPKH]\d{8}|E[A-HJ-NP-Z]\d{7}|(?:DE|SE|PE|KJ|MA|MB)\d{7}|1[45]\d{7})$")
# Any other country's document: letters and digits, with at least one digit, of a plausible length.
_GENERIC = re.compile(r"^(?=.*\d)[A-Z0-9]{5,20}$")


def normalise(number: str) -> str:
    """The number as stored: as the screening engine and the search compare numbers, without spaces, hyphens, dots
    or slashes, in capital letters (“e 1234-5678” is E12345678)."""
    return normalise_document(number)


def _check_character(body: str) -> str:
    return _CHECK_CHARACTERS[sum(int(digit) * weight for digit, weight in zip(body, _WEIGHTS, strict=True)) % 11]


def _real_day(text: str) -> bool:
    try:
        day = datetime.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return False
    return datetime.date(1900, 1, 1) <= day <= timezone.localdate()


def resident_id_error(number: str) -> str:
    """Why a PRC resident identity number is wrong, or "" when it is right (normalised first)."""
    if _OLD_RESIDENT_ID.match(number):
        if not _real_day("19" + number[6:12]):
            return _("The birth date inside the resident identity number “%(number)s” is no real day.") % {
                "number": number
            }
        return ""
    if not _RESIDENT_ID.match(number):
        return _(
            "“%(number)s” is not a resident identity number: 18 characters, 17 digits and a digit or X (15 digits on "
            "old cards)."
        ) % {"number": number}
    if not _real_day(number[6:14]):
        return _("The birth date inside the resident identity number “%(number)s” is no real day.") % {"number": number}
    expected = _check_character(number[:17])
    if number[17] != expected:
        return _(
            "The resident identity number “%(number)s” has a wrong check character: a mistyped digit? (It would "
            "end in %(expected)s.)"
        ) % {"number": number, "expected": expected}
    return ""


def number_error(kind: str, country: str, number: str) -> str:
    """Why the number cannot be a document of this kind ("id_card", "passport", … as registry.models.DocumentKind)
    issued by this country (ISO alpha-2), or "" when it can; the number is normalised first."""
    number = normalise(number)
    if country == "CN" and kind == "id_card":
        return resident_id_error(number)
    if country == "CN" and kind == "passport" and not _PRC_PASSPORT.match(number):
        return _(
            "“%(number)s” is not a Chinese passport number: E and 8 digits, E, a letter and 7 digits, or G and 8 "
            "digits on older ones."
        ) % {"number": number}
    if kind != "other" and not _GENERIC.match(number):
        return _("“%(number)s” is not a document number: 5 to 20 letters and digits.") % {"number": number}
    return ""
