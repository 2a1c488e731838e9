"""The statistics as officers read them: the page with the query, the headline figures beside the year before,
charts with their tables and the bulletin in both languages; the records behind each figure; the figures as XLSX
and PDF. The numbers all come from `services.figures`, so the page, its lists and the files say the same."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import Model
from django.http import Http404, HttpResponse, HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from repatria.assets.models import Asset
from repatria.audit.services import log_export
from repatria.cases.models import CasePerson, Return
from repatria.core.views import OfficerRequiredMixin
from repatria.geo.models import Province
from repatria.registry.models import Person

from .. import exports, services
from ..bulletin import bulletin, reporter
from ..charts import readable
from ..figures import Figures, Row
from ..query import StatsQueryForm

RECENT_YEARS = 6  # quick links to this year and the five before
SINCE = "2018-03"  # the supervision commissions were set up in March 2018: bulletins often count from then
TOP_COUNTRIES = 20
PER_PAGE = 50


@dataclass(frozen=True)
class Section:
    """A breakdown on the page: its title, the measure its persons count, whether it has amounts, and the chart
    that draws it ("" for a table alone)."""

    name: str
    title: Promise
    measure: str
    amounts: bool
    chart: str = ""


SECTIONS = (
    Section("by_month", gettext_lazy("Persons returned and amounts recovered per month"), "returned", True, "month"),
    Section("by_method", gettext_lazy("Persons returned by return method"), "returned", False, "bars"),
    Section("by_country", gettext_lazy("Persons returned by country or region"), "returned", True, "bars"),
    Section("by_province", gettext_lazy("Persons returned by province"), "returned", True, "bars"),
    Section("abroad_by_years", gettext_lazy("Still abroad, by years since flight"), "abroad", False, "columns"),
    Section("by_agency", gettext_lazy("Persons returned by lead agency"), "returned", True),
    Section("by_offence", gettext_lazy("Persons returned by offence"), "returned", True),
    Section("abroad_by_country", gettext_lazy("Still abroad, by country or region last known"), "abroad", False),
)


class StatisticsQueryMixin(OfficerRequiredMixin):
    """The query of the page, its lists and its files: the address's, else this year's figures."""

    def query_form(self) -> StatsQueryForm:
        data = self.request.GET or {"period": str(timezone.localdate().year)}
        return StatsQueryForm(data)

    def figures(self, form: StatsQueryForm, *, compare: bool = True, requests: bool = True) -> Figures:
        period, filters = form.query()
        return services.figures(
            user=self.request.user, period=period, filters=filters, compare=compare, requests=requests
        )


def base_query(form: StatsQueryForm) -> QueryDict:
    """The query's own fields as the user gave them; the period always, since none at all means this year."""
    query = QueryDict(mutable=True)
    query["period"] = form.data.get("period", "")
    for name in form.fields:
        if name != "period" and form.data.get(name):
            query[name] = form.data.get(name)
    return query


class RecordLinks:
    """The addresses of the lists behind the figures of one query (hundreds on a page: the query is encoded once)."""

    def __init__(self, query: QueryDict):
        self.prefix = f"{reverse('stats:statistics_records')}?{query.urlencode()}"

    def __call__(self, measure: str, breakdown: str = "", key: str = "") -> str:
        extra = {"measure": measure, **({"breakdown": breakdown, "key": key} if breakdown else {})}
        return f"{self.prefix}&{urlencode(extra)}"


def quick_links(form: StatsQueryForm, today: datetime.date) -> list[dict]:
    """Periods one click away, keeping the filters: every year, recent years, this year's quarters, since 2018-03."""
    periods = [("", _("All years"))]
    periods += [(str(year), str(year)) for year in range(today.year, today.year - RECENT_YEARS, -1)]
    periods += [
        (f"{today.year}-Q{quarter}", _("%(year)s Q%(quarter)s") % {"year": today.year, "quarter": quarter})
        for quarter in range(1, (today.month - 1) // 3 + 2)  # the quarters begun so far
    ]
    periods.append((f"{SINCE}..", _("Since %(month)s") % {"month": SINCE}))
    query = base_query(form)
    query.pop("start", None)
    query.pop("end", None)
    current = None if form.data.get("start") or form.data.get("end") else form.data.get("period", "")
    links = []
    for text, label in periods:
        query["period"] = text
        links.append({"label": label, "url": f"?{query.urlencode()}", "active": text == current})
    return links


def headlines(figures: Figures, links: RecordLinks) -> list[dict]:
    """The headline figures, each with the link to the records behind it."""
    return [
        # Countries have no records of their own: their figure leads to the table of countries.
        {**line, "url": "#by_country" if line["measure"] == "countries" else links(line["measure"])}
        for line in exports.headlines(figures)
    ]


def _table_row(row: Row, section: Section, links: RecordLinks) -> dict:
    return {
        "label": row.label,
        "persons": row.persons,
        "persons_url": links(section.measure, section.name, row.key) if row.persons else "",
        "amount": readable(row.amount, amount=True) if section.amounts else None,
        "amount_value": float(row.amount),
        "amount_url": links("amount", section.name, row.key) if section.amounts and row.amount else "",
    }


def _charted(section: Section, rows: list[dict]) -> list[dict]:
    """The rows a chart draws: every month, method and band; the places anyone came back from (countries, the
    largest twenty)."""
    if section.name == "by_country":
        return [row for row in rows if row["persons"]][:TOP_COUNTRIES]
    if section.name == "by_province":
        return [row for row in rows if row["persons"]]
    return rows


def _chart(section: Section, rows: list[dict]) -> dict:
    return {
        "kind": section.chart,
        "labels": [row["label"] for row in rows],
        "persons": [{"value": row["persons"], "url": row["persons_url"]} for row in rows],
        "amounts": [{"value": row["amount_value"], "url": row["amount_url"]} for row in rows]
        if section.chart == "month"
        else [],
    }


def sections(figures: Figures, links: RecordLinks) -> list[dict]:
    """Each breakdown with its table rows and, for a charted one, what its chart draws (nothing when all is 0)."""
    shown = []
    for section in SECTIONS:
        rows = [_table_row(row, section, links) for row in getattr(figures, section.name)]
        charted = _charted(section, rows) if section.chart else []
        drawn = any(row["persons"] or row["amount_url"] for row in charted)
        shown.append({"section": section, "rows": rows, "chart": _chart(section, charted) if drawn else None})
    return shown


def chart_data(shown: list[dict]) -> dict:
    """What static/stats/statistics.js draws: the charts' rows and the words around them."""
    return {
        "language": "zh" if (get_language() or "zh").startswith("zh") else "en",
        "words": {"persons": _("Persons"), "amount": _("Amount recovered (CNY)")},
        "charts": {item["section"].name: item["chart"] for item in shown if item["chart"]},
    }


# The bulletin's languages: the code bulletin() takes, the HTML language, the heading.
BULLETIN_LANGUAGES = (("zh-hans", "zh-CN", gettext_lazy("In Chinese")), ("en", "en", gettext_lazy("In English")))


def bulletins(figures: Figures, province: Province | None) -> list[dict]:
    """The bulletin in each language, ready to copy, naming the province whose figures they are."""
    return [
        {"code": code, "lang": lang, "label": label, "text": bulletin(figures, code, subject=reporter(province, code))}
        for code, lang, label in BULLETIN_LANGUAGES
    ]


class StatisticsView(StatisticsQueryMixin, TemplateView):
    template_name = "stats/statistics.html"

    def get_context_data(self, **kwargs):
        form = self.query_form()
        context = super().get_context_data(form=form, quick_links=quick_links(form, timezone.localdate()), **kwargs)
        if not form.is_valid():
            return context
        figures = self.figures(form)
        query = base_query(form)
        links = RecordLinks(query)
        shown = sections(figures, links)
        province = form.whose(self.request.user)
        context.update(
            figures=figures,
            query=query.urlencode(),
            headlines=headlines(figures, links),
            sections=shown,
            data=chart_data(shown),
            bulletins=bulletins(figures, province),
            province=province,
            incomplete=incomplete(figures, links),
            cooperation=exports.cooperation(figures),
        )
        return context


def incomplete(figures: Figures, links: RecordLinks) -> dict | None:
    """What the amount leaves out for want of exchange rates: the recoveries and the rates to enter, each with a
    link to enter it; None when the amount is complete."""
    if figures.amount_complete:
        return None
    add = reverse("stats:exchangerate_add")
    return {
        "count": len(figures.unconverted),
        "url": links("unconverted"),
        "rates": [
            {"currency": currency, "day": day, "url": f"{add}?{urlencode({'currency': currency, 'date': day})}"}
            for currency, day in figures.rates_to_enter()
        ],
    }


# The records behind a figure -----------------------------------------------------------------------------------


def persons_abroad(user, pks: list[int], *, filters: services.Filters, end: datetime.date) -> dict[int, Person]:
    """The persons, each with `flight`: the case of their latest flight by the end, as the figures count it."""
    persons = Person.objects.in_bulk(pks)
    flights = (
        filters.narrow(CasePerson.objects.restrict(user, "view"), None)
        .filter(person_id__in=pks, role__in=services.FUGITIVE_ROLES, case__fled_on__lte=end)
        .select_related("case")
        .order_by("case__fled_on", "case__number")
    )
    for membership in flights:
        persons[membership.person_id].flight = membership.case
    return persons


class RecordsView(StatisticsQueryMixin, TemplateView):
    """The records one figure counts: the returns, the assets recovered or the persons still abroad."""

    template_name = "stats/records.html"

    def get_context_data(self, **kwargs):
        measure, breakdown = self.request.GET.get("measure", ""), self.request.GET.get("breakdown", "")
        if measure not in services.MEASURES or breakdown not in ("", *services.MEASURES[measure]):
            raise Http404
        form = self.query_form()
        back_url = f"{reverse('stats:statistics')}?{base_query(form).urlencode()}"
        context = super().get_context_data(form=form, back_url=back_url, **kwargs)
        if not form.is_valid():
            return context
        figures = self.figures(form, compare=False, requests=False)
        key = self.request.GET.get("key", "")
        period, filters = form.query()
        model, pks = services.records(
            user=self.request.user, period=period, filters=filters, measure=measure, breakdown=breakdown, key=key
        )
        page = Paginator(pks, PER_PAGE).get_page(self.request.GET.get("page"))
        loaded = self.load(model, list(page.object_list), filters=filters, end=figures.last_day)
        page.object_list = [loaded[pk] for pk in page.object_list if pk in loaded]
        context.update(
            self.heading(figures, measure, breakdown, key),
            figures=figures,
            kind=model._meta.model_name,
            page=page,
            page_links=self.page_links(page),
        )
        return context

    def load(self, model: type[Model], pks: list[int], *, filters: services.Filters, end: datetime.date) -> dict:
        """A page's records by pk, with what their table shows in the same query."""
        if model is Return:
            return Return.objects.select_related("person", "country", "case").in_bulk(pks)
        if model is Asset:
            return Asset.objects.select_related("case", "jurisdiction").in_bulk(pks)
        return persons_abroad(self.request.user, pks, filters=filters, end=end)

    @staticmethod
    def heading(figures: Figures, measure: str, breakdown: str, key: str) -> dict:
        """The figure's name and value, as the statistics page shows them; a key it does not have is not found."""
        if measure == "unconverted":
            return {"measure_label": _("Recoveries left out of the amount: no exchange rate"), "row_label": "",
                    "value": len(figures.unconverted)}  # fmt: skip
        amount = measure == "amount"
        value, label = getattr(figures, measure), ""
        if breakdown:
            row = next((row for row in getattr(figures, breakdown) if row.key == key), None)
            if row is None:
                raise Http404
            value, label = (row.amount if amount else row.persons), row.label
        return {"measure_label": exports.MEASURES[measure], "row_label": label, "value": readable(value, amount=amount)}

    def page_links(self, page: Page) -> dict[str, str]:
        query = self.request.GET.copy()
        links = {}
        if page.has_previous():
            query["page"] = page.previous_page_number()
            links["previous"] = f"?{query.urlencode()}"
        if page.has_next():
            query["page"] = page.next_page_number()
            links["next"] = f"?{query.urlencode()}"
        return links


# The figures as files ------------------------------------------------------------------------------------------

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def subject(form: StatsQueryForm, user) -> str:
    """Whose figures they are: the province (chosen, or a provincial officer's own) and the other filters chosen,
    by name, in the active language."""
    chosen = [form.whose(user), *(form.cleaned_data.get(name) for name in ("organisation", "country", "offence"))]
    return " · ".join(str(value) for value in chosen if value)


class DownloadView(StatisticsQueryMixin, View):
    """The page's figures as a file, logged in the audit trail like every export; the PDF is in Chinese."""

    fmt = "xlsx"

    def get(self, request, *args, **kwargs):
        form = self.query_form()
        if not form.is_valid():
            return self.back_to_page()
        figures, body = self.render(form)
        log_export(Return, query=base_query(form).urlencode(), rows=figures.returned, fmt=self.fmt)
        response = HttpResponse(body, content_type=CONTENT_TYPES[self.fmt])
        response["Content-Disposition"] = f'attachment; filename="{exports.filename(figures, self.fmt)}"'
        return response

    def render(self, form: StatsQueryForm) -> tuple[Figures, bytes]:
        if self.fmt == "xlsx":
            figures = self.figures(form)
            return figures, exports.workbook(figures)
        with translation.override("zh-hans"):  # the labels of the figures are made in the active language
            figures = self.figures(form)
            province = form.whose(self.request.user)
            text = bulletin(figures, "zh-hans", subject=reporter(province, "zh-hans"))
            return figures, exports.pdf(figures, bulletin=text, subject=subject(form, self.request.user))

    def back_to_page(self) -> HttpResponseRedirect:
        return HttpResponseRedirect(f"{reverse('stats:statistics')}?{self.request.GET.urlencode()}")
