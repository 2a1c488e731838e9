"""`python -m tests.security.measure FILE`: read FILE as the import page does and as the bulk screening upload does, in
a process of its own, and print for each as JSON the CPU seconds the reading took, the peak memory it added to the
idle process in MB (ru_maxrss: zlib's and expat's allocations count, which tracemalloc misses) and the refusal.

CPU time, not wall time, so that other processes on a shared machine do not count.
"""

import json
import os
import resource
import sys
import time


def peak_megabytes() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(path: str) -> None:
    import django

    django.setup()
    from django.core.files.uploadedfile import UploadedFile
    from django.utils import translation

    from repatria.core.imports.rows import read_rows
    from repatria.core.reading import ImportFileError, unreadable
    from repatria.screening.bulk import check_file

    translation.activate("en")
    str(unreadable())  # the catalogue loaded before the idle figure
    idle = peak_megabytes()
    results = {}
    for entry, read in (("import", read_rows), ("bulk", check_file)):
        with open(path, "rb") as f:
            start = time.process_time()
            try:
                read(UploadedFile(f, name=os.path.basename(path), size=os.path.getsize(path)))
                refusal = None
            except ImportFileError as error:
                refusal = str(error)
            seconds = time.process_time() - start
        # The peak so far: after the second reading, that of both (a bound for each).
        results[entry] = {"seconds": seconds, "megabytes": peak_megabytes() - idle, "refusal": refusal}
    print(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1])
