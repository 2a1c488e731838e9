"""The first search of a fresh web process against the ones after it, with and without the start-up warm-up.

    REPATRIA_DEV=1 .venv/bin/python bench/first_search.py [--cold]

Loads the site as a web process does (repatria.wsgi, which starts the warm-up) unless --cold, waits for the warm-up
(a request that comes sooner waits on the index's lock for the rest of it), then times searches of the registry the
database holds (seed it with `make run` or `repatria seed-demo --fast`).
"""

import os
import statistics
import sys
import threading
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "repatria.settings")
QUERIES = ["杨秀兰", "wang wei", "张伟", "li na", "陈静", "liu yang"]


def main(cold: bool) -> None:
    if cold:
        import django

        django.setup()
    else:
        start = time.perf_counter()
        import repatria.wsgi  # noqa: F401 (starts the warm-up, as in each gunicorn worker)

        for thread in threading.enumerate():
            if thread.name == "warm-up":
                thread.join()
        print(f"the web process loaded and warmed in {time.perf_counter() - start:.1f} s")
    from repatria.registry.models import Person
    from repatria.registry.services import search

    times = []
    for query in QUERIES:
        start = time.perf_counter()
        list(search(Person.objects.all(), query)[:50])
        times.append(time.perf_counter() - start)
    first, rest = times[0] * 1000, statistics.median(times[1:]) * 1000
    persons = Person.objects.count()
    print(f"{'cold' if cold else 'warmed'}: first {first:.0f} ms, the next median {rest:.0f} ms ({persons} persons)")


if __name__ == "__main__":
    main(cold="--cold" in sys.argv[1:])
