"""Every page the site serves, found in the URL configuration, so that a probe covers a page added later unasked."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    name: str  # with its namespace: "cases:case_add"
    pattern: URLPattern

    @property
    def view(self) -> type | None:
        """The class of a class-based view; None for a function."""
        return getattr(self.pattern.callback, "view_class", None) or getattr(self.pattern.callback, "cls", None)

    @property
    def model(self) -> type | None:
        """The record type of a generic view, given to it by `as_view(model=…)` or as its attribute."""
        return self.pattern.callback.__dict__.get("view_initkwargs", {}).get("model") or getattr(
            self.view, "model", None
        )

    @property
    def arguments(self) -> list[str]:
        return list(self.pattern.pattern.regex.groupindex)


def routes() -> Iterator[Route]:
    def walk(patterns: list, namespace: str) -> Iterator[Route]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(
                    pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                )
            elif pattern.name:
                yield Route(namespace + pattern.name, pattern)

    return walk(get_resolver().url_patterns, "")
