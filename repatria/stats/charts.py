"""Charts drawn as plain SVG on the server, for the PDF report: bars and lines over the rows of a breakdown.

Labels come from users (names of organisations, offences …), so every text is escaped; texts are set in the Noto
CJK faces Debian's fonts-noto-cjk installs, and sizes are estimated from the characters (a CJK character is as
wide as the font is high, a Latin one about 0.6 of it), since there is no font metrics library on the server.
"""

import math
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from repatria.core.money import scaled

from .figures import Row

WIDTH = 640
FONT = "'Noto Sans CJK SC', 'Noto Sans CJK', 'Noto Sans', sans-serif"
SIZE = 11  # labels and ticks
TITLE_SIZE = 14
TOP = 34  # the title's band
COLOUR = "#c23531"
GRID = "#e3e3e3"
INK = "#555"
VALUES = ("persons", "amount")

# Large numbers are read in the reader's own scale: 万 and 亿 in Chinese, thousands, millions and billions in English.
_SCALES = {
    "zh": ((Decimal(10) ** 8, 2, "亿"), (Decimal(10) ** 4, 2, "万"), (Decimal(1), 2, "")),
    "en": ((Decimal(10) ** 9, 2, "B"), (Decimal(10) ** 6, 2, "M"), (Decimal(10) ** 3, 2, "K"), (Decimal(1), 2, "")),
}


def readable(number: int | float | Decimal, *, amount: bool = False) -> str:
    """A count with thousands separators ("1,335"); an amount in the reader's scale ("196.54亿", "19.65B")."""
    if not amount:
        return f"{round(number):,}"
    scales = _SCALES["zh" if (get_language() or "zh").startswith("zh") else "en"]
    value, (_size, _places, suffix) = scaled(Decimal(str(number)), scales)
    return _decimals(value) + suffix


def _decimals(number: Decimal) -> str:
    text = f"{number:,.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def bar_chart(
    rows: Sequence[Row], *, title: str, value: str = "persons", horizontal: bool = False, limit: int | None = None
) -> str:
    """An SVG document with one bar per row (the `limit` largest when given, largest first)."""
    _check(value)
    shown = sorted(rows, key=lambda row: getattr(row, value), reverse=True)[:limit] if limit else list(rows)
    if not _has_values(shown, value):
        return _empty(title)
    heading = title if len(shown) == len(rows) else _noted(title, len(shown), len(rows))
    draw = _horizontal_bars if horizontal else _vertical_bars
    return draw(shown, heading, value)


def line_chart(rows: Sequence[Row], *, title: str, value: str = "persons") -> str:
    """An SVG document with a line through the rows' values, in their order (months, for a period's course)."""
    _check(value)
    if not _has_values(rows, value):
        return _empty(title)
    height = 280
    top, ticks = _scale(_values(rows, value), whole=value == "persons")
    left, right, bottom = _left_margin(ticks, value), WIDTH - 12, height - 24
    span = bottom - (TOP + 8)

    def y(number: float) -> float:
        return bottom - span * number / top

    slot = (right - left) / len(rows)
    xs = [left + slot * (index + 0.5) for index in range(len(rows))]
    points = [(x, y(number)) for x, number in zip(xs, _values(rows, value), strict=True)]
    path = " ".join(f"{x:.1f},{y_:.1f}" for x, y_ in points)
    area = f"{xs[0]:.1f},{bottom} {path} {xs[-1]:.1f},{bottom}"
    radius = 3 if len(rows) <= 40 else 1.5
    parts = [
        *_y_axis(ticks, y, left, right, value),
        f'<polygon points="{area}" fill="{COLOUR}" fill-opacity="0.12"/>',
        f'<polyline class="line" points="{path}" fill="none" stroke="{COLOUR}" stroke-width="2"/>',
    ]
    for row, (x, y_) in zip(rows, points, strict=True):
        parts.append(
            f'<circle class="point" cx="{x:.1f}" cy="{y_:.1f}" r="{radius}" fill="{COLOUR}">'
            f"{_tooltip(row, value)}</circle>"
        )
    parts += _x_labels(rows, xs, slot, bottom + 16)
    return _svg(title, height, parts)


def _check(value: str) -> None:
    if value not in VALUES:
        raise ValueError(f"value must be one of {VALUES}, not {value!r}")


def _values(rows: Sequence[Row], value: str) -> list[float]:
    return [float(getattr(row, value)) for row in rows]


def _has_values(rows: Sequence[Row], value: str) -> bool:
    return any(getattr(row, value) for row in rows)


def _noted(title: str, shown: int, total: int) -> str:
    return _("%(title)s (%(shown)s of %(total)s)") % {"title": title, "shown": shown, "total": total}


def _vertical_bars(rows: list[Row], title: str, value: str) -> str:
    height = 280
    top, ticks = _scale(_values(rows, value), whole=value == "persons")
    left, right, bottom = _left_margin(ticks, value), WIDTH - 12, height - 24
    span = bottom - (TOP + 16)  # room above the tallest bar for its number

    def y(number: float) -> float:
        return bottom - span * number / top

    slot = (right - left) / len(rows)
    width = min(slot * 0.7, 48)  # a few bars stay bars, not blocks
    parts = _y_axis(ticks, y, left, right, value)
    centres = []
    for index, row in enumerate(rows):
        number = float(getattr(row, value))
        centre = left + slot * (index + 0.5)
        centres.append(centre)
        parts.append(
            f'<rect class="bar" x="{centre - width / 2:.1f}" y="{y(number):.1f}" width="{width:.1f}" '
            f'height="{bottom - y(number):.1f}" fill="{COLOUR}">{_tooltip(row, value)}</rect>'
        )
        figure = readable(getattr(row, value), amount=value == "amount")
        if number and _text_width(figure, SIZE - 1) <= slot:
            parts.append(_text(figure, centre, y(number) - 4, anchor="middle", size=SIZE - 1))
    parts += _x_labels(rows, centres, slot, bottom + 16)
    return _svg(title, height, parts)


def _horizontal_bars(rows: list[Row], title: str, value: str) -> str:
    line, bar = 20, 14
    figures = [readable(getattr(row, value), amount=value == "amount") for row in rows]
    label_width = min(max(_text_width(_clean(row.label), SIZE) for row in rows), WIDTH * 0.3)
    left = label_width + 10
    right = WIDTH - max(_text_width(figure, SIZE) for figure in figures) - 10
    bottom = TOP + line * len(rows) + 4
    height = bottom + 22
    top, ticks = _scale(_values(rows, value), whole=value == "persons")

    def x(number: float) -> float:
        return left + (right - left) * number / top

    parts = []
    for tick in ticks:
        parts.append(f'<line x1="{x(tick):.1f}" y1="{TOP}" x2="{x(tick):.1f}" y2="{bottom}" stroke="{GRID}"/>')
        parts.append(_text(readable(tick, amount=value == "amount"), x(tick), bottom + 15, anchor="middle"))
    for index, (row, figure) in enumerate(zip(rows, figures, strict=True)):
        number, middle = float(getattr(row, value)), TOP + line * index + line / 2
        parts.append(
            f'<rect class="bar" x="{left:.1f}" y="{middle - bar / 2:.1f}" width="{x(number) - left:.1f}" '
            f'height="{bar}" fill="{COLOUR}">{_tooltip(row, value)}</rect>'
        )
        parts.append(_text(_fit(_clean(row.label), label_width, SIZE), left - 6, middle + 4, anchor="end"))
        parts.append(_text(figure, x(number) + 4, middle + 4))
    parts.append(f'<line x1="{left:.1f}" y1="{TOP}" x2="{left:.1f}" y2="{bottom}" stroke="{INK}"/>')
    return _svg(title, height, parts)


def _scale(numbers: list[float], *, whole: bool) -> tuple[float, list[float]]:
    """The axis' end and about five ticks at steps of 1, 2 or 5 × 10ⁿ (whole steps for persons)."""
    highest = max(max(numbers), 1 if whole else 0.01)
    rough = highest / 5
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough)
    if whole:
        step = max(step, 1)
    count = math.ceil(highest / step - 1e-9)
    return step * count, [step * index for index in range(count + 1)]


def _left_margin(ticks: list[float], value: str) -> float:
    return max(_text_width(readable(tick, amount=value == "amount"), SIZE) for tick in ticks) + 12


def _y_axis(ticks: list[float], y, left: float, right: float, value: str) -> list[str]:
    parts = []
    for tick in ticks:
        parts.append(f'<line x1="{left:.1f}" y1="{y(tick):.1f}" x2="{right}" y2="{y(tick):.1f}" stroke="{GRID}"/>')
        parts.append(_text(readable(tick, amount=value == "amount"), left - 6, y(tick) + 4, anchor="end"))
    parts.append(f'<line x1="{left:.1f}" y1="{y(0):.1f}" x2="{right}" y2="{y(0):.1f}" stroke="{INK}"/>')
    return parts


def _x_labels(rows: Sequence[Row], centres: list[float], slot: float, baseline: float) -> list[str]:
    """Labels under the axis: every one if they fit, else every n-th (months over many years), cut to their room."""
    labels = [_clean(row.label) for row in rows]
    every = max(1, min(len(rows), math.ceil((max(_text_width(label, SIZE) for label in labels) + 6) / slot)))
    room = every * slot - 6
    return [
        _text(_fit(label, room, SIZE), centre, baseline, anchor="middle")
        for index, (label, centre) in enumerate(zip(labels, centres, strict=True))
        if index % every == 0
    ]


def _tooltip(row: Row, value: str) -> str:
    return f"<title>{escape(_clean(row.label))}: {readable(getattr(row, value), amount=value == 'amount')}</title>"


def _empty(title: str) -> str:
    height = 120
    message = _text(_("No figures for this period."), WIDTH / 2, (TOP + height) / 2, anchor="middle", fill=INK)
    return _svg(title, height, [message])


def _svg(title: str, height: float, parts: list[str]) -> str:
    title = _clean(title)
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0f}" '
            f'viewBox="0 0 {WIDTH} {height:.0f}" font-family="{FONT}" font-size="{SIZE}" role="img" '
            f"aria-label={quoteattr(title)}>",
            f"<title>{escape(title)}</title>",
            f'<text x="0" y="{TITLE_SIZE + 4}" font-size="{TITLE_SIZE}" font-weight="bold">{escape(title)}</text>',
            *parts,
            "</svg>",
        ]
    )


def _text(content: str, x: float, y: float, *, anchor: str = "start", size: int = SIZE, fill: str = "#333") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" fill="{fill}">'
        f"{escape(content)}</text>"
    )


def _clean(text: str) -> str:
    """Text without control characters, which XML cannot hold."""
    return "".join(char for char in str(text) if unicodedata.category(char) != "Cc")


def _text_width(text: str, size: float) -> float:
    return sum(size if unicodedata.east_asian_width(char) in "WF" else size * 0.6 for char in text)


def _fit(text: str, width: float, size: float) -> str:
    """The text, cut with an ellipsis if it would be wider than `width`."""
    if _text_width(text, size) <= width:
        return text
    while text and _text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"
