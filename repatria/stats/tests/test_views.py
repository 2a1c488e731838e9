"""The statistics page, the records behind its figures and its downloads, on the world of conftest.py."""

import datetime
import io
import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from repatria.accounts.models import Role, User
from repatria.audit.models import AuditEntry, EntryKind
from repatria.cases.services import open_case, record_return
from repatria.geo.models import Country
from repatria.registry.services import create_person, record_whereabouts
from repatria.stats import exports
from repatria.stats.periods import PeriodError, parse_period
from repatria.stats.views import statistics

from .conftest import recover

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(user, **query):
    response = signed_in(user).get(reverse("stats:statistics"), query)
    assert response.status_code == 200
    return response.content.decode()


def headlines(html: str) -> dict[str, str]:
    """Each headline figure as shown, by the measure its link lists (countries lead to their table)."""
    block = html.split('class="row g-2 row-cols-2', 1)[1].split("</div>\n</div>\n", 1)[0]
    figures = re.findall(r'href="[^"]*(?:measure=(\w+)|#by_country)">([^<]+)</a>', block)
    return {measure or "countries": value for measure, value in figures}


def chart_data(html: str) -> dict:
    return json.loads(re.search(r'<script id="stats-data" type="application/json">(.*?)</script>', html, re.S)[1])


def listed(user, **query) -> str:
    response = signed_in(user).get(reverse("stats:statistics_records"), query)
    assert response.status_code == 200
    return response.content.decode()


def rows(html: str) -> list[str]:
    """The rows of the records table, as text."""
    body = html.split('class="table table-sm table-hover stats-records"', 1)[1].split("<tbody>", 1)[1]
    body = body.split("</tbody>", 1)[0]
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def refusal(period: str) -> str:
    """What the period's reader says of an unreadable period, in the active language."""
    with pytest.raises(PeriodError) as error:
        parse_period(period)
    return str(error.value)


def in_chinese(text: str) -> str:
    assert re.search(r"[\u4e00-\u9fff]", text), text
    return text


def test_the_administrator_sees_the_figures_of_2019_with_the_year_before(world):
    html = page(world.admin, period="2019")
    assert headlines(html) == {
        "returned": "4", "functionaries": "2", "red_notice": "2", "hundred_list": "1", "countries": "4",
        "amount": "1,200万", "died": "1", "abroad": "3",
    }  # fmt: skip
    assert "与2018-01-01至2018-12-31相比" in html  # the year before, which had no returns
    assert "+4" in html and "+1,200万" in html
    assert "2019年，中国共从4个国家和地区追回外逃人员4人，其中党员和国家工作人员2人、“红通人员”2人" in html
    assert "In 2019, China brought back 4 fugitives from 4 countries and regions" in html
    charts = chart_data(html)["charts"]
    assert set(charts) == {"by_month", "by_method", "by_country", "by_province", "abroad_by_years"}
    by_country = charts["by_country"]
    assert dict(zip(by_country["labels"], [bar["value"] for bar in by_country["persons"]], strict=True)) == {
        "美国": 1, "泰国": 1, "澳大利亚": 1, "法国": 1,
    }  # fmt: skip
    assert charts["by_month"]["labels"][2] == "2019年3月" and charts["by_month"]["amounts"][5]["value"] == 7000000.0
    assert reverse("stats:statistics_xlsx") + "?period=2019" in html


def test_the_page_is_in_english_for_an_english_reader(world):
    client = signed_in(world.admin)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("stats:statistics"), {"period": "2019"}).content.decode()
    assert headlines(html)["amount"] == "12M"
    assert "美国" not in chart_data(html)["charts"]["by_country"]["labels"]
    assert "United States" in chart_data(html)["charts"]["by_country"]["labels"]


def test_a_provincial_officer_sees_the_figures_of_their_province(world):
    html = page(world.gd, period="2019")
    assert headlines(html) == {
        "returned": "2", "functionaries": "2", "red_notice": "1", "hundred_list": "1", "countries": "2",
        "amount": "700万", "died": "1", "abroad": "2",
    }  # fmt: skip
    assert "测试C" not in listed(world.gd, period="2019", measure="returned")
    # Whose figures they are, on the page and in the bulletin, though no province was chosen.
    assert "以下是广东省的数字：该省办理的案件。" in html
    assert "2019年，广东省共从2个国家和地区追回外逃人员2人" in html
    assert "In 2019, Guangdong brought back 2 fugitives" in html
    assert "以下是" not in page(world.admin, period="2019")


def test_the_dead_are_listed_apart_from_the_persons_returned(world):
    assert rows(listed(world.admin, period="2019", measure="died"))[0].startswith("测试H 2019-09-09")
    assert "测试H" not in listed(world.admin, period="2019", measure="returned")


def test_the_province_filter_names_the_province_in_both_bulletins(world):
    html = page(world.admin, period="2019", province="330000")
    assert headlines(html)["returned"] == "2"
    assert "2019年，浙江省共从2个国家和地区追回外逃人员2人" in html
    assert "In 2019, Zhejiang brought back 2 fugitives" in html


@pytest.mark.parametrize("role", [Role.PARTNER, Role.AUDITOR])
def test_partners_and_auditors_are_refused(world, role):
    client = signed_in(User.objects.create_user("someone", role=role))
    for name in ("statistics", "statistics_records", "statistics_xlsx", "statistics_pdf"):
        assert client.get(reverse(f"stats:{name}"), {"period": "2019", "measure": "returned"}).status_code == 403


def test_the_page_opens_on_this_year_and_the_quick_links_change_the_period(world):
    html = page(world.admin)
    this_year = str(timezone.localdate().year)
    assert f'value="{this_year}"' in html
    assert f'aria-current="page">{this_year}</a>' in html
    html = page(world.admin, period="2020", province="330000")
    assert headlines(html)["returned"] == "1"  # F; G was Guangdong's
    assert "?period=2018-03..&amp;province=330000" in html  # a quick link keeps the filters
    html = page(world.admin, period="2020")
    assert headlines(html)["returned"] == "2"
    assert "−2 (−50.0%)" in html


def test_dates_from_and_to_give_the_period(world):
    html = page(world.admin, start="2019-03-10", end="2019-12-31")
    assert headlines(html)["returned"] == "4"
    html = page(world.admin, start="2019-03-11", end="2019-12-30")
    assert headlines(html)["returned"] == "2"  # B (30 November) and D; A and C fall on the days outside


def test_an_invalid_query_shows_the_error_in_chinese_and_no_figures(world):
    html = page(world.admin, period="2019-02-30")
    assert in_chinese(refusal("2019-02-30")) in html
    assert "stats-headlines" not in html and "stats-data" not in html
    html = page(world.admin, period="2019", province="999999")
    assert "选择一个有效的选项" in html and "stats-headlines" not in html


def test_the_records_behind_a_figure_are_exactly_those_counted(world):
    returned = rows(listed(world.admin, period="2019", measure="returned"))
    assert len(returned) == 4
    [b] = [row for row in returned if "测试B" in row]  # back twice in 2019: once, by the last return
    assert "2019-11-30" in b and "泰国" in b and "ST-B" in b
    thailand = listed(world.admin, period="2019", measure="returned", breakdown="by_country", key="TH")
    assert len(rows(thailand)) == 1 and "泰国" in thailand
    # B's surrender from Canada is not counted in 2019: no such figure, so no such list.
    response = signed_in(world.admin).get(
        reverse("stats:statistics_records"), {"period": "2019", "measure": "returned", "breakdown": "by_country",
                                              "key": "CA"}
    )  # fmt: skip
    assert response.status_code == 404
    assets = rows(listed(world.admin, period="2019", measure="amount"))
    assert [asset.split()[1] for asset in assets] == ["ST-C", "ST-A"]  # newest first
    assert "1,000,000.00 USD（≈ 700.00万元）" in assets[1] and "500.00万元" in assets[0]
    abroad = rows(listed(world.admin, period="2019", measure="abroad", breakdown="abroad_by_years", key="5-10"))
    assert len(abroad) == 1 and "测试E" in abroad[0] and "2012-05-01" in abroad[0] and "ST-E" in abroad[0]


def test_every_count_on_the_page_lists_as_many_records(world):
    client = signed_in(world.admin)
    html = page(world.admin, period="2019")
    links = re.findall(r'<a href="(/stats/records/\?[^"]+)">(\d+)</a>', html)
    assert len(links) > 20
    for url, count in links:
        listing = client.get(url.replace("&amp;", "&")).content.decode()
        assert len(rows(listing)) == int(count), url


def test_a_long_list_is_read_page_by_page(world, monkeypatch):
    monkeypatch.setattr(statistics, "PER_PAGE", 3)
    first = listed(world.admin, period="2019", measure="returned")
    following = re.search(r'<a class="page-link" href="\?([^"]+)">', first)[1]  # "previous" is disabled
    second = signed_in(world.admin).get(f"{reverse('stats:statistics_records')}?{following.replace('&amp;', '&')}")
    names = [row.split()[0] for row in rows(first) + rows(second.content.decode())]
    assert names == ["测试C", "测试B", "测试D", "测试A"]  # newest first, each once


@pytest.mark.parametrize(
    "query",
    [
        {"measure": "everything"},
        {"measure": "returned", "breakdown": "by_colour", "key": "red"},
        {"measure": "abroad", "breakdown": "by_method", "key": "arrest"},
        {"measure": "functionaries", "breakdown": "by_country", "key": "US"},
    ],
)
def test_a_list_of_no_figure_is_not_found(world, query):
    response = signed_in(world.admin).get(reverse("stats:statistics_records"), {"period": "2019", **query})
    assert response.status_code == 404


def test_an_invalid_query_of_a_list_says_why(world):
    html = listed(world.admin, period="2019-13", measure="returned")
    assert in_chinese(refusal("2019-13")) in html and "stats-records" not in html


def test_a_missing_rate_leaves_every_figure_and_marks_the_amount_incomplete(world):
    recover(world.admin, world.case_E, "GB", "250", "GBP", datetime.date(2019, 8, 8))
    html = page(world.admin, period="2019")
    assert headlines(html)["returned"] == "4" and headlines(html)["amount"] == "1,200万"
    notice = re.search(r'<div class="alert alert-warning stats-incomplete-amount"[^>]*>(.*?)</div>', html, re.S)[1]
    assert "1笔追赃未计入金额" in re.sub(r"<[^>]+>", "", notice)
    add = reverse("stats:exchangerate_add") + "?currency=GBP&amp;date=2019-08-08"
    assert f'href="{add}">GBP 2019-08-08</a>' in notice
    left_out = rows(listed(world.admin, period="2019", measure="unconverted"))
    assert len(left_out) == 1 and "250" in left_out[0]
    form = signed_in(world.admin).get(reverse("stats:exchangerate_add"), {"currency": "GBP", "date": "2019-08-08"})
    assert 'value="2019-08-08"' in form.content.decode()
    download = signed_in(world.admin).get(reverse("stats:statistics_xlsx"), {"period": "2019"})
    summary = list(load_workbook(io.BytesIO(download.content)).worksheets[0].iter_rows(values_only=True))
    assert any(row[1:3] == ("GBP", 250) and row[0].date() == datetime.date(2019, 8, 8) for row in summary)
    assert str(exports.MEASURES["returned"]) in {row[0] for row in summary}
    pdf = signed_in(world.admin).get(reverse("stats:statistics_pdf"), {"period": "2019"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "stats-incomplete-amount" not in page(world.admin, period="2019-01..2019-07")


def test_both_downloads_hold_the_figures_and_are_in_the_audit_trail(world):
    client = signed_in(world.admin)
    xlsx = client.get(reverse("stats:statistics_xlsx"), {"period": "2019", "province": "330000"})
    assert xlsx["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert xlsx["Content-Disposition"] == 'attachment; filename="statistics-2019.xlsx"'
    book = load_workbook(io.BytesIO(xlsx.content))
    summary = {row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True) if row and row[0]}
    assert summary[str(exports.MEASURES["returned"])] == 2
    assert len(book.worksheets) == 10  # the summary, 8 breakdowns, international cooperation
    pdf = client.get(reverse("stats:statistics_pdf"), {"period": "2019"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"] == 'attachment; filename="statistics-2019.pdf"'
    entries = AuditEntry.objects.filter(kind=EntryKind.EXPORT).order_by("seq")
    assert [(e.username, e.after["format"], e.after["query"], e.after["rows"]) for e in entries] == [
        ("chief", "xlsx", "period=2019&province=330000", 2),
        ("chief", "pdf", "period=2019", 4),
    ]


def test_the_page_makes_as_many_queries_however_many_records_there_are(world):
    def queries() -> int:
        client = signed_in(world.admin)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("stats:statistics"), {"period": "2019"}).status_code == 200
        return len(captured)

    before = queries()
    for n, code in enumerate(("JP", "KR", "SG", "MY", "GB", "DE")):
        person, accomplice = (
            create_person(names=[(f"测试多{n}", "primary")]),
            create_person(names=[(f"测试同{n}", "primary")]),
        )
        case = open_case(
            actor=world.admin, number=f"ST-M{n}", title="案件", province=world.case_A.province,
            lead_organisation=world.case_A.lead_organisation, opened_on=datetime.date(2018, 1, 1),
            fled_on=datetime.date(2018, 1, 1), persons={person: "principal", accomplice: "accomplice"},
            offences=("fraud", "embezzlement"),
        )  # fmt: skip
        country = Country.objects.get(pk=code)
        record_return(case=case, person=person, date=datetime.date(2019, 1 + n, 2), method="arrest", country=country,
                      actor=world.admin)  # fmt: skip
        record_whereabouts(person=accomplice, country=country, actor=world.admin, date_from="2018-02")
        recover(world.admin, case, code, "100", "CNY", datetime.date(2019, 1 + n, 3))
    grown = headlines(page(world.admin, period="2019"))
    assert (grown["returned"], grown["abroad"], grown["countries"]) == ("10", "9", "10")
    assert queries() == before


def test_the_records_of_the_amount_read_the_rates_once_however_many_foreign_recoveries(world):
    def queries() -> int:
        client = signed_in(world.admin)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("stats:statistics_records"), {"period": "2019", "measure": "amount"})
            assert response.status_code == 200
        return len(captured)

    before = queries()
    for day in (4, 10, 20):
        recover(world.admin, world.case_A, "US", "10", "USD", datetime.date(2019, 6, day))
    assert len(rows(listed(world.admin, period="2019", measure="amount"))) == 5
    assert queries() == before
