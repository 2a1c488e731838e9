"""The engine is a plain library: it imports and matches with Django made unimportable (lint-imports checks the
imports it names; this checks what it runs)."""

import subprocess
import sys

PROBE = """
import sys
sys.modules["django"] = None  # from here on, any import of django fails
from repatria.names import Entity, Index
index = Index([Entity(id="p1", names=("杨秀兰",)), Entity(id="p2", names=("张伟",))])
print(" ".join(result.id for result in index.match(Entity(id="q", names=("YEUNG Sau Lan",)))))
"""


def test_the_engine_imports_and_matches_without_django():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=False)  # noqa: S603
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["p1"]
