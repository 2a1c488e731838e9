"""The first search after start-up is as fast as the rest: the web process builds the index in the background."""

import pytest

from repatria.core import warmup
from repatria.registry.models import Person
from repatria.registry.services import create_person, search
from repatria.screening import listing

SURNAMES = "王李张刘陈杨黄赵吴周"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀英华"


@pytest.fixture
def registry(transactional_db, django_db_serialized_rollback):
    """A registry of some size (its index takes a noticeable time to build), and no index yet, as at start-up."""
    for i, surname in enumerate(SURNAMES):
        for given in GIVEN:
            create_person(names=[(f"{surname}{given}{GIVEN[i]}", "primary")])
    listing.LISTING.reset()
    yield
    listing.LISTING.reset()


def test_the_web_process_warms_the_index_so_the_first_search_builds_nothing(registry):
    warmup.start().join(timeout=60)  # what repatria.wsgi starts; a request would wait for it on the index's lock
    index = listing.LISTING.index
    assert index is not None
    assert list(search(Person.objects.all(), "王伟")[:50])
    assert listing.LISTING.index is index  # the first search used the index built at start (bench/first_search.py)


def test_the_screening_app_registers_its_index_for_the_warm_up():
    assert listing.registry_index in warmup._tasks
