"""The measured evaluation of the screening engine, and of its peers on the same data in the same run.

    python bench/screening/evaluate.py --listed 20000 --ours-only   # quick: our engine only, under a minute
    python bench/screening/evaluate.py                              # 100,000 listed, with the peers

Prints, per variant kind, recall@1, recall@10, and precision and recall at the default threshold; the hard
negatives; recall by what the query knows of the birth date; nomenklatura's ten Person cases as synthetic shapes
(``shapes``); and the performance figures. The kinds of issue 17 (``variants``: typos, OCR, the romanisations met
abroad) come after those of issue 3, which ``--issue3-only`` asks alone, as before them. ``--report`` also writes
the tables to a file, ``--failures`` every query we got wrong (for tuning the engine), ``--out`` the list and queries
as FollowTheMoney JSON lines (``python -m repatria screen --list OUT/list.jsonl --queries OUT/queries.jsonl``).

Definitions (per kind, over its positives and the hard negatives written in that kind):
- recall@k: share of positives whose listed person is among the first k results, namesakes of the query (same name in
  its writing system, nothing contradicting) not counted ahead of it;
- precision at the threshold: true matches flagged / all flagged, a flagged namesake counting neither way;
- recall at the threshold: share of positives whose listed person is flagged.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import os
import platform
import random
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

import dataset as ds  # noqa: E402
from dataset import Hit, Results  # noqa: E402


@dataclass
class Row:
    kind: str
    positives: int = 0
    negatives: int = 0
    at1: int = 0
    at10: int = 0
    flagged_true: int = 0
    flagged_false: int = 0
    flagged_namesakes: int = 0
    negatives_flagged: int = 0  # negative queries with at least one false flag

    @property
    def recall1(self) -> float | None:
        return self.at1 / self.positives if self.positives else None

    @property
    def recall10(self) -> float | None:
        return self.at10 / self.positives if self.positives else None

    @property
    def precision(self) -> float | None:
        flagged = self.flagged_true + self.flagged_false
        return self.flagged_true / flagged if flagged else None

    @property
    def recall_t(self) -> float | None:
        return self.flagged_true / self.positives if self.positives else None


def judge(data: ds.Dataset, query: ds.Query, hits: list[Hit]) -> dict:
    """What one query's results were: rank of the expected person (namesakes not counted ahead), flags."""
    rank, ahead = None, 0
    false_flags, namesakes, true_flag = [], 0, False
    for hit in hits[:10]:
        if hit.id == query.expected:
            rank = ahead + 1
            true_flag = hit.flagged
            continue
        namesake = data.is_namesake(query, hit.id)
        if not namesake:
            ahead += 1
        if hit.flagged:
            if namesake:
                namesakes += 1
            else:
                false_flags.append(hit)
    return {"rank": rank, "true_flag": true_flag, "false_flags": false_flags, "namesakes": namesakes}


def score_table(data: ds.Dataset, queries: Sequence[ds.Query], results: Results, by: Callable[[ds.Query], str]):
    rows: dict[str, Row] = {}
    overall = Row("overall")
    for query in queries:
        verdict = judge(data, query, results[query.id])
        for row in (rows.setdefault(by(query), Row(by(query))), overall):
            if query.negative:
                row.negatives += 1
                row.negatives_flagged += bool(verdict["false_flags"])
            else:
                row.positives += 1
                row.at1 += verdict["rank"] == 1
                row.at10 += verdict["rank"] is not None
                row.flagged_true += verdict["true_flag"]
            row.flagged_false += len(verdict["false_flags"])
            row.flagged_namesakes += verdict["namesakes"]
    return rows, overall


def _f(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def kind_table(data: ds.Dataset, queries: Sequence[ds.Query], results: Results, title: str) -> str:
    rows, overall = score_table(data, queries, results, lambda q: q.kind)
    lines = [
        f"{title}",
        "",
        "| kind | positives | hard negatives | recall@1 | recall@10 | precision@T | recall@T | false flags |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind in ds.ALL_KINDS:
        if kind in rows:
            r = rows[kind]
            lines.append(
                f"| {kind} | {r.positives} | {r.negatives} | {_f(r.recall1)} | {_f(r.recall10)} | {_f(r.precision)} "
                f"| {_f(r.recall_t)} | {r.flagged_false} |"
            )
    r = overall
    lines.append(
        f"| **overall** | {r.positives} | {r.negatives} | {_f(r.recall1)} | {_f(r.recall10)} | {_f(r.precision)} "
        f"| {_f(r.recall_t)} | {r.flagged_false} |"
    )
    return "\n".join(lines)


def negative_table(data: ds.Dataset, queries: Sequence[ds.Query], results: Results) -> str:
    negatives = [q for q in queries if q.negative]
    rows, overall = score_table(data, negatives, results, lambda q: q.negative)
    lines = [
        "| hard negative | queries | queries with a false flag | share | false flags |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name in ds.ALL_NEGATIVES:
        if name in rows:
            r = rows[name]
            lines.append(
                f"| {name} | {r.negatives} | {r.negatives_flagged} | {_f(r.negatives_flagged / r.negatives)} "
                f"| {r.flagged_false} |"
            )
    return "\n".join(lines)


def date_table(data: ds.Dataset, queries: Sequence[ds.Query], results: Results) -> str:
    positives = [q for q in queries if not q.negative]
    rows, _overall = score_table(data, positives, results, lambda q: q.date_mode)
    lines = [
        "| birth date in the query | positives | recall@1 | recall@10 | recall@T |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for mode, _share in ds.DATE_MODES:
        if mode in rows:
            r = rows[mode]
            lines.append(f"| {mode} | {r.positives} | {_f(r.recall1)} | {_f(r.recall10)} | {_f(r.recall_t)} |")
    return "\n".join(lines)


# ---- our engine ------------------------------------------------------------------------------------------------------


def rss_mb() -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class Ours:
    index: object
    build_seconds: float
    rss_before: float
    rss_after: float
    peak_rss: float


def build_ours(data: ds.Dataset) -> Ours:
    from repatria.names import Entity, Index

    entities = [Entity.from_ftm(p.to_ftm()) for p in data.persons]
    gc.collect()
    before = rss_mb()
    start = time.perf_counter()
    index = Index(entities)
    seconds = time.perf_counter() - start
    gc.collect()
    gc.freeze()  # as the registry's listing and the CLI do once the index is built
    return Ours(index, seconds, before, rss_mb(), peak_rss_mb())


def run_ours(ours: Ours, queries: Sequence[ds.Query]) -> tuple[Results, list[float], float]:
    """Results, each query's seconds, and the wall time of the whole loop (one core: Python runs one thread)."""
    from repatria.names import DEFAULT_THRESHOLD, Entity

    entities = [Entity.from_ftm(q.to_ftm()) for q in queries]
    results: Results = {}
    latencies = []
    match = ours.index.match
    start = time.perf_counter()
    for query, entity in zip(queries, entities, strict=True):
        t0 = time.perf_counter()
        found = match(entity, limit=10, threshold=DEFAULT_THRESHOLD)
        latencies.append(time.perf_counter() - t0)
        results[query.id] = [Hit(r.id, r.score, r.match) for r in found]
    return results, latencies, time.perf_counter() - start


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


# ---- nomenklatura's Person cases, as shapes -------------------------------------------------------------------------


def shape_section(per_shape: int, seed: int, with_peer: bool) -> str:
    """Each of the ten shapes drawn ``per_shape`` times, scored pair by pair as ``screen-pairs`` does (and by
    nomenklatura's logic-v2 itself with the peers)."""
    import shapes

    from repatria.names import DEFAULT_THRESHOLD, Entity, compare

    drawn = list(shapes.pairs(per_shape, seed))
    examples = {}
    ours: dict[str, list[bool]] = defaultdict(list)
    for number, pair in enumerate(drawn):
        ftm = pair.ftm(number)
        result = compare(Entity.from_ftm(ftm["left"]), Entity.from_ftm(ftm["right"]), threshold=DEFAULT_THRESHOLD)
        ours[pair.shape].append(result.match == pair.matches)
        examples.setdefault(pair.shape, f"{pair.query} / {pair.listed}")
    title = (
        f"nomenklatura's ten Person cases as shapes with synthetic names, {per_shape} pairs each; our engine "
        f"(repatria.names.compare, as screen-pairs, threshold {DEFAULT_THRESHOLD}); held = judged as the test requires:"
    )
    out = [shapes.table(title, ours, examples)]
    if with_peer:
        from followthemoney import model
        from nomenklatura.matching import LogicV2

        config, theirs = LogicV2.default_config(), defaultdict(list)
        for number, pair in enumerate(drawn):
            ftm = pair.ftm(number)
            score = LogicV2.compare(model.get_proxy(ftm["left"]), model.get_proxy(ftm["right"]), config).score
            theirs[pair.shape].append((score > 0.7) == pair.matches)
        out.append(shapes.table("The same pairs, nomenklatura logic-v2 (score > 0.7, as its test):", theirs, examples))
    return "\n\n".join(out)


# ---- failures --------------------------------------------------------------------------------------------------------


def failures(data: ds.Dataset, queries: Sequence[ds.Query], results: Results, per_kind: int = 60) -> str:
    def describe(pid: str) -> str:
        p = data.by_id[pid]
        return f"{' / '.join(p.names)} ({p.birth_date}, {p.sex}{', ' + p.passport if p.passport else ''})"

    def show(hits: list[Hit]) -> str:
        return "; ".join(
            f"{' / '.join(data.by_id[h.id].names)} {h.score:.2f}{'*' if h.flagged else ''}" for h in hits[:5]
        )

    out = [
        "Queries our engine got wrong, by kind. '*' = flagged at the default threshold.",
        "miss@10: the listed person is not in the first 10; not flagged: found but under the threshold;",
        "not first: another (not a namesake) ranked ahead; false flag: somebody else flagged.",
        "",
    ]
    grouped: dict[str, list[str]] = defaultdict(list)
    counts: dict[str, defaultdict[str, int]] = defaultdict(lambda: defaultdict(int))
    for query in queries:
        hits = results[query.id]
        verdict = judge(data, query, hits)
        asked = (
            f"{' / '.join(query.names)} [{query.birth_date or 'no date'}{', ' + query.gender if query.gender else ''}]"
        )
        if query.documents:
            asked += f" doc {', '.join(query.documents)}"
        problems = []
        if not query.negative:
            if verdict["rank"] is None:
                problems.append("miss@10")
            elif not verdict["true_flag"]:
                problems.append("not flagged")
            if verdict["rank"] not in (None, 1):
                problems.append("not first")
        if verdict["false_flags"]:
            problems.append("false flag")
        kind = query.kind + (f" / {query.negative}" if query.negative else "")
        for problem in problems:
            counts[kind][problem] += 1
        if problems:
            line = f"- {', '.join(problems)}: {asked} ({query.note})"
            if query.expected:
                line += f"\n    expected {describe(query.expected)}"
            line += f"\n    returned {show(hits) or 'nothing'}"
            grouped[kind].append(line)
    for kind in sorted(grouped):
        total = sum(1 for q in queries if q.kind + (f" / {q.negative}" if q.negative else "") == kind)
        summary = ", ".join(f"{problem} {count}" for problem, count in sorted(counts[kind].items()))
        out.append(f"## {kind}: {len(grouped[kind])} of {total} queries ({summary})")
        out.extend(grouped[kind][:per_kind])
        if len(grouped[kind]) > per_kind:
            out.append(f"  … and {len(grouped[kind]) - per_kind} more")
        out.append("")
    return "\n".join(out)


# ---- the machine ---------------------------------------------------------------------------------------------------


def machine() -> str:
    with open("/proc/cpuinfo") as handle:
        cpu = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), "?")
    with open("/proc/meminfo") as handle:
        memory = int(handle.readline().split()[1]) / 1024 / 1024
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GB RAM, Python {platform.python_version()}"


# ---- main ----------------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The screening evaluation (see the module's docstring).")
    parser.add_argument("--listed", type=int, default=ds.DEFAULT_LISTED)
    parser.add_argument("--per-kind", type=int, default=300, help="positive queries per kind")
    parser.add_argument("--negatives", type=int, default=400, help="queries per kind of hard negative")
    parser.add_argument("--seed", type=int, default=ds.DEFAULT_SEED)
    parser.add_argument("--ours-only", action="store_true", help="skip the peers")
    parser.add_argument("--peer-sample", type=int, default=1500, help="queries the peers are asked (random subset)")
    parser.add_argument("--candidates", type=int, default=100, help="rapidfuzz candidates nomenklatura scores")
    parser.add_argument("--issue3-only", action="store_true", help="without the kinds of issue 17 (and the shapes)")
    parser.add_argument("--shape-pairs", type=int, default=100, help="pairs per nomenklatura Person shape")
    parser.add_argument("--report", type=Path, help="also write the tables here")
    parser.add_argument("--failures", type=Path, help="write the queries we got wrong here")
    parser.add_argument("--out", type=Path, help="write list.jsonl, queries.jsonl and truth.jsonl here")
    args = parser.parse_args(argv)

    started = datetime.datetime.now()
    t0 = time.perf_counter()
    data = ds.generate(args.listed, args.per_kind, args.negatives, args.seed, independent=not args.issue3_only)
    generated = time.perf_counter() - t0
    if args.out:
        ds.write(data, args.out)
    queries = data.queries
    positives = sum(1 for q in queries if not q.negative)
    head = [
        f"Screening evaluation, {started:%Y-%m-%d %H:%M}, seed {args.seed}: {len(data.persons):,} listed persons, "
        f"{positives:,} positive queries and {len(queries) - positives:,} hard negatives "
        f"(generated in {generated:.0f} s; {data.crowded} positive draws not asked: more than "
        f"{ds.MAX_NAMESAKES} namesakes).",
        f"Machine: {machine()}.",
    ]
    print("\n".join(head), flush=True)

    ours = build_ours(data)
    results, latencies, wall = run_ours(ours, queries)
    from repatria.names import DEFAULT_THRESHOLD

    sections = [
        "\n".join(head),
        kind_table(data, queries, results, f"Our engine (Index.match, limit 10, threshold {DEFAULT_THRESHOLD}):"),
        negative_table(data, queries, results),
        date_table(data, queries, results),
        (
            f"Our performance: index of {len(data.persons):,} built in {ours.build_seconds:.1f} s, RSS "
            f"{ours.rss_before:.0f} -> {ours.rss_after:.0f} MB (+{ours.rss_after - ours.rss_before:.0f} MB; process "
            f"peak {ours.peak_rss:.0f} MB); {len(queries):,} queries in {wall:.2f} s = "
            f"{len(queries) / wall:,.0f} queries/s on one core; Index.match p50 "
            f"{percentile(latencies, 0.5) * 1000:.2f} ms, p95 {percentile(latencies, 0.95) * 1000:.2f} ms, "
            f"max {max(latencies) * 1000:.1f} ms."
        ),
    ]
    if not args.issue3_only:
        sections.append(shape_section(args.shape_pairs, args.seed, with_peer=not args.ours_only))
    print("\n\n".join(sections[1:]), flush=True)
    if args.failures:
        args.failures.write_text(failures(data, queries, results), encoding="utf-8")
    if args.report:
        args.report.write_text("\n\n".join(sections) + "\n", encoding="utf-8")

    if not args.ours_only:
        import peers

        sample = sorted(random.Random(f"peers:{args.seed}").sample(queries, min(args.peer_sample, len(queries))),
                        key=lambda q: q.id)  # fmt: skip
        ours_sample = {q.id: results[q.id] for q in sample}
        ours_seconds = sum(latencies[i] for i, q in enumerate(queries) if q.id in ours_sample)
        peer_sections = [
            f"Peers, on a random subset of {len(sample):,} of the queries (the same for each; our engine's figures "
            f"on that subset for comparison).",
            kind_table(
                data, sample, ours_sample, f"Our engine on the subset ({len(sample) / ours_seconds:,.0f} queries/s):"
            ),
        ]
        print("\n\n".join(peer_sections), flush=True)
        for title, peer_results in peers.run_all(data, sample, candidates=args.candidates):
            new = [kind_table(data, sample, peer_results, title), negative_table(data, sample, peer_results)]
            peer_sections.extend(new)
            print("\n\n".join(new), flush=True)
        v2, v2_short = peers.LAST_TIMES.get("logic-v2"), peers.LAST_TIMES.get(f"logic-v2@{peers.SHORT_POOL}")
        if v2 and v2_short:
            our_qps = len(queries) / wall
            ratio = (
                f"Throughput ratio: ours {our_qps:,.0f} queries/s (all queries, ten results each) / nomenklatura "
                f"logic-v2 {v2:,.1f} queries/s (scoring {args.candidates} candidates each, as yente does for ten "
                f"results) = {our_qps / v2:,.0f}x; against its {v2_short:,.1f} queries/s scoring {peers.SHORT_POOL} "
                f"(yente's default of five results) = {our_qps / v2_short:,.0f}x."
            )
            peer_sections.append(ratio)
            print(ratio, flush=True)
        sections.extend(peer_sections)
        if args.report:
            args.report.write_text("\n\n".join(sections) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
