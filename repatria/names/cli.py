"""``python -m repatria screen`` and ``screen-pairs``: the engine on JSON-lines files, with no database and no Django.

Every input line is read and checked before anything is printed, so a bad line stops the run with its file and line
number and no partial output.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from . import DEFAULT_THRESHOLD, Entity, EntityError, Index, compare

__all__ = ["main"]


def _chinese() -> bool:
    return any(os.environ.get(v, "").lower().startswith("zh") for v in ("LC_ALL", "LC_MESSAGES", "LANG"))


class InputError(Exception):
    def __init__(self, path: str, line: int, reason: str) -> None:
        where = f"{path} 第 {line} 行" if _chinese() else f"{path}, line {line}"
        super().__init__(f"{where}: {reason}")


def _lines(path: str) -> Iterator[tuple[int, Any]]:
    try:
        handle = sys.stdin if path == "-" else Path(path).open(encoding="utf-8")  # noqa: SIM115 (closed below)
    except OSError as error:
        raise InputError(path, 0, error.strerror or str(error)) from error
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(path, number, f"not JSON ({error.msg})") from error


def _entities(path: str) -> list[Entity]:
    entities = []
    for number, data in _lines(path):
        try:
            entities.append(Entity.from_ftm(data, default_id=str(number)))
        except EntityError as error:
            raise InputError(path, number, str(error)) from error
    return entities


def _pairs(path: str) -> list[tuple[Entity, Entity]]:
    pairs = []
    for number, data in _lines(path):
        if not isinstance(data, dict) or not {"left", "right"} <= data.keys():
            raise InputError(path, number, 'a pair is {"left": ENTITY, "right": ENTITY}')
        try:
            pairs.append((Entity.from_ftm(data["left"]), Entity.from_ftm(data["right"])))
        except EntityError as error:
            raise InputError(path, number, str(error)) from error
    return pairs


def _write(out: TextIO, data: dict[str, Any]) -> None:
    out.write(json.dumps(data, ensure_ascii=False) + "\n")


def screen(args: argparse.Namespace, out: TextIO) -> None:
    index = Index(_entities(args.list))
    gc.freeze()  # the index's millions of objects live to the end: the collector need not walk them again and again
    queries = _entities(args.queries)
    for query in queries:
        results = index.match(query, limit=args.limit, threshold=args.threshold)
        _write(out, {"id": query.id, "results": [r.to_json() for r in results]})


def screen_pairs(args: argparse.Namespace, out: TextIO) -> None:
    for left, right in _pairs(args.pairs):
        result = compare(left, right, threshold=args.threshold)
        _write(out, {"score": result.score, "match": result.match})


def _threshold(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError("between 0 and 1")
    return value


def _parser(command: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"python -m repatria {command}")
    if command == "screen":
        parser.description = "Screen each query against the list; one JSON line of results per query, best first."
        parser.add_argument("--list", required=True, help="listed persons, FollowTheMoney JSON lines")
        parser.add_argument("--queries", required=True, help="persons to screen, same format ('-': stdin)")
        parser.add_argument("--limit", type=int, default=10, help="results per query (default 10)")
    else:
        parser.description = 'Score each {"left": ENTITY, "right": ENTITY} line; one JSON line per pair.'
        parser.add_argument("--pairs", required=True, help="pairs, JSON lines ('-': stdin)")
    parser.add_argument("--threshold", type=_threshold, default=DEFAULT_THRESHOLD, help="score that makes a match")
    return parser


def main(command: str, argv: list[str], out: TextIO = sys.stdout) -> int:
    """Run ``screen`` or ``screen-pairs`` with ``argv``; returns the exit status."""
    command = command.replace("_", "-")
    args = _parser(command).parse_args(argv)
    try:
        (screen if command == "screen" else screen_pairs)(args, out)
    except InputError as error:
        print(f"{'错误' if _chinese() else 'error'}: {error}", file=sys.stderr)
        return 2
    return 0
