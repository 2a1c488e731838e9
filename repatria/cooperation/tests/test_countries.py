"""The country index and profile: conventions (unknown, never "no", when a state is not in the partial list),
treaties by status, the office's profile of a state, and figures of only what the user may see."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from repatria.accounts.models import Role, User
from repatria.accounts.tests.world import member_of
from repatria.assets.models import AssetStage
from repatria.cases.models import ReturnMethod
from repatria.cooperation.countries import believed_there, country_rows, median_days_to_answer
from repatria.cooperation.models import ConventionParty, CountryProfile, Request, RequestKind, RequestState, Treaty
from repatria.geo.models import Country
from repatria.registry.services import create_person, record_whereabouts

TODAY = datetime.date(2026, 1, 1)


def setup_user() -> User:
    return User.objects.get(username="setup")


def place(person, code: str, date_from: str, date_to: str = "") -> None:
    record_whereabouts(
        person=person, country=Country.objects.get(pk=code), date_from=date_from, date_to=date_to, actor=setup_user()
    )


def request_of(world, side: str, number: str, **fields) -> Request:
    records = world["records"][side]
    return Request.objects.create(
        number=number, direction="outgoing", kind="extradition", case=records["case"],
        country=Country.objects.get(pk="CA"), organisation=records["organisation"], channel="diplomatic", **fields,
    )  # fmt: skip


@pytest.fixture
def located(world):
    """Both sides' persons believed in Canada now; A's also in France, an older stay never closed."""
    a, b = world["records"]["A"]["person"], world["records"]["B"]["person"]
    place(a, "FR", "2019-02")
    place(a, "CA", "2020-05")
    place(b, "CA", "2021")
    place(b, "NZ", "2022", "2023")  # ended: not where B is now
    return world


@pytest.mark.django_db
def test_a_person_is_believed_where_their_latest_open_whereabouts_is(located):
    admin = setup_user()
    rows = {w.person.display_name: w.country_id for w in believed_there(admin).select_related("person")}
    assert rows == {"甲某某": "CA", "乙某某": "CA"}


@pytest.mark.django_db
def test_the_index_counts_only_the_fugitives_in_reach(client, located):
    client.force_login(member_of(located, Role.PROVINCIAL_OFFICER))
    page = client.get(reverse("cooperation:country_list"), {"q": "加拿大"})
    rows = page.context["rows"]
    assert [row.country.pk for row in rows] == ["CA"] and rows[0].fugitives == 1
    everything = country_rows(setup_user(), list(Country.objects.filter(pk__in=["CA", "FR"])), TODAY)
    assert {row.country.pk: row.fugitives for row in everything} == {"CA": 2, "FR": 0}


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "found"), [("美国", "US"), ("united states", "US"), ("us", "US"), ("USA", "US")])
def test_the_index_finds_a_country_by_chinese_or_english_name_or_code(client, world, query, found):
    client.force_login(member_of(world, Role.PROVINCIAL_OFFICER))
    rows = client.get(reverse("cooperation:country_list"), {"q": query}).context["rows"]
    assert found in [row.country.pk for row in rows]


@pytest.mark.django_db
def test_the_index_says_party_or_unknown_never_no(client, world):
    ConventionParty.objects.filter(country="US").delete()  # a state the partial list leaves out
    Treaty.objects.create(country_id="CN", kind="extradition", title_zh="x", in_force_on=datetime.date(2000, 1, 1))
    client.force_login(member_of(world, Role.PROVINCIAL_OFFICER))
    rows = {row.country.pk: row for row in client.get(reverse("cooperation:country_list")).context["rows"]}
    assert len(rows) == Country.objects.count()
    assert rows["CN"].conventions == {"UNCAC": True, "UNTOC": True} and rows["CN"].extradition
    assert rows["US"].conventions == {"UNCAC": None, "UNTOC": None} and not rows["US"].extradition
    assert rows["US"].treaties == 2  # the world's treaties of both sides
    page = client.get(reverse("cooperation:country_list"), {"q": "US"}).content.decode()
    assert "未知" in page


@pytest.mark.django_db
def test_the_index_makes_as_many_queries_for_many_persons(client, located):
    client.force_login(member_of(located, Role.PROVINCIAL_OFFICER))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("cooperation:country_list")).status_code == 200
        return len(queries)

    before = count()
    for i in range(5):
        place(create_person(names=[(f"丁{i}", "primary")]), "CA", "2022")
    assert count() == before


@pytest.mark.django_db
def test_the_profile_shows_conventions_treaties_by_status_and_demo_marks(client, world):
    ConventionParty.objects.filter(country="US").delete()  # a state the partial list leaves out
    us = Country.objects.get(pk="US")
    Treaty.objects.create(country=us, kind="extradition", title_zh="在途条约", signed_on=datetime.date(2020, 1, 1))
    Treaty.objects.create(country=us, kind="transfer", title_zh="终止条约", in_force_on=datetime.date(2001, 1, 1),
                          terminated_on=datetime.date(2010, 1, 1))  # fmt: skip
    Treaty.objects.create(country=us, kind="le_mou", title_zh="有效备忘录", in_force_on=datetime.date(2001, 1, 1))
    client.force_login(member_of(world, Role.PROVINCIAL_OFFICER))
    page = client.get(reverse("cooperation:country", args=["us"]))
    statuses = {label: [t.title_zh for t in treaties] for label, treaties in page.context["treaties"]}
    assert statuses == {"有效": ["有效备忘录"], "已签署未生效": ["在途条约", "条约A", "条约B"], "已终止": ["终止条约"]}
    body = page.content.decode()
    assert body.count('demo-mark">演示数据<') == 2  # the world's two demo treaties
    assert body.count("参考数据中没有（不完整的名单）") == 2
    china = client.get(reverse("cooperation:country", args=["CN"])).content.decode()
    assert "自2006-01-13起" in china and "Tractatenblad 2006" in china  # UNCAC, with its date and source


@pytest.mark.django_db
def test_an_unknown_country_code_is_404(client, world):
    client.force_login(member_of(world, Role.PROVINCIAL_OFFICER))
    for code in ("XX", "USA", "1"):
        assert client.get(reverse("cooperation:country", args=[code])).status_code == 404


@pytest.mark.django_db
def test_the_profile_figures_count_only_the_records_in_reach(client, located):
    request_of(located, "A", "A-1", state="executed", sent_on=datetime.date(2020, 1, 1),
               answered_on=datetime.date(2020, 1, 11))  # fmt: skip
    request_of(located, "A", "A-2", state="draft")
    request_of(located, "B", "B-1", state="refused", sent_on=datetime.date(2020, 1, 1),
               answered_on=datetime.date(2021, 1, 1))  # fmt: skip
    client.force_login(member_of(located, Role.PROVINCIAL_OFFICER))
    page = client.get(reverse("cooperation:country", args=["CA"]))
    assert page.context["fugitives"] == 1
    assert [w.person.display_name for w in page.context["fugitives_shown"]] == ["甲某某"]
    executed, draft = RequestState.EXECUTED.label, RequestState.DRAFT.label
    assert page.context["requests"] == [(RequestKind.EXTRADITION.label, [(draft, 1), (executed, 1)])]
    assert page.context["median_days"] == 10
    us = client.get(reverse("cooperation:country", args=["US"])).context
    assert us["assets_by_stage"] == [(AssetStage.IDENTIFIED.label, 1)]
    assert us["returns_by_method"] == [(ReturnMethod.ARREST.label, 1)]
    assert "乙某某" not in page.content.decode()


@pytest.mark.django_db
def test_the_median_is_of_the_answered_requests_only(world):
    for number, days in (("1", 3), ("2", 5), ("3", 30)):
        request_of(world, "A", number, sent_on=datetime.date(2020, 1, 1),
                   answered_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=days))  # fmt: skip
    request_of(world, "A", "4", sent_on=datetime.date(2020, 1, 1))
    assert median_days_to_answer(Request.objects.values_list("sent_on", "answered_on")) == 5
    assert median_days_to_answer([]) is None


@pytest.mark.django_db
def test_the_first_save_of_a_profile_creates_it_and_only_the_central_office_may(client, world):
    url = reverse("cooperation:countryprofile_edit", args=["US"])
    officer = member_of(world, Role.PROVINCIAL_OFFICER)
    client.force_login(officer)
    assert client.get(url).status_code == 403
    assert "countries/US/profile/" not in client.get(reverse("cooperation:country", args=["US"])).content.decode()
    client.force_login(setup_user())
    data = {"extradites_nationals": "yes", "death_penalty_assurance": "yes", "evidence_standard": "probable_cause",
            "document_languages": "English", "translation_required": "on", "notes": "需经外交途径"}  # fmt: skip
    assert client.post(url, data).status_code == 302
    profile = CountryProfile.objects.get(country="US")
    assert profile.evidence_standard == "probable_cause" and profile.notes == "需经外交途径"
    data |= {"notes": "改过", "expected_version": profile.version}
    assert client.post(url, data).status_code == 302
    assert CountryProfile.objects.get(country="US").notes == "改过"
    page = client.get(reverse("cooperation:country", args=["US"])).content.decode()
    assert "合理根据" in page and "改过" in page
