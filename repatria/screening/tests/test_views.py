"""The alert pages: the list (filtered, sortable, only alerts in reach), the detail with the explanations in the
reader's language, the handling buttons, the dashboard count, and the screening log for auditors."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from repatria.accounts.models import Organisation, OrganisationKind, Role, User
from repatria.geo.models import Province
from repatria.names import Entity
from repatria.screening import services
from repatria.screening.explanations import explain
from repatria.screening.models import Alert, AlertStatus, Channel

QUERY = {"schema": "Person", "properties": {"name": ["YEUNG Sau Lan"], "birthDate": ["1950-07"],
                                            "nationality": ["ca"], "passportNumber": ["HK1234"]}}  # fmt: skip


@pytest.fixture
def alert(case, person, partner):
    user = User.objects.create_user("api-x", role=Role.PARTNER, organisation=partner)
    services.screen(
        Entity.from_ftm(QUERY), QUERY, user=user, channel=Channel.API, context="visa application, Vancouver"
    )
    return Alert.objects.get()


def other_province_officer() -> User:
    zhejiang = Organisation.objects.create(
        name_zh="浙江省追逃办", kind=OrganisationKind.PROVINCIAL_OFFICE, province=Province.objects.get(pk="330000")
    )
    return User.objects.create_user("zj-officer", role=Role.PROVINCIAL_OFFICER, organisation=zhejiang)


@pytest.mark.django_db
def test_the_list_shows_filters_sorts_and_exports_alerts(officer_client, alert):
    link = reverse("screening:alert", args=[alert.pk])

    def listed(**query) -> bool:
        return link in officer_client.get(reverse("screening:alert_list"), query).content.decode()

    page = officer_client.get(reverse("screening:alert_list")).content.decode()
    assert link in page and "杨秀兰" in page and "visa application, Vancouver" in page
    assert listed(status="new") and not listed(status="confirmed") and listed(status=["new", "confirmed"])
    assert listed(q="Yang Hsiu-lan") and not listed(q="张伟")
    for sort in ("score", "-created", "person", "status"):
        assert officer_client.get(reverse("screening:alert_list"), {"sort": sort}).status_code == 200
    csv = officer_client.get(reverse("screening:alert_list"), {"export": "csv"})
    assert "杨秀兰" in b"".join(csv.streaming_content).decode("utf-8-sig")


@pytest.mark.django_db
def test_the_detail_shows_person_case_partner_context_score_and_why(officer_client, alert, case):
    page = officer_client.get(reverse("screening:alert", args=[alert.pk])).content.decode()
    score = f"{alert.score:.2f}"
    for text in (
        "杨秀兰",
        case.number,
        "加拿大联络点",
        "visa application, Vancouver",
        score,
        "YEUNG Sau Lan",
        "HK1234",
    ):
        assert text in page, text
    with translation.override("zh-hans"):
        for msgid in ("the same name in Cantonese romanisation (as spelt in Hong Kong)",
                      "the birth year and month agree"):  # fmt: skip
            assert translation.gettext(msgid) in page


@pytest.mark.django_db
def test_the_explanations_read_in_english_too(alert):
    with translation.override("en"):
        rows = {str(row["feature"]): row for row in explain(alert.explanations)}
        assert rows["name"]["names"] == ("YEUNG Sau Lan", "杨秀兰")
        assert str(rows["name"]["text"]) == "the same name in Cantonese romanisation (as spelt in Hong Kong)"
        assert str(rows["date of birth"]["text"]) == "the birth year and month agree"
    with translation.override("en"):
        explained = explain({
            "gender": {"score": -0.1, "detail": "sex differs", "code": "differs"},
            "nationality": {"score": 0.03, "detail": "nationality agrees: ca, us", "code": "agrees",
                            "values": ["ca", "us"]},
            "document": {"score": 0.92, "detail": "document number agrees: E123", "code": "agrees",
                         "values": ["E123"]},
            "name": {"score": 0.8, "detail": "Zhang Wei ≈ 张伟国 similar spelling", "code": "spelling",
                     "values": ["Zhang Wei", "张伟国"]},
        })  # fmt: skip
        texts = [str(row["text"]) for row in explained]
    assert texts[0] == "sex differs" and texts[1].startswith("nationality agrees: Canada")
    assert texts[2] == "document number agrees: E123" and explained[3]["names"] == ("Zhang Wei", "张伟国")
    assert explained[3]["similarity"] == 80


@pytest.mark.django_db
def test_an_officer_acknowledges_then_confirms_with_notes(officer_client, officer, alert):
    url = reverse("screening:alert_handle", args=[alert.pk])
    officer_client.post(url, {"new": "acknowledged", "note": "已联系加方", "version": alert.version})
    alert.refresh_from_db()
    assert (alert.status, alert.handled_by) == (AlertStatus.ACKNOWLEDGED, officer)
    response = officer_client.post(url, {"new": "confirmed", "note": "照片一致", "version": alert.version}, follow=True)
    alert.refresh_from_db()
    assert alert.status == AlertStatus.CONFIRMED and "照片一致" in alert.note
    page = response.content.decode()
    assert 'name="new"' not in page  # nothing left to do


@pytest.mark.django_db
def test_a_stale_form_or_a_forbidden_move_says_why_and_saves_nothing(officer_client, officer, alert):
    url = reverse("screening:alert_handle", args=[alert.pk])
    old = alert.version
    services.acknowledge(alert, officer)
    response = officer_client.post(url, {"new": "false_positive", "version": old}, follow=True)
    assert "他人在您查看期间更改了" in response.content.decode()
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACKNOWLEDGED
    services.confirm(alert, officer)
    officer_client.post(url, {"new": "false_positive", "version": alert.version})
    alert.refresh_from_db()
    assert alert.status == AlertStatus.CONFIRMED


@pytest.mark.django_db
def test_an_officer_of_the_province_handles_the_alert_another_province_sees_nothing(client, alert, provincial_officer):
    client.force_login(provincial_officer)
    assert client.get(reverse("screening:alert", args=[alert.pk])).status_code == 200
    assert "杨秀兰" in client.get(reverse("screening:alert_list")).content.decode()
    client.post(reverse("screening:alert_handle", args=[alert.pk]), {"new": "acknowledged", "version": 1})
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACKNOWLEDGED

    client.force_login(other_province_officer())
    assert client.get(reverse("screening:alert", args=[alert.pk])).status_code == 404
    assert (
        reverse("screening:alert", args=[alert.pk]) not in client.get(reverse("screening:alert_list")).content.decode()
    )
    assert (
        client.post(reverse("screening:alert_handle", args=[alert.pk]), {"new": "confirmed", "version": 2}).status_code
        == 404
    )
    dashboard = client.get(reverse("dashboard")).context["counts"]
    assert dashboard["new_alerts"] == 0
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACKNOWLEDGED


@pytest.mark.django_db
def test_an_analyst_reads_alerts_but_cannot_handle_them(client, alert):
    client.force_login(User.objects.create_user("analyst", role=Role.ANALYST))
    page = client.get(reverse("screening:alert", args=[alert.pk])).content.decode()
    assert "杨秀兰" in page and 'name="new"' not in page
    assert (
        client.post(reverse("screening:alert_handle", args=[alert.pk]), {"new": "confirmed", "version": 1}).status_code
        == 404
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.PARTNER, Role.AUDITOR])
def test_partners_and_auditors_see_no_alert(client, alert, role):
    client.force_login(User.objects.create_user(f"u-{role}", role=role))
    assert client.get(reverse("screening:alert_list")).status_code == 403
    assert client.get(reverse("screening:alert", args=[alert.pk])).status_code == 403


@pytest.mark.django_db
def test_the_dashboard_counts_new_alerts_and_links_to_them(officer_client, alert):
    response = officer_client.get(reverse("dashboard"))
    assert response.context["counts"]["new_alerts"] == 1
    assert reverse("screening:alert_list") + "?status=new" in response.content.decode()
    assert reverse("screening:alert_list") in response.content.decode()  # the menu


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "allowed"), [(Role.AUDITOR, True), (Role.ADMIN, True), (Role.ANALYST, False),
                                               (Role.PROVINCIAL_OFFICER, False), (Role.PARTNER, False)])  # fmt: skip
def test_the_screening_log_is_for_auditors_and_administrators(client, alert, role, allowed):
    client.force_login(User.objects.create_user(f"u-{role}", role=role))
    response = client.get(reverse("screening:screeninglog_list"))
    assert response.status_code == (200 if allowed else 403)
    if allowed:
        page = response.content.decode()
        assert alert.log.query_hash in page and "api-x" in page and "visa application, Vancouver" in page
        assert (
            alert.log.query_hash
            in client.get(reverse("screening:screeninglog_list"), {"channel": "api"}).content.decode()
        )
        assert (
            alert.log.query_hash
            not in client.get(reverse("screening:screeninglog_list"), {"channel": "bulk"}).content.decode()
        )


@pytest.mark.django_db
def test_the_screening_pages_need_no_inline_script_or_style(officer_client, alert):
    from repatria.accounts.tests.test_signin_security import INLINE_HANDLER, INLINE_SCRIPT, STYLE_ATTRIBUTE

    for url in (reverse("screening:alert_list"), reverse("screening:alert", args=[alert.pk]),
                reverse("screening:screeninglog_list"), reverse("dashboard")):  # fmt: skip
        html = officer_client.get(url).content.decode()
        for pattern in (INLINE_SCRIPT, INLINE_HANDLER, STYLE_ATTRIBUTE):
            assert not pattern.search(html), (url, pattern)


@pytest.mark.django_db
def test_a_confirmed_alert_offers_to_record_the_place_it_reports(officer_client, officer, alert):
    page = officer_client.get(reverse("screening:alert", args=[alert.pk])).content.decode()
    assert "record-place" not in page  # not before it is confirmed
    services.confirm(alert, officer)
    page = officer_client.get(reverse("screening:alert", args=[alert.pk])).content.decode()
    link = re.search(r'href="(/whereabouts/add/\?[^"]+)"', page).group(1).replace("&amp;", "&")
    form = officer_client.get(link).content.decode()
    assert f'name="person" value="{alert.person_id}"' in form
    assert re.search(rf'<option value="{alert.raised_by.country_id}" selected', form)
    assert "visa application, Vancouver" in form and timezone.localdate(alert.created).isoformat() in form
