"""The peers our engine is measured against, on the same data in the same run (the bench venv: make bench-screening).

- rapidfuzz brute force: every query name against every listed name, romanised the plain way so that scripts can be
  compared at all (characters through pypinyin, surname then the given name run together, "zhang weiguo"; other
  scripts through anyascii), lowercased, words sorted (that is ``fuzz.token_sort_ratio``); a listed person scores
  their best name. Flagged at RAPIDFUZZ_THRESHOLD. Birth dates and documents are not looked at.
- nomenklatura's LogicV1 and LogicV2 (the matchers yente uses), scoring FollowTheMoney entities with names, birth
  dates, sex, nationality and document numbers. They cannot scan 100,000 persons per query, so, as yente does with
  its search index, each query gets candidates: the best by the rapidfuzz score above, as many as yente scores for
  ten results (limit x YENTE_MATCH_CANDIDATES, default 10: 100), plus anybody with the same document number. Only
  their scoring is timed; first, on its own, that of the SHORT_POOL best, what yente scores for its default five
  results. Flagged at NOMENKLATURA_THRESHOLD (yente's default).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence

import dataset as ds
import numpy as np
from anyascii import anyascii
from dataset import Hit, Results
from pypinyin import Style, lazy_pinyin
from rapidfuzz import fuzz, process

RAPIDFUZZ_THRESHOLD = 90
NOMENKLATURA_THRESHOLD = 0.7
CANDIDATES = 10 * 10  # yente: limit x YENTE_MATCH_CANDIDATES, for the ten results our engine gives
SHORT_POOL = 5 * 10  # yente's default limit of five
LAST_TIMES: dict[str, float] = {}  # peer (or peer@SHORT_POOL) -> queries per second, of the last run

_HAN = re.compile("[\u3400-\u9fff]")
_WORD = re.compile(r"[a-z0-9]+")


def plain(name: str) -> str:
    """The plain romanisation the brute force compares: words sorted, lowercase ASCII."""
    if _HAN.search(name):
        chars = [c for c in name if _HAN.match(c)]
        syllables = lazy_pinyin("".join(chars), style=Style.NORMAL)
        name = f"{syllables[0]} {''.join(syllables[1:])}" if syllables else ""
    return " ".join(sorted(_WORD.findall(anyascii(name).lower())))


def _document(number: str) -> str:
    return re.sub(r"[\s\-./]", "", number).upper()


class BruteForce:
    def __init__(self, data: ds.Dataset) -> None:
        self.owners: list[int] = []
        choices: list[str] = []
        for i, person in enumerate(data.persons):
            for name in dict.fromkeys(plain(n) for n in person.names):
                choices.append(name)
                self.owners.append(i)
        self.choices = choices
        self.owner = np.array(self.owners)
        self.persons = data.persons
        self.documents: dict[str, list[int]] = {}
        for i, person in enumerate(data.persons):
            for number in (person.passport, person.id_number):
                if number:
                    self.documents.setdefault(_document(number), []).append(i)

    def ranked(self, queries: Sequence[ds.Query], depth: int) -> Iterator[list[tuple[int, float]]]:
        """For each query, up to ``depth`` (person index, best name score 0–100), best first."""
        batch = 64
        for start in range(0, len(queries), batch):
            chunk = queries[start : start + batch]
            names = [plain(q.names[0]) for q in chunk]
            matrix = process.cdist(names, self.choices, scorer=fuzz.ratio, dtype=np.uint8, workers=1)
            for row in matrix:
                top = np.argpartition(row, -depth * 4)[-depth * 4 :]
                top = top[np.argsort(-row[top], kind="stable")]
                seen: dict[int, float] = {}
                for choice in top:
                    owner = self.owners[choice]
                    if owner not in seen:
                        seen[owner] = float(row[choice])
                        if len(seen) == depth:
                            break
                yield list(seen.items())


def _scored(algorithm, config, query, candidates: list) -> tuple[list[float], float]:
    """The algorithm's score of each candidate, and the seconds it took."""
    start = time.perf_counter()
    scores = [algorithm.compare(query, candidate, config).score for candidate in candidates]
    return scores, time.perf_counter() - start


def run_all(data: ds.Dataset, sample: Sequence[ds.Query], candidates: int = CANDIDATES):
    """(title, results) for each peer, on ``sample``."""
    brute = BruteForce(data)
    start = time.perf_counter()
    ranked = list(brute.ranked(sample, candidates))
    seconds = time.perf_counter() - start
    LAST_TIMES["rapidfuzz"] = len(sample) / seconds
    results: Results = {}
    for query, found in zip(sample, ranked, strict=True):
        results[query.id] = [
            Hit(brute.persons[i].id, score / 100, score >= RAPIDFUZZ_THRESHOLD) for i, score in found[:10]
        ]
    yield (
        f"rapidfuzz brute force (token_sort_ratio over {len(brute.choices):,} listed names, plain pypinyin/anyascii, "
        f"flagged at {RAPIDFUZZ_THRESHOLD}; {len(sample) / seconds:,.1f} queries/s on one core):",
        results,
    )
    from followthemoney import model
    from nomenklatura.matching import LogicV1, LogicV2

    queries = {q.id: model.get_proxy(q.to_ftm()) for q in sample}
    pools: dict[str, list[int]] = {}
    for query, found in zip(sample, ranked, strict=True):
        pool = [i for i, _score in found]
        for number in query.documents:
            pool.extend(i for i in brute.documents.get(_document(number), []) if i not in pool)
        pools[query.id] = pool
    proxies = {i: model.get_proxy(data.persons[i].to_ftm()) for pool in pools.values() for i in pool}
    for algorithm in (LogicV1, LogicV2):
        config = algorithm.default_config()
        first = next(iter(queries.values()))
        algorithm.compare(first, next(iter(proxies.values())), config)  # loads its tables: not timed
        # It keeps what it compared in caches: the short pools go first, cold; the full pools then find half their
        # pairs compared already, which can only flatter that figure.
        short_seconds = sum(
            _scored(algorithm, config, queries[q.id], [proxies[i] for i in pools[q.id][:SHORT_POOL]])[1] for q in sample
        )
        results, seconds = {}, 0.0
        for query in sample:
            pool = pools[query.id]
            scores, took = _scored(algorithm, config, queries[query.id], [proxies[i] for i in pool])
            seconds += took
            scored = list(zip(scores, pool, strict=True))
            scored.sort(key=lambda pair: (-pair[0], pair[1]))
            results[query.id] = [
                Hit(data.persons[i].id, score, score >= NOMENKLATURA_THRESHOLD) for score, i in scored[:10]
            ]
        qps, short_qps = len(sample) / seconds, len(sample) / short_seconds
        LAST_TIMES[algorithm.NAME], LAST_TIMES[f"{algorithm.NAME}@{SHORT_POOL}"] = qps, short_qps
        yield (
            f"nomenklatura {algorithm.NAME} (scoring the {candidates} best rapidfuzz candidates and any with the same "
            f"document number, flagged at {NOMENKLATURA_THRESHOLD}; {qps:,.1f} queries/s on one core, scoring only; "
            f"the {SHORT_POOL} best alone, timed first: {short_qps:,.1f} queries/s):",
            results,
        )
