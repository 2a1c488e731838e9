"""The bulletin: one period's figures as the paragraph the central office publishes, in Chinese and in English.

The bulletin is a document issued in both languages at once, whatever the reader's language, so each language
has a small renderer here instead of a gettext catalogue. Numbers take the forms the bulletins print:
7831人, 196.54亿元, 120多个国家和地区; 7,831, CNY 19.654 billion, more than 120 countries and regions.
"""

import calendar
import datetime
from collections.abc import Callable
from decimal import Decimal

from django.utils.translation import gettext as _

from repatria.cases.models import ReturnMethod
from repatria.core.money import scaled
from repatria.geo.models import Province

from .figures import Figures

# Units from the largest down: (size in yuan, decimals kept, name).
_UNITS_ZH = ((Decimal(10) ** 8, 2, "亿元"), (Decimal(10) ** 4, 2, "万元"), (Decimal(1), 2, "元"))
_UNITS_EN = ((Decimal(10) ** 9, 3, " billion"), (Decimal(10) ** 6, 3, " million"), (Decimal(1), 2, ""))

# Written out rather than strftime("%B"), which follows the process's locale.
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_QUARTERS_ZH = ("第一季度", "第二季度", "第三季度", "第四季度")
_QUARTERS_EN = ("first", "second", "third", "fourth")

# The "of whom" categories, as Figures names them, in the bulletins' order.
_CATEGORIES_ZH = {"functionaries": "党员和国家工作人员", "red_notice": "“红通人员”", "hundred_list": "“百名红通人员”"}
_CATEGORIES_EN = {
    "functionaries": ("a party member or state functionary", "party members or state functionaries"),
    "red_notice": ("a red-notice subject", "red-notice subjects"),
    "hundred_list": ("a member of the “100 list”", "members of the “100 list”"),
}

_METHODS_ZH = {
    ReturnMethod.EXTRADITION: "引渡",
    ReturnMethod.REPATRIATION: "遣返",
    ReturnMethod.PROSECUTION_ABROAD: "异地追诉",
    ReturnMethod.ARREST: "缉捕",
    ReturnMethod.PERSUASION: "劝返",
    ReturnMethod.BORDER_ALERT: "边境触网",
    ReturnMethod.CAUGHT_AT_HOME: "境内抓获",
    ReturnMethod.SURRENDER: "主动投案自首",
    ReturnMethod.OTHER: "其他方式",
}
# "{be}" agrees with the count; "surrendered" stays intransitive ("were surrendered" would mean handed over).
_METHODS_EN = {
    ReturnMethod.EXTRADITION: "{be} extradited",
    ReturnMethod.REPATRIATION: "{be} repatriated",
    ReturnMethod.PROSECUTION_ABROAD: "{be} prosecuted abroad",
    ReturnMethod.ARREST: "{be} arrested abroad",
    ReturnMethod.PERSUASION: "{be} persuaded to return",
    ReturnMethod.BORDER_ALERT: "{be} caught at the border",
    ReturnMethod.CAUGHT_AT_HOME: "{be} caught inside China",
    ReturnMethod.SURRENDER: "surrendered voluntarily",
    ReturnMethod.OTHER: "{be} brought back by other means",
}


def bulletin(figures: Figures, language: str, *, subject: str = "") -> str:
    """The bulletin paragraph in "zh-hans" or "en"; `subject` names who reports (a province in that language),
    else China."""
    render = _RENDERERS.get(language.lower())
    if render is None:
        raise ValueError(
            _("A bulletin is written in Chinese (zh-hans) or English (en), not “%(language)s”.")
            % {"language": language}
        )
    return render(figures, subject)


def reporter(province: Province | None, language: str) -> str:
    """Who a bulletin says reports: the province the figures are narrowed to, named in the bulletin's language;
    "" (China) for figures not narrowed to a province."""
    if province is None:
        return ""
    return province.name_zh if language == "zh-hans" else (province.name_en or province.name_zh)


# Numbers


def yuan_zh(amount: Decimal) -> str:
    """196.54亿元, 3520.5万元, 5000元, 0元: rounded half-up to two decimals of the unit."""
    value, (_size, places, unit) = scaled(amount, _UNITS_ZH)
    return f"{_digits(value, places)}{unit}"


def yuan_en(amount: Decimal) -> str:
    """CNY 19.654 billion, CNY 35.2 million, CNY 350,000: rounded half-up to three decimals of the unit."""
    value, (_size, places, unit) = scaled(amount, _UNITS_EN)
    return f"CNY {_digits(value, places, grouping=',')}{unit}"


def about_zh(count: int) -> str:
    """How bulletins count countries: 8个, 120个, 120多个 for 127 (from 20 on, the lower ten and 多)."""
    return f"{count}个" if _exact(count) else f"{count // 10 * 10}多个"


def about_en(count: int) -> str:
    """8, 120, "more than 120" for 127: the English of about_zh."""
    return f"{count:,}" if _exact(count) else f"more than {count // 10 * 10:,}"


def _exact(count: int) -> bool:
    return count < 20 or count % 10 == 0


def _digits(value: Decimal, places: int, grouping: str = "") -> str:
    text = f"{value:{grouping}.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# Periods


def period_zh(figures: Figures) -> str:
    """2019年, 2020年第一季度, 2019年1月至10月, 2014年至2020年6月, 2018年3月以来, 截至2020年6月 …"""
    kind, first, last = _period_kind(figures)
    match kind:
        case "year" | "month" | "day":
            return _date_zh(first, kind)
        case "quarter":
            return f"{first.year}年{_QUARTERS_ZH[first.month // 3]}"
        case "months":
            return f"{first.year}年{first.month}月至{last.month}月"
        case "span":
            return f"{_date_zh(first, _precision(first))}至{_date_zh(last, _precision(last, end=True))}"
        case "days":
            return f"{_date_zh(first, 'day')}至{_date_zh(last, 'day')}"
        case "since":
            return f"{_date_zh(first, _precision(first))}以来"
        case "up_to":
            precision = _precision(last, end=True)
            return f"截至{last.year}年底" if precision == "year" else f"截至{_date_zh(last, precision)}"
        case _:  # to date
            return f"截至{_date_zh(last, 'day')}"


def period_en(figures: Figures) -> str:
    """In 2019, In the first quarter of 2020, From January to October 2019, From 2014 to June 2020, Since March
    2018, Up to June 2020 …: the opening words of the sentence."""
    kind, first, last = _period_kind(figures)
    match kind:
        case "year" | "month":
            return f"In {_date_en(first, kind)}"
        case "day":
            return f"On {_date_en(first, kind)}"
        case "quarter":
            return f"In the {_QUARTERS_EN[first.month // 3]} quarter of {first.year}"
        case "months":
            return f"From {_MONTHS_EN[first.month - 1]} to {_date_en(last, 'month')}"
        case "span":
            return f"From {_date_en(first, _precision(first))} to {_date_en(last, _precision(last, end=True))}"
        case "days":
            return f"From {_date_en(first, 'day')} to {_date_en(last, 'day')}"
        case "since":
            return f"Since {_date_en(first, _precision(first))}"
        case "up_to":
            precision = _precision(last, end=True)
            return f"Up to the end of {last.year}" if precision == "year" else f"Up to {_date_en(last, precision)}"
        case _:  # to date
            return f"Up to {_date_en(last, 'day')}"


def _period_kind(figures: Figures) -> tuple[str, datetime.date, datetime.date]:
    """How the bulletins would name the period, with its first and last day."""
    period, first, last = figures.period, figures.first_day, figures.last_day
    if period.start is None:
        return ("to_date" if period.end is None else "up_to"), first, last
    if period.end is None:
        return "since", first, last
    if first == last:
        return "day", first, last
    if not (first.day == 1 and _month_end(last)):
        return "days", first, last
    if first.year != last.year:
        return "span", first, last
    if (first.month, last.month) == (1, 12):
        return "year", first, last
    if first.month == last.month:
        return "month", first, last
    if first.month % 3 == 1 and last.month == first.month + 2:
        return "quarter", first, last
    return "months", first, last


def _precision(day: datetime.date, *, end: bool = False) -> str:
    """How much of a bound to write: a period starting in January, or ending in December, names the year alone."""
    if not (_month_end(day) if end else day.day == 1):
        return "day"
    return "year" if day.month == (12 if end else 1) else "month"


def _month_end(day: datetime.date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def _date_zh(day: datetime.date, precision: str) -> str:
    if precision == "year":
        return f"{day.year}年"
    month = f"{day.year}年{day.month}月"
    return month if precision == "month" else f"{month}{day.day}日"


def _date_en(day: datetime.date, precision: str) -> str:
    if precision == "year":
        return str(day.year)
    month = f"{_MONTHS_EN[day.month - 1]} {day.year}"
    return month if precision == "month" else f"{day.day} {month}"


# Sentences


def _methods(figures: Figures) -> list[tuple[ReturnMethod, int]]:
    """The methods anyone came back by, with their counts, in the bulletins' order: dying abroad is none."""
    counts = {ReturnMethod(row.key): row.persons for row in figures.by_method}
    return [(method, counts[method]) for method in _METHODS_ZH if counts.get(method)]


def _died_zh(figures: Figures) -> str:
    """The dead are told apart: a death closes a case but brings nobody back."""
    return f"另有{figures.died}名外逃人员在境外死亡。" if figures.died else ""


def _died_en(figures: Figures) -> str:
    count = figures.died
    return f" {count:,} more {'fugitive' if count == 1 else 'fugitives'} died abroad." if count else ""


def _recovered_zh(figures: Figures) -> str:
    """追回赃款…, saying what an incomplete amount leaves out."""
    left_out = "" if figures.amount_complete else f"（不含{len(figures.unconverted)}笔缺少汇率的追赃）"
    return f"追回赃款{yuan_zh(figures.amount)}{left_out}"


def _left_out_en(figures: Figures) -> str:
    count = len(figures.unconverted)
    if figures.amount_complete:
        return ""
    return f" (not counting {count:,} {'recovery' if count == 1 else 'recoveries'} without an exchange rate)"


def _bulletin_zh(figures: Figures, subject: str) -> str:
    opening = f"{period_zh(figures)}，{subject or '中国'}"
    if not figures.returned:
        amount = _recovered_zh(figures) if figures.amount or figures.unconverted else "也未追回赃款"
        return f"{opening}未追回外逃人员，{amount}。{_died_zh(figures)}"
    where = ""
    if figures.countries:
        where = f"从{about_zh(figures.countries)}{'国家或地区' if figures.countries == 1 else '国家和地区'}"
    clauses = [f"{opening}共{where}追回外逃人员{figures.returned}人"]
    of_whom = [f"{name}{count}人" for key, name in _CATEGORIES_ZH.items() if (count := getattr(figures, key))]
    if of_whom:
        clauses.append("其中" + "、".join(of_whom))
    if figures.amount or figures.unconverted:
        clauses.append(_recovered_zh(figures))
    text = "，".join(clauses) + "。"
    methods = [f"{_METHODS_ZH[method]}{count}人" for method, count in _methods(figures)]
    return text + (f"追回的外逃人员中，{'，'.join(methods)}。" if methods else "") + _died_zh(figures)


def _bulletin_en(figures: Figures, subject: str) -> str:
    # A period running to today is told in the present perfect, one up to a past bound in the past perfect.
    perfect = {"since": "has ", "to_date": "has ", "up_to": "had "}.get(_period_kind(figures)[0], "")
    opening = f"{period_en(figures)}, {subject or 'China'} {perfect}brought back"
    amount = f"{yuan_en(figures.amount)} in illicit proceeds {perfect + 'been' if perfect else 'was'} recovered"
    amount += _left_out_en(figures)
    recovered = figures.amount or figures.unconverted
    if not figures.returned:
        ending = f"; {amount}" if recovered else f" and {perfect}recovered no illicit proceeds"
        return f"{opening} no fugitives{ending}.{_died_en(figures)}"
    text = f"{opening} {figures.returned:,} {'fugitive' if figures.returned == 1 else 'fugitives'}"
    if figures.countries:
        places = "country or region" if figures.countries == 1 else "countries and regions"
        text += f" from {about_en(figures.countries)} {places}"
    of_whom = [
        f"{count:,} {_be(count)} {forms[count != 1]}"
        for key, forms in _CATEGORIES_EN.items()
        if (count := getattr(figures, key))
    ]
    if of_whom:
        text += f", of whom {_and(of_whom)}"
    if recovered:
        text += f"; {amount}"
    methods = [f"{count:,} {_METHODS_EN[method].format(be=_be(count))}" for method, count in _methods(figures)]
    return text + "." + (f" Of those brought back, {_and(methods)}." if methods else "") + _died_en(figures)


def _be(count: int) -> str:
    return "was" if count == 1 else "were"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


_RENDERERS: dict[str, Callable[[Figures, str], str]] = {"zh-hans": _bulletin_zh, "en": _bulletin_en}
