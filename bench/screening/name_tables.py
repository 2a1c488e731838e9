"""The demo generator's name tables, read without Django.

``repatria/demo/tables.py`` imports the registry's models for its other tables, so importing it needs a
configured Django; the evaluation runs in a venv of its own without Django. Its plain literals (surname frequencies,
given-name characters, Western first names, the digests of names that must never be produced) are read here from
its syntax tree instead: the same values, one source.
"""

from __future__ import annotations

import ast
import functools
import hashlib
from pathlib import Path

TABLES = Path(__file__).resolve().parents[2] / "repatria" / "demo" / "tables.py"


@functools.cache
def _literals() -> dict[str, object]:
    tree = ast.parse(TABLES.read_text(encoding="utf-8"))
    found: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            if not isinstance(target, ast.Name) or node.value is None:
                continue
            value = _value(node.value)
            if value is None:
                continue
            if isinstance(node, ast.AugAssign):
                found[target.id] = found.get(target.id, ()) + value
            else:
                found[target.id] = value
    return found


def _value(node: ast.expr) -> object | None:
    try:
        return ast.literal_eval(node)
    except ValueError:
        pass
    # tuple((ch, weight) for i, ch in enumerate("...")): the characters, weighted as the generator weighs them.
    if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.GeneratorExp):
        for sub in ast.walk(node.args[0]):
            if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and len(sub.value) > 20:
                return sub.value
    # frozenset({...}) / frozenset("...")
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "frozenset" and node.args:
        try:
            return frozenset(ast.literal_eval(node.args[0]))
        except ValueError:
            return None
    return None


def surnames() -> tuple[tuple[str, float], ...]:
    return tuple(_literals()["SURNAMES"])


def _given(chars: str, top: int, middle: int) -> tuple[tuple[str, float], ...]:
    # As tables.py weighs them: the first ``top`` characters 3, up to ``middle`` 2, the rest 1.
    return tuple((ch, 3.0 if i < top else 2.0 if i < middle else 1.0) for i, ch in enumerate(chars))


def male_given() -> tuple[tuple[str, float], ...]:
    return _given(_literals()["MALE_GIVEN"], 20, 50)


def female_given() -> tuple[tuple[str, float], ...]:
    return _given(_literals()["FEMALE_GIVEN"], 20, 45)


def single_given_share() -> float:
    return float(_literals()["SINGLE_GIVEN_SHARE"])


def western_male() -> tuple[str, ...]:
    return tuple(_literals()["WESTERN_MALE"])


def western_female() -> tuple[str, ...]:
    return tuple(_literals()["WESTERN_FEMALE"])


def unchanged_in_traditional() -> frozenset[str]:
    return frozenset(_literals()["SURNAMES_UNCHANGED_IN_TRADITIONAL"])


def is_blocked(name: str) -> bool:
    return hashlib.sha256(name.encode()).hexdigest()[:16] in _literals()["BLOCKED_NAME_DIGESTS"]
