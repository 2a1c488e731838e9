"""Human typing and reading errors, drawn at random: the "typo", "ocr" and "space_hyphen" kinds.

Independent of the engine: these are plain random edits on the text a partner would have typed, with no knowledge of
syllables or romanisation. Keyboard neighbours are those of the US QWERTY layout (ISO/IEC 9995-2 letter block);
the OCR confusions are the classic ones of the OCR-B passport font read by a scanner (0/O, 1/I/l, 5/S, 8/B, rn/m,
cl/d, vv/w), as listed in ICAO Doc 9303 part 3's note on characters easily confused and in OCR error studies.
"""

from __future__ import annotations

import random

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _neighbours() -> dict[str, str]:
    """Each letter's neighbours on a QWERTY keyboard: left, right, and the two keys touching it above and below."""
    where = {c: (r, i) for r, row in enumerate(_ROWS) for i, c in enumerate(row)}
    found: dict[str, str] = {}
    for char, (row, col) in where.items():
        near = []
        for other_row, shifts in ((row, (-1, 1)), (row - 1, (0, 1)), (row + 1, (-1, 0))):
            if 0 <= other_row < len(_ROWS):
                # Rows are staggered: the row above touches columns col and col+1, the row below col-1 and col.
                for shift in shifts:
                    index = col + shift
                    if 0 <= index < len(_ROWS[other_row]) and (other_row, index) != (row, col):
                        near.append(_ROWS[other_row][index])
        found[char] = "".join(near)
    return found


NEIGHBOURS = _neighbours()
# What a scanner reads for what is printed (both ways where both are met).
OCR = {
    "O": ("0", "Q", "D"), "0": ("O",), "I": ("1", "l"), "1": ("I", "l"), "l": ("1", "I"), "S": ("5",), "5": ("S",),
    "B": ("8",), "Z": ("2",), "G": ("6",), "m": ("rn",), "M": ("RN",), "rn": ("m",), "RN": ("M",), "d": ("cl",),
    "w": ("vv",), "W": ("VV",), "i": ("l",), "u": ("ii",), "h": ("b",), "e": ("c",), "c": ("e",),
}  # fmt: skip
EDITS = ("substitute", "delete", "double", "transpose")
LONG = 12  # letters from which a name may carry two edits


def _letters(text: str) -> list[int]:
    return [i for i, c in enumerate(text) if c.isalpha()]


def _same_case(model: str, char: str) -> str:
    return char.upper() if model.isupper() else char


def edit(text: str, rng: random.Random, how: str | None = None) -> tuple[str, str]:
    """One random edit of one letter: (new text, what was done). Never the first letter's deletion alone on a
    two-letter word, never a no-op."""
    how = how or rng.choice(EDITS)
    positions = _letters(text)
    for _attempt in range(20):
        i = rng.choice(positions)
        char = text[i]
        if how == "substitute":
            new = _same_case(char, rng.choice(NEIGHBOURS.get(char.lower(), "e")))
            out = text[:i] + new + text[i + 1 :]
        elif how == "delete":
            out = text[:i] + text[i + 1 :]
        elif how == "double":
            out = text[:i] + char + text[i:]
        else:
            if i + 1 >= len(text) or not text[i + 1].isalpha() or text[i + 1].lower() == char.lower():
                continue
            out = text[:i] + text[i + 1] + char + text[i + 2 :]
        if out != text and all(len(w) > 1 for w in out.replace("-", " ").split()):
            return out, f"{how} {char!r}@{i}"
    return text, ""


def typo(text: str, rng: random.Random) -> tuple[str, str]:
    """One edit, two for a name of LONG letters or more (the second at another place)."""
    count = 2 if len(_letters(text)) >= LONG and rng.random() < 0.5 else 1
    notes = []
    for _ in range(count):
        text, note = edit(text, rng)
        notes.append(note)
    return text, "; ".join(n for n in notes if n)


def ocr(text: str, rng: random.Random) -> tuple[str, str]:
    """One OCR confusion (two on a long name), on the text as printed (passport names are upper case)."""
    count = 2 if len(_letters(text)) >= LONG and rng.random() < 0.5 else 1
    notes = []
    for _ in range(count):
        spots = [(i, key) for key in OCR for i in range(len(text)) if text.startswith(key, i)]
        if not spots:
            break
        i, key = rng.choice(spots)
        new = rng.choice(OCR[key])
        text = text[:i] + new + text[i + len(key) :]
        notes.append(f"{key}->{new}@{i}")
    return text, "; ".join(notes)


def space_hyphen(text: str, rng: random.Random) -> tuple[str, str]:
    """A missing or an extra space or hyphen: a separator dropped, or one put inside a word."""
    separators = [i for i, c in enumerate(text) if c in " -"]
    if separators and rng.random() < 0.5:
        i = rng.choice(separators)
        return text[:i] + text[i + 1 :], f"dropped {text[i]!r}@{i}"
    inner = [i for i in range(1, len(text)) if text[i - 1].isalpha() and text[i].isalpha()]
    i = rng.choice(inner)
    sep = rng.choice(" -")
    return text[:i] + sep + text[i:], f"extra {sep!r}@{i}"
