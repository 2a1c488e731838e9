"""Cooperation requests in the statistics: their figures on a small set whose answers are worked out by hand below,
on the page, in the workbook and in the API, within each user's reach and the period.

The requests of 2025 (GD: the Guangdong case A and the Guangdong office; ZJ: the Zhejiang cases C and F):
    R1 GD outgoing extradition to US, sent 2025-01-10, executed 2025-03-11: 60 days
    R2 GD outgoing MLA bank records to CA, sent 2025-02-01, refused (no dual criminality) 2025-02-21: 20 days
    R3 GD outgoing locate a person to TH, sent 2025-03-01: unanswered
    R4 GD incoming MLA taking evidence from FR on no case, received 2025-04-01, refused (political) 2025-04-11: 10
    R5 ZJ outgoing extradition to US, sent 2025-05-01, partly executed 2025-05-31: 30 days
    R6 ZJ incoming MLA service of documents from AU on case C, received 2025-06-01, executed 2025-10-09: 130 days
    R9 ZJ outgoing provisional arrest to JP, sent 2025-07-01, withdrawn 2025-07-15: no answer
and around them: R7 GD outgoing extradition to US sent 2024-12-31, executed 2025-01-05 (5 days, in 2024 by its
sending), R8 a GD draft never sent (in no period).
"""

import datetime
import io
import re

import pypdf
import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from repatria.accounts.testing import verified_login
from repatria.cooperation import services
from repatria.cooperation.figures import percentile, request_figures
from repatria.cooperation.models import CheckState, Direction, RefusalGround, RequestChannel, RequestState
from repatria.geo.models import Country
from repatria.stats import services as stats
from repatria.stats.periods import parse_period

pytestmark = pytest.mark.django_db
D = datetime.date
S = RequestState
TODAY = D(2026, 1, 15)


def _waive_checks(request, actor) -> None:
    for check in services.sync_checks(request):
        services.decide_check(check, state=CheckState.WAIVED, reason="统计测试", actor=actor)


def outgoing(w, case, kind, country, sent, answer=None, answered=None, ground=""):
    """A request of ours drafted by the province's officer, approved by the chief and sent on `sent`."""
    request = services.open_request(
        actor=w.gd, direction=Direction.OUTGOING, kind=kind, case=case, country=Country.objects.get(pk=country),
        organisation=case.lead_organisation, channel=RequestChannel.DIPLOMATIC,
    )  # fmt: skip
    if sent is None:
        return request
    _waive_checks(request, w.admin)
    for state in (S.REVIEW, S.APPROVED, S.SENT):
        request = services.move(request, state, actor=w.admin if state == S.APPROVED else w.gd, day=sent)
    if answer:
        request = services.move(request, answer, actor=w.admin, day=answered, refusal_ground=ground)
    return request


def incoming(w, kind, country, received, answer, answered, ground="", case=None, organisation=None):
    """A request received on `received`, refused at once or reviewed and executed."""
    request = services.open_request(
        actor=w.admin, direction=Direction.INCOMING, kind=kind, case=case, foreign_case="" if case else "FC-1",
        country=Country.objects.get(pk=country), organisation=organisation or case.lead_organisation,
        channel=RequestChannel.CENTRAL_AUTHORITY, received_on=received,
    )  # fmt: skip
    if answer == S.REFUSED:
        return services.move(request, S.REFUSED, actor=w.admin, day=answered, refusal_ground=ground)
    _waive_checks(request, w.admin)
    for state in (S.REVIEW, S.IN_EXECUTION):
        request = services.move(request, state, actor=w.admin, day=received)
    return services.move(request, answer, actor=w.admin, day=answered)


@pytest.fixture
def requests(world):
    gd_office = world.case_A.lead_organisation
    outgoing(world, world.case_A, "extradition", "US", D(2025, 1, 10), S.EXECUTED, D(2025, 3, 11))
    outgoing(world, world.case_A, "mla_bank_records", "CA", D(2025, 2, 1), S.REFUSED, D(2025, 2, 21),
             "dual_criminality")  # fmt: skip
    outgoing(world, world.case_A, "le_locate", "TH", D(2025, 3, 1))
    incoming(world, "mla_evidence", "FR", D(2025, 4, 1), S.REFUSED, D(2025, 4, 11), "political",
             organisation=gd_office)  # fmt: skip
    outgoing(world, world.case_F, "extradition", "US", D(2025, 5, 1), S.PARTLY_EXECUTED, D(2025, 5, 31))
    incoming(world, "mla_service", "AU", D(2025, 6, 1), S.EXECUTED, D(2025, 10, 9), case=world.case_C)
    outgoing(world, world.case_A, "extradition", "US", D(2024, 12, 31), S.EXECUTED, D(2025, 1, 5))
    outgoing(world, world.case_A, "extradition", "US", None)
    outgoing(world, world.case_F, "provisional_arrest", "JP", D(2025, 7, 1), S.WITHDRAWN, D(2025, 7, 15))
    return world


def counted(figures, breakdown: str) -> dict[str, int]:
    """The lines of a breakdown that count any request."""
    return {line.key: line.requests for line in getattr(figures, breakdown) if line.requests}


def days(figures) -> dict[str, tuple]:
    return {line.key: (line.answered, line.median, line.ninetieth) for line in figures.days_to_answer}


def cooperation(user, period: str, **filters):
    return stats.figures(
        user=user, period=parse_period(period), filters=stats.Filters(**filters), today=TODAY, compare=False
    ).cooperation


def test_percentiles_interpolate_between_the_closest_ranks():
    assert percentile([], 0.5) is None
    assert percentile([7], 0.9) == 7
    assert percentile([10, 130], 0.5) == 70  # the mean of the two middle values
    assert percentile([10, 20, 30, 60, 130], 0.9) == pytest.approx(102)  # rank 3.6: 60 + 0.6 × 70


def test_the_requests_of_a_year_by_kind_direction_country_and_state(requests):
    figures = cooperation(requests.admin, "2025")
    assert (figures.requests, figures.answered, figures.refused) == (7, 5, 2)
    assert counted(figures, "by_direction") == {"outgoing": 5, "incoming": 2}
    assert counted(figures, "by_kind") == {
        "extradition": 2, "mla_bank_records": 1, "le_locate": 1, "mla_evidence": 1, "mla_service": 1,
        "provisional_arrest": 1,
    }  # fmt: skip
    assert counted(figures, "by_country") == {"US": 2, "CA": 1, "TH": 1, "FR": 1, "AU": 1, "JP": 1}
    assert figures.by_country[0].key == "US"  # most first
    assert counted(figures, "by_state") == {
        "sent": 1, "executed": 2, "partly_executed": 1, "refused": 2, "withdrawn": 1,
    }  # fmt: skip
    assert counted(figures, "refusals_by_ground") == {"dual_criminality": 1, "political": 1}


def test_the_days_to_an_answer_per_direction_and_for_both(requests):
    # Outgoing answered: 20, 30, 60; incoming: 10, 130; both: 10, 20, 30, 60, 130.
    assert days(cooperation(requests.admin, "2025")) == {
        "outgoing": (3, 30, pytest.approx(54)),  # rank 1.8: 30 + 0.8 × 30
        "incoming": (2, 70, pytest.approx(118)),  # rank 0.5: (10 + 130) / 2; rank 0.9: 10 + 0.9 × 120
        "": (5, 30, pytest.approx(102)),
    }


def test_a_provincial_officer_counts_only_their_provinces_requests(requests):
    figures = cooperation(requests.gd, "2025")
    assert counted(figures, "by_direction") == {"outgoing": 3, "incoming": 1}  # R1-R3, and R4 addressed to GD
    assert counted(figures, "by_country") == {"US": 1, "CA": 1, "TH": 1, "FR": 1}
    # Outgoing answered: 20, 60; incoming: 10; both: 10, 20, 60.
    assert days(figures) == {
        "outgoing": (2, 40, pytest.approx(56)), "incoming": (1, 10, 10), "": (3, 20, pytest.approx(52)),
    }  # fmt: skip
    zhejiang = cooperation(requests.zj, "2025")
    assert counted(zhejiang, "by_kind") == {"extradition": 1, "mla_service": 1, "provisional_arrest": 1}


def test_the_filters_narrow_the_requests_as_they_narrow_the_cases(requests):
    assert cooperation(requests.admin, "2025", province="440000").requests == 4  # R4 is addressed to GD
    assert cooperation(requests.admin, "2025", country="US").requests == 2
    assert cooperation(requests.admin, "2025", offence="fraud").requests == 1  # R6, on case C; R4 has no case


def test_a_request_counts_in_the_period_it_was_sent_in(requests):
    first_quarter = cooperation(requests.admin, "2025-Q1")
    assert counted(first_quarter, "by_direction") == {"outgoing": 3}  # R7 was sent the day before
    assert days(cooperation(requests.admin, "2024"))["outgoing"] == (1, 5, 5)  # answered in 2025 all the same
    assert cooperation(requests.admin, "").requests == 8  # every year: all but the draft


def test_an_empty_period_shows_zeros_and_no_percentile(requests):
    figures = cooperation(requests.admin, "2023")
    assert (figures.requests, figures.answered, figures.refused) == (0, 0, 0)
    assert len(figures.by_kind) == 17 and not counted(figures, "by_kind")
    assert days(figures) == {"outgoing": (0, None, None), "incoming": (0, None, None), "": (0, None, None)}


def test_the_figures_are_counted_in_a_few_queries(requests, django_assert_num_queries):
    request_figures(user=requests.gd, first_day=None, last_day=TODAY)  # the user's grants, read once
    with django_assert_num_queries(3):  # the counts, the days to an answer, the countries' names
        request_figures(user=requests.gd, first_day=D(2025, 1, 1), last_day=D(2025, 12, 31))


# The page, the workbook, the report and the API --------------------------------------------------------------------


def signed_in(user, language: str = "zh-hans") -> Client:
    client = Client()
    verified_login(client, user)
    client.cookies["django_language"] = language
    return client


def section(user, language: str = "zh-hans", **query) -> str:
    """The page's international cooperation section."""
    response = signed_in(user, language).get(reverse("stats:statistics"), query)
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('class="mt-3 stats-cooperation"') :].split('<script id="stats-data"', 1)[0]


def table(html: str, name: str) -> dict[str, str]:
    """A table of the section: each row's label and its cells."""
    body = html.split(f'id="{name}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<th scope="row" class="fw-normal">([^<]*)</th>(.*?)</tr>', body, re.S)
    return {label: " ".join(re.findall(r"<td[^>]*>([^<]*)</td>", cells)) for label, cells in rows}


def test_the_page_shows_the_requests_in_chinese_with_how_they_count(requests):
    html = section(requests.admin, period="2025")
    assert "国际合作" in html and "本期发出或收到的请求" in html
    assert table(html, "by_direction") == {"发出": "5", "收到": "2"}
    assert table(html, "by_country")["美国"] == "2"
    assert table(html, "days_to_answer")["双向合计"] == "5 30 102"
    assert table(html, "refusals_by_ground") == {
        str(RefusalGround.DUAL_CRIMINALITY.label): "1", str(RefusalGround.POLITICAL.label): "1",
    }  # fmt: skip
    assert "计入期间" in html and "线性插值" in html  # the period's rule and the percentiles' method


def test_the_page_reads_in_english_too(requests):
    html = section(requests.admin, "en", period="2025")
    assert "International cooperation" in html
    assert table(html, "days_to_answer") == {
        "outgoing": "3 30 54", "incoming": "2 70 118", "both directions": "5 30 102",
    }  # fmt: skip
    assert table(html, "by_country")["United States"] == "2"
    assert "linear interpolation" in html and "sent (ours) or received" in html


def test_a_provincial_officer_sees_only_their_provinces_requests_on_the_page(requests):
    html = section(requests.gd, "en", period="2025")
    assert table(html, "days_to_answer") == {"outgoing": "2 40 56", "incoming": "1 10 10", "both directions": "3 20 52"}
    assert set(table(html, "by_kind")) == {"extradition", "MLA: bank records", "law enforcement: locate a person",
                                           "MLA: taking evidence"}  # fmt: skip


def test_an_empty_period_on_the_page_shows_zeros_and_no_percentile(requests):
    html = section(requests.admin, "en", period="2023")
    assert table(html, "by_direction") == {"outgoing": "0", "incoming": "0"}
    assert table(html, "days_to_answer")["both directions"] == "0 — —"
    assert table(html, "by_kind") == {}  # "None."


def workbook_sheet(user, **query) -> list[tuple]:
    response = signed_in(user, "en").get(reverse("stats:statistics_xlsx"), query)
    book = load_workbook(io.BytesIO(response.content))
    return list(book["International cooperation"].iter_rows(values_only=True))


def block(rows: list[tuple], heading: str) -> dict:
    """A block of the sheet under its heading: each line's label and its values, to the next empty row."""
    start = next(n for n, row in enumerate(rows) if row[0] == heading) + 1
    lines = {}
    for row in rows[start:]:
        if row[0] is None:
            break
        lines[row[0]] = row[1:]
    return lines


def test_the_workbook_has_a_sheet_of_the_requests_of_the_users_reach(requests):
    rows = workbook_sheet(requests.admin, period="2025")
    assert rows[0][:2] == ("Requests sent or received in the period", 7)
    days = block(rows, "Days to an answer")
    assert days["outgoing"][:3] == (3, 30, 54) and days["incoming"][:3] == (2, 70, 118)
    assert days["both directions"][:3] == (5, 30, 102)
    assert block(rows, "Direction") == {"outgoing": (5, "outgoing", None), "incoming": (2, "incoming", None)}
    assert len(block(rows, "Kind of request")) == 17  # every kind, zeros included
    assert block(rows, "Ground of refusal")[str(RefusalGround.POLITICAL.label)][:2] == (1, "political")
    assert any("linear interpolation" in (row[0] or "") for row in rows)
    provincial = workbook_sheet(requests.gd, period="2025")
    assert provincial[0][1] == 4
    assert block(provincial, "Days to an answer")["both directions"][:3] == (3, 20, 52)


def test_the_workbook_of_an_empty_period_has_zeros_and_blank_percentiles(requests):
    rows = workbook_sheet(requests.admin, period="2023")
    assert rows[0][1] == 0
    assert block(rows, "Days to an answer")["both directions"][:3] == (0, None, None)


def test_the_report_has_the_requests_tables(requests):
    response = signed_in(requests.admin).get(reverse("stats:statistics_pdf"), {"period": "2025"})
    text = "".join("".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages).split())
    assert "国际合作" in text and "答复天数" in text and "双向合计" in text
    assert "线性插值" in text


def api(user, **query) -> dict:
    response = signed_in(user, "en").get("/api/stats/statistics", query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.json()["cooperation"]


def test_the_api_gives_the_requests_figures_within_the_callers_reach(requests):
    data = api(requests.admin, period="2025")
    assert (data["requests"], data["answered"], data["refused"]) == (7, 5, 2)
    assert {line["key"]: line["requests"] for line in data["by_direction"]} == {"outgoing": 5, "incoming": 2}
    assert data["days_to_answer"][2] == {
        "key": "", "label": "both directions", "answered": 5, "median": 30.0, "ninetieth": pytest.approx(102),
    }  # fmt: skip
    assert {line["key"]: line["requests"] for line in data["refusals_by_ground"] if line["requests"]} == {
        "dual_criminality": 1, "political": 1,
    }  # fmt: skip
    provincial = api(requests.gd, period="2025")
    assert provincial["requests"] == 4
    assert [line["key"] for line in provincial["by_country"]] == ["CA", "FR", "TH", "US"]
    assert [(d["answered"], d["median"]) for d in provincial["days_to_answer"]] == [(2, 40), (1, 10), (3, 20)]


def test_the_api_of_an_empty_period_has_zeros_and_null_percentiles(requests):
    data = api(requests.admin, period="2023")
    assert data["requests"] == 0
    assert [(d["answered"], d["median"], d["ninetieth"]) for d in data["days_to_answer"]] == [(0, None, None)] * 3


def test_the_requests_are_counted_only_where_they_are_shown(requests):
    """The statistics page counts them; a campaign's results, which show none, do not."""
    from repatria.stats.models import Campaign

    campaign = Campaign.objects.create(name_zh="行动", starts_on=datetime.date(2025, 1, 1),
                                       ends_on=datetime.date(2025, 12, 31))  # fmt: skip
    assert cooperation(requests.gd, "2025").requests > 0
    assert stats.campaign_figures(user=requests.gd, campaign=campaign, today=TODAY).cooperation is None
