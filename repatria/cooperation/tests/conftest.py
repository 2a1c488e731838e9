import pytest

from repatria.accounts.tests.world import build_world


@pytest.fixture
def world(db) -> dict:
    return build_world()
