"""A real yente client against a live server: nomenklatura's YenteEnricher (run by yente_client.py in .venv-bench,
where it is installed for tests only) matches a partner's person and expands the match, and every answer holds to
yente's response models and FollowTheMoney's schema."""

import json
import subprocess
from pathlib import Path

import pytest

# Among the browser tests, and last of them: after it, the next live-server test of the run found its database
# unrestorable (a foreign key failed at its first commit), a flaw of ordering not yet understood.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "repatria" / "screening" / "tests" / "yente_client.py"
BENCH_PYTHON = ROOT / ".venv-bench" / "bin" / "python"
QUERY = {"schema": "Person", "properties": {"name": ["YEUNG Sau Lan"], "birthDate": ["1950-07"],
                                             "nationality": ["cn"]}}  # fmt: skip


def run_client(url: str, key: str, query: dict) -> subprocess.CompletedProcess:
    if not (ROOT / ".venv-bench" / ".yente").exists():
        pytest.fail("The yente client is not installed: run `make test`, which installs it in .venv-bench.")
    return subprocess.run(  # noqa: S603 - our own script, with arguments of our own
        [BENCH_PYTHON, CLIENT, "--api", f"{url}/api/", "--key", key, "--query", json.dumps(query)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


@pytest.fixture
def listed(case, person, partner):
    """杨秀兰, a red-notice subject of an open case led by the test's office."""
    person.red_notice_number = "A-1234/5-2016"
    person.save()
    return person


def test_the_yente_enricher_matches_and_expands_with_answers_that_hold_to_yente_and_ftm(live_server, listed, token_key):
    from repatria.screening.models import Alert

    done = run_client(live_server.url, token_key(), QUERY)
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout)

    assert [(match["id"], match["schema"]) for match in found["matches"]] == [(str(listed.pk), "Person")]
    by_schema = {entity["schema"]: entity for entity in found["expanded"]}
    assert set(by_schema) == {"Person", "Sanction", "UnknownLink", "Organization"}
    assert by_schema["Sanction"]["properties"]["authorityId"] == ["A-1234/5-2016"]
    assert by_schema["Sanction"]["properties"]["entity"] == [str(listed.pk)]  # the enricher links it back
    assert by_schema["UnknownLink"]["properties"]["subject"] == [str(listed.pk)]
    assert by_schema["UnknownLink"]["properties"]["object"] == [by_schema["Organization"]["id"]]
    # Each endpoint answered and held: the match, the entity, the catalog, the algorithms and the search.
    assert found["checked"] == {"match/": 1, "entities/": 1, "catalog": 1, "algorithms": 1, "search/": 1}
    # In the match, the entity and the search alike: the person, its notice, the link and the office, each checked.
    assert found["entities"] == 3 * 4
    assert Alert.objects.filter(person=listed).count() == 2  # the match and the search each raised one


def test_a_revoked_key_is_refused_to_the_yente_client(live_server, listed, token_key):
    from repatria.accounts import tokens
    from repatria.accounts.models import ApiToken

    key = token_key()
    tokens.revoke_token(ApiToken.objects.get())
    done = run_client(live_server.url, key, QUERY)
    assert done.returncode != 0 and "401" in done.stderr
