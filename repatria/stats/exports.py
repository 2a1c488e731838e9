"""The statistics as files to take away: an XLSX workbook with a sheet per breakdown, and a PDF report in Chinese
with the headline figures, the bulletin and the charts (SVG drawn here, laid out by WeasyPrint); both end with the
cooperation requests, as the page does."""

import datetime
import io
import re
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet
from weasyprint import HTML

from repatria.cooperation.figures import RequestFigures
from repatria.core.exports import spreadsheet_cell

from . import charts
from .figures import BREAKDOWNS, Figures, Row

# The headline figures, in the bulletins' order, then who is still abroad.
MEASURES = {
    "returned": gettext_lazy("Persons returned"),
    "functionaries": gettext_lazy("of whom party members and state functionaries"),
    "red_notice": gettext_lazy("of whom red-notice subjects"),
    "hundred_list": gettext_lazy("of whom “100 list” members"),
    "countries": gettext_lazy("Countries and regions returned from"),
    "amount": gettext_lazy("Amount recovered (CNY)"),
    "died": gettext_lazy("Died abroad (cases closed, not returned)"),
    "abroad": gettext_lazy("Still abroad on the last day"),
}

# Each breakdown's sheet: its name and the heading of its label column.
SHEETS = {
    "by_method": (gettext_lazy("By return method"), gettext_lazy("Return method")),
    "by_country": (gettext_lazy("By country or region"), gettext_lazy("Country or region")),
    "by_province": (gettext_lazy("By province"), gettext_lazy("Province")),
    "by_agency": (gettext_lazy("By lead agency"), gettext_lazy("Lead agency")),
    "by_offence": (gettext_lazy("By offence"), gettext_lazy("Offence")),
    "by_month": (gettext_lazy("By month"), gettext_lazy("Month")),
    "abroad_by_country": (gettext_lazy("Abroad by country or region"), gettext_lazy("Country or region")),
    "abroad_by_years": (gettext_lazy("Abroad by years since flight"), gettext_lazy("Years since flight")),
}
# The cooperation requests' breakdowns, in this order on the page, in the workbook and the report: each one's title
# and the heading of its label column.
COOPERATION = {
    "by_direction": (gettext_lazy("Requests by direction"), gettext_lazy("Direction")),
    "by_kind": (gettext_lazy("Requests by kind"), gettext_lazy("Kind of request")),
    "by_state": (gettext_lazy("Requests by state"), gettext_lazy("State of the request")),
    "by_country": (gettext_lazy("Requests by other state"), gettext_lazy("Requested or requesting state")),
    "refusals_by_ground": (gettext_lazy("Refusals by ground"), gettext_lazy("Ground of refusal")),
}
COOPERATION_TOTALS = {
    "requests": gettext_lazy("Requests sent or received in the period"),
    "answered": gettext_lazy("of which answered"),
    "refused": gettext_lazy("of which refused"),
}
PERIOD_NOTE = gettext_lazy(
    "A request counts in the period in which it was sent (ours) or received (another state's); a request not yet "
    "sent counts in no period."
)
DAYS_NOTE = gettext_lazy(
    "Days to an answer: from the day a request was sent or received to the day of its answer (executed, partly "
    "executed or refused), of the requests of the period answered so far. Percentiles by linear interpolation "
    "between the two closest ranks: the median of an even number of requests is the mean of the two middle ones. "
    "No answered request, no percentile."
)
PARTS = ("functionaries", "red_notice", "hundred_list")  # "of whom": indented under the persons returned
ABROAD = ("abroad_by_country", "abroad_by_years")  # persons only: nothing is recovered from who is still abroad

# Cells are formatted by the type of their value: amounts are Decimal, counts int, changes in per cent float.
FORMATS = {Decimal: "#,##0.00", int: "#,##0", float: "0.0%", datetime.date: "yyyy-mm-dd"}
BOLD = Font(bold=True)
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def workbook(figures: Figures) -> bytes:
    """The figures as an XLSX workbook: a summary sheet, then one sheet per breakdown, then the cooperation
    requests' sheet when they were counted."""
    book = Workbook()
    _summary(book.active, figures)
    for name in (*BREAKDOWNS, *ABROAD):
        title, heading = SHEETS[name]
        _breakdown(book.create_sheet(_sheet_name(title)), getattr(figures, name), heading, amounts=name not in ABROAD)
    if figures.cooperation is not None:
        _cooperation(book.create_sheet(_sheet_name(_("International cooperation"))), figures.cooperation)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def pdf(figures: Figures, *, bulletin: str, subject: str = "") -> bytes:
    """The report in Chinese, whatever the reader's language (pass figures and bulletin made in Chinese):
    headline figures, the bulletin, the charts and the cooperation requests' tables. `subject` says whose figures
    they are (a province, a filter)."""
    with translation.override("zh-hans"):
        html = render_to_string(
            "stats/report.html",
            {
                "title": _("Statistics on fugitives returned and assets recovered"),
                "subject": subject,
                "period": _period(figures),
                "previous": _period(figures.previous) if figures.previous else "",
                "headlines": headlines(figures),
                "bulletin": bulletin,
                "incomplete": incomplete_note(figures),
                "charts": _charts(figures),
                "cooperation": cooperation(figures),
                "made": timezone.localdate(),
            },
        )
    return HTML(string=html).write_pdf()


def filename(figures: Figures, extension: str) -> str:
    """An ASCII file name for a download, after the period: "statistics-2019.xlsx", "statistics-2018-03_2020-06.pdf";
    an open period is named by its first and last days."""
    text = figures.period.text or ".."
    if ".." in text:
        left, right = text.split("..", 1)
        text = f"{left or figures.first_day.isoformat()}_{right or figures.last_day.isoformat()}"
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")
    return f"statistics-{name}.{extension.lstrip('.')}"


def _summary(sheet: Worksheet, figures: Figures) -> None:
    sheet.title = _sheet_name(_("Summary"))
    _append(sheet, [_("Period"), spreadsheet_cell(_period(figures))])
    _append(sheet, [_("From"), figures.first_day])
    _append(sheet, [_("To"), figures.last_day])
    _append(sheet, [])
    previous = figures.previous
    heading = [_("Measure"), _("This period")]
    if previous:
        earlier = _("A year earlier (%(period)s)") % {"period": _period(previous)}
        heading += [earlier, _("Change (year on year)"), _("Change (%)")]
    _append(sheet, heading, bold=True)
    for measure, label in MEASURES.items():
        line = [str(label), getattr(figures, measure)]
        if previous:
            difference, ratio = figures.change(measure)
            line += [getattr(previous, measure), difference, ratio]
        _append(sheet, line)
    _unconverted(sheet, figures)
    sheet.column_dimensions["A"].width = 40
    for column in "BCDE":
        sheet.column_dimensions[column].width = 22


def incomplete_note(figures: Figures) -> str:
    """What the amount leaves out, in a sentence; "" when it is complete."""
    if figures.amount_complete:
        return ""
    wanted = "; ".join(f"{currency} {day.isoformat()}" for currency, day in figures.rates_to_enter())
    return _(
        "The amount is incomplete: %(count)s recoveries are left out for want of an exchange rate. "
        "Rates to enter (currency, recovery date): %(wanted)s."
    ) % {"count": len(figures.unconverted), "wanted": wanted}


def _unconverted(sheet: Worksheet, figures: Figures) -> None:
    """The recoveries left out of the amount, under the summary, each in its own currency."""
    if figures.amount_complete:
        return
    _append(sheet, [])
    _append(sheet, [incomplete_note(figures)], bold=True)
    _append(sheet, [_("Recovered on"), _("Currency"), _("Amount in that currency"), _("Asset")], bold=True)
    for left_out in figures.unconverted:
        _append(sheet, [left_out.day, left_out.currency, left_out.amount, left_out.asset])


def _breakdown(sheet: Worksheet, rows: list[Row], heading, *, amounts: bool) -> None:
    header = [
        str(heading),
        _("Number of persons"),
        *([_("Amount recovered (CNY)")] if amounts else []),
        pgettext("breakdown key", "Code"),
    ]
    _append(sheet, header, bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        line = [spreadsheet_cell(row.label), row.persons, *([row.amount] if amounts else []), spreadsheet_cell(row.key)]
        _append(sheet, line)
    sheet.column_dimensions["A"].width = 32
    for column in "BCD":
        sheet.column_dimensions[column].width = 18


def readable_days(value: float | None) -> str:
    """Days to an answer as read: to a tenth of a day, "—" for no percentile."""
    return "—" if value is None else f"{round(value, 1):g}"


def days_headings() -> list[str]:
    return [_("Direction"), _("Answered requests"), _("Median (days)"), _("90th percentile (days)")]


def cooperation(figures: Figures) -> dict | None:
    """The cooperation requests' section: the totals, the days to an answer and each breakdown, with both
    directions always and the other breakdowns' lines that count any request."""
    counted = figures.cooperation
    if counted is None:
        return None
    tables = [
        {"name": name, "title": title, "heading": heading,
         "lines": [line for line in getattr(counted, name) if line.requests or name == "by_direction"]}
        for name, (title, heading) in COOPERATION.items()
    ]  # fmt: skip
    answers = [
        {"label": line.label, "answered": line.answered, "median": readable_days(line.median),
         "ninetieth": readable_days(line.ninetieth)}
        for line in counted.days_to_answer
    ]  # fmt: skip
    totals = [{"label": label, "value": getattr(counted, measure)} for measure, label in COOPERATION_TOTALS.items()]
    return {"totals": totals, "days": answers, "days_headings": days_headings(), "tables": tables,
            "notes": [PERIOD_NOTE, DAYS_NOTE]}  # fmt: skip


def _cooperation(sheet: Worksheet, counted: RequestFigures) -> None:
    """The requests' totals, their days to an answer, then each breakdown with every line, zeros included; the
    notes on how they count under them."""
    for measure, label in COOPERATION_TOTALS.items():
        _append(sheet, [str(label), getattr(counted, measure)])
    _append(sheet, [])
    _append(sheet, [_("Days to an answer"), *days_headings()[1:]], bold=True)
    for line in counted.days_to_answer:
        percentiles = [None if value is None else round(value, 1) for value in (line.median, line.ninetieth)]
        _append(sheet, [spreadsheet_cell(line.label), line.answered, *percentiles])
    for name, (_title, heading) in COOPERATION.items():
        _append(sheet, [])
        _append(sheet, [str(heading), _("Requests"), pgettext("breakdown key", "Code")], bold=True)
        for line in getattr(counted, name):
            _append(sheet, [spreadsheet_cell(line.label), line.requests, spreadsheet_cell(line.key)])
    _append(sheet, [])
    for note in (PERIOD_NOTE, DAYS_NOTE):
        _append(sheet, [str(note)])
    sheet.column_dimensions["A"].width = 40
    for column in "BCD":
        sheet.column_dimensions[column].width = 22


def _append(sheet: Worksheet, values: list, *, bold: bool = False) -> None:
    """A row, each number or date formatted by the type of its value; a heading in bold."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if type(cell.value) in FORMATS:
            cell.number_format = FORMATS[type(cell.value)]
        if bold:
            cell.font = BOLD


def _sheet_name(title) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    return SHEET_NAME_FORBIDDEN.sub(" ", str(title))[:31]


def _period(figures: Figures) -> str:
    first, last, text = figures.first_day.isoformat(), figures.last_day.isoformat(), figures.period.text
    days = f"{first} – {last}"
    if not text:
        return _("All years (%(days)s)") % {"days": days}
    return days if text == f"{first}..{last}" else f"{text} ({days})"


def _sign(number: float | Decimal) -> str:
    return "+" if number > 0 else "−" if number < 0 else "±"


def headlines(figures: Figures) -> list[dict]:
    """The headline figures as the page and the report show them: each readable, with the year-earlier value and
    the change (同比) when there is a year before."""
    lines = []
    for measure, label in MEASURES.items():
        amount = measure == "amount"
        line = {
            "measure": measure,
            "label": label,
            "part": measure in PARTS,
            "now": charts.readable(getattr(figures, measure), amount=amount),
            "incomplete": amount and not figures.amount_complete,
        }
        if figures.previous:
            difference, ratio = figures.change(measure)
            line.update(
                before=charts.readable(getattr(figures.previous, measure), amount=amount),
                change=_sign(difference) + charts.readable(abs(difference), amount=amount),
                ratio=f"{_sign(ratio)}{abs(ratio):.1%}" if ratio is not None else "",
            )
        lines.append(line)
    return lines


def _charts(figures: Figures) -> list[str]:
    drawn = [
        charts.bar_chart(figures.by_month, title=_("Persons returned per month")),
        charts.bar_chart(figures.by_method, title=_("Persons returned by return method"), horizontal=True),
        charts.bar_chart(
            figures.by_country, title=_("Persons returned by country or region"), horizontal=True, limit=15
        ),
        charts.bar_chart(figures.by_province, title=_("Persons returned by province"), horizontal=True),
        charts.line_chart(figures.by_month, title=_("Amount recovered per month (CNY)"), value="amount"),
    ]
    # The charts escape every label themselves, so their SVG goes into the page as it is.
    return [mark_safe(svg) for svg in drawn]  # noqa: S308
