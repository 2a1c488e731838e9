import pytest

from .world import build_world


@pytest.fixture
def world(db) -> dict:
    """Two provinces, each with one record of every type (see world.py)."""
    return build_world()
