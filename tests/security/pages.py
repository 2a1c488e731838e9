"""A page's form as a browser would send it untouched, so that a test changes one value the way a user does."""

import re
from html.parser import HTMLParser


class _FormReader(HTMLParser):
    """A form's values as a browser sends them: inputs, checked boxes, selected options, text areas."""

    def __init__(self) -> None:
        super().__init__()
        self.data: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.data.append((name, a.get("value", "on" if a.get("type") == "checkbox" else "")))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.data.append((self._select, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.data.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None


def form_of(html: str) -> dict[str, str | list[str]]:
    """The fields and values of the page's own form (the one that posts to the page itself, not the menu's), a
    list where a name repeats (several choices)."""
    start = next(tag.start() for tag in re.finditer(r"<form\b[^>]*>", html) if "action=" not in tag.group())
    form = html[start : html.index("</form>", start)]
    reader = _FormReader()
    reader.feed(form)
    values: dict[str, str | list[str]] = {}
    for name, value in reader.data:
        if name in values:
            previous = values[name]
            values[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            values[name] = value
    return values
