"""Bulk screening of a large file through the job code, on SQLite: rows per second and peak memory.

Usage:
    python bench/bulk_screening.py [--rows 1000000] [--persons 10000] [--chunk-rows 2000] [--keep]

Builds a throwaway SQLite database under a temporary directory (migrated, then `seed-demo --fast` with --persons
synthetic persons), writes a CSV of --rows synthetic travellers (names in characters and in pinyin, some dates,
sexes and nationalities; one row in a thousand is a listed person's name), queues it as an officer's job and runs
the worker's code on it (JobRunner, chunk by chunk with its checkpoints and screening logs), then prints the time,
rows per second and the peak resident memory. Not part of the test suite.
"""

import argparse
import os
import platform
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉萍文辉力鹏飞云峰斌宇浩凯健俊帆亮晨欣怡佳琳雪梅春燕丹"
)


def travellers(rows: int, listed_names: list[str], seed: int = 7):
    from pypinyin import lazy_pinyin

    rng = random.Random(seed)
    pinyin = {ch: lazy_pinyin(ch)[0] for ch in SURNAMES + GIVEN}
    for n in range(rows):
        if listed_names and n % 1000 == 500:
            name = rng.choice(listed_names)
        else:
            surname = rng.choice(SURNAMES)
            given = "".join(rng.choice(GIVEN) for _k in range(rng.choice((1, 2, 2))))
            if rng.random() < 0.5:
                name = surname + given
            else:
                name = f"{pinyin[surname].upper()} {''.join(pinyin[c] for c in given).capitalize()}"
        birth = f"{rng.randint(1940, 2005)}-{rng.randint(1, 12):02d}" if rng.random() < 0.7 else ""
        sex = rng.choice(("m", "f", ""))
        nationality = rng.choice(("CN", "US", "CA", "AU", "NZ", ""))
        yield [f"T{n}", name, "", birth, sex, nationality, "", ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--persons", type=int, default=10_000)
    parser.add_argument("--chunk-rows", type=int, default=2000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="repatria-bulk-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "repatria.settings")
    os.environ.setdefault("REPATRIA_DEV", "1")
    os.environ["PRIVATE_ROOT"] = str(work / "private")
    import django

    django.setup()
    import csv

    from django.core.files import File
    from django.core.management import call_command

    from repatria.accounts.models import Role, User
    from repatria.registry.models import Person
    from repatria.screening import bulk
    from repatria.screening.listing import registry_index
    from repatria.screening.models import BulkJob

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", persons=args.persons, fast=True, once=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"database: {args.persons:,} persons loaded in {time.perf_counter() - started:.0f} s ({work})")

    listed = list(Person.objects.order_by("pk").values_list("display_name", flat=True)[:200])
    source = work / "travellers.csv"
    started = time.perf_counter()
    with open(source, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "name", "alias", "birth_date", "gender", "nationality", "passport_number", "id_number"])
        writer.writerows(travellers(args.rows, listed))
    size = source.stat().st_size
    print(f"file: {args.rows:,} rows, {size / 2**20:.0f} MB, written in {time.perf_counter() - started:.0f} s")

    admin = User.objects.create_user("bench-admin", role=Role.ADMIN)
    started = time.perf_counter()
    with open(source, "rb") as f:
        job = bulk.create_job(user=admin, uploaded=File(f, name="travellers.csv"), threshold=0.7)
    print(f"upload check and store: {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    index = registry_index()
    print(f"index of {len(index):,} persons built in {time.perf_counter() - started:.1f} s")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    started = time.perf_counter()
    last = [started]

    def progress(done: int) -> None:
        now = time.perf_counter()
        if now - last[0] >= 30:
            rate = done / (now - started)
            print(f"  {done:,} rows, {rate:,.0f} rows/s", flush=True)
            last[0] = now

    bulk.run_job(job, chunk_rows=args.chunk_rows, index=index, after_chunk=progress)
    seconds = time.perf_counter() - started
    job = BulkJob.objects.get(pk=job.pk)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    results_mb = job.results.size / 2**20
    print(f"job {job.status}: {job.rows_done:,} rows, {job.matches:,} matches, results {results_mb:.0f} MB")
    print(f"time: {seconds:.0f} s, {job.rows_done / seconds:,.0f} rows/s (chunks of {args.chunk_rows:,})")
    print(f"peak resident memory: {peak / 1024:.0f} MB (before the job, with the index: {rss_before / 1024:.0f} MB)")
    machine = platform.processor() or platform.machine()
    print(f"machine: {machine}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    if not args.keep:
        import shutil

        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
