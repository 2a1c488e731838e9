"""The long schemathesis run against the API's own schema (the suite runs a short one).

Usage (`make fuzz` runs it on SQLite, then on a throwaway PostgreSQL):
    python bench/fuzz_api.py [--examples 300]

Runs repatria/core/tests/test_api_schema.py with many examples per operation, the coverage phase (boundary
and invalid values of every parameter), random rather than fixed seeds, and a provincial officer's session
beside the central administrator's. Any 5xx or answer outside the schema fails it, with a curl to reproduce.
"""

import argparse
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEST = "repatria/core/tests/test_api_schema.py"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=300, help="examples per operation and role")
    args = parser.parse_args()
    os.chdir(ROOT)
    os.environ.setdefault("REPATRIA_DEV", "1")
    os.environ["REPATRIA_FUZZ_EXAMPLES"] = str(args.examples)
    return pytest.main([TEST, "-p", "no:cacheprovider", "-q"])


if __name__ == "__main__":
    sys.exit(main())
