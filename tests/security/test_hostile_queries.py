"""Hostile addresses and forms: every page of the site, found in the URL configuration, asked with ids that are no
ids and sent back to another site, answers without a server error and never redirects off the site."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from repatria.accounts.models import User
from repatria.accounts.tests.world import build_world

from .routes import Route, routes

# What the pages read from their address, each given what no record id is.
READ = ("case", "person", "principal", "parent", "page", "sort", "export", "q", "period", "measure", "key")
HOSTILE_QUERY = dict.fromkeys(READ, "x1") | {"next": "https://evil.example/"}
EVIL = "https://evil.example/page"


def pages(world: dict) -> list[tuple[Route, str]]:
    """Every named page that takes no argument or a record's id (given province A's record of its type)."""
    records = {type(record): record for record in world["records"]["A"].values()}
    found = []
    for route in routes():
        if not route.arguments:
            found.append((route, reverse(route.name)))
        elif route.arguments == ["pk"] and route.model in records:
            found.append((route, reverse(route.name, args=[records[route.model].pk])))
    return found


@pytest.fixture
def world(db, client) -> dict:
    world = build_world()
    client.force_login(User.objects.get(username="setup"))  # the central administrator reaches every page
    return world


@pytest.mark.django_db
def test_no_page_fails_on_a_query_of_wrong_ids(client, world):
    failed = [url for _route, url in pages(world) if client.get(url, HOSTILE_QUERY).status_code >= 500]
    assert not failed


@pytest.mark.django_db
def test_no_form_fails_on_wrong_ids_in_its_fields(client, world):
    """Every field of every form posted with a value no id is: refused on the form, never a 500."""
    failed = []
    for route, url in pages(world):
        form_class = getattr(route.view, "form_class", None)
        if form_class is None or not hasattr(form_class, "base_fields"):
            continue
        data = dict.fromkeys(form_class.base_fields, "x1") | {"case": "x1", "person": "x1", "expected_version": "x"}
        if client.post(url, data).status_code >= 500:
            failed.append(url)
    assert not failed


@pytest.mark.django_db
def test_no_page_redirects_to_another_site(client, world):
    """A Referer or a ?next= from elsewhere is never followed off the site, whatever a form posts."""
    for _route, url in pages(world):
        for response in (client.post(f"{url}?next={EVIL}", {"next": EVIL}, HTTP_REFERER=EVIL), client.get(url)):
            location = urlsplit(response.headers.get("Location", ""))
            assert location.netloc in ("", "testserver"), (url, location)


@pytest.mark.django_db
def test_a_refused_note_goes_back_to_the_page_it_came_from_only_on_this_site(client, world):
    case = world["records"]["A"]["case"]
    response = client.post(reverse("cases:note"), {"text": ""}, HTTP_REFERER=EVIL)
    assert response.url == reverse("dashboard")
    response = client.post(
        reverse("cases:note"), {"text": ""}, HTTP_REFERER=f"http://testserver{case.get_absolute_url()}"
    )
    assert response.url == f"http://testserver{case.get_absolute_url()}"
