"""The provincial officer's request filter in its two forms, side by side on the same data (docs/BENCHMARKS.md,
"The province kept on the request"): the case's province OR, on no case, the office's (the grant before
cooperation/0010) against the province kept on the row (the grant since).

Usage, on a database that bench/cooperation_pages.py has loaded (its DATABASE_URL):
    python bench/cooperation_pages.py --repeat 1 && python bench/request_filter_forms.py [--province 440000]

Each query runs `--repeat` times in each form, the forms alternated query by query so that both meet the same load.
"""

import argparse
import os
import statistics
import time

from list_pages import measure  # noqa: F401 (sets Django up, as this script's neighbours)


def main() -> None:
    from django.db.models import Q

    from repatria.cooperation.models import Request

    parser = argparse.ArgumentParser()
    parser.add_argument("--province", default="440000")  # Guangdong, the benchmarks' provincial officer
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    forms = {
        "or": Q(case__province=args.province) | Q(case__isnull=True, organisation__province=args.province),
        "row": Q(province=args.province),
    }

    def admitted(queryset, form: str):  # as core.querysets.restrict admits them: one subquery
        return queryset.filter(pk__in=Request._base_manager.filter(forms[form]).values("pk"))

    requests = Request.objects.all()
    assert admitted(requests, "or").count() == admitted(requests, "row").count()
    queries = {
        "count": lambda form: admitted(requests, form).count(),
        "first page of 50": lambda form: list(admitted(requests, form)[:50]),
        "page 90": lambda form: list(admitted(requests, form)[4450:4500]),
        "count, state in execution": lambda form: admitted(requests.filter(state="in_execution"), form).count(),
        "count, country US": lambda form: admitted(requests.filter(country="US"), form).count(),
    }
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    print("| query | case's province OR office's, ms | province on the row, ms | ratio |")
    print("| --- | ---: | ---: | ---: |")
    for name, run in queries.items():
        times: dict[str, list[float]] = {"or": [], "row": []}
        for _ in range(args.repeat):
            for form in times:
                start = time.perf_counter()
                run(form)
                times[form].append((time.perf_counter() - start) * 1000)
        before, after = statistics.median(times["or"]), statistics.median(times["row"])
        print(f"| {name} | {before:.1f} | {after:.1f} | {before / after:.1f} |")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
