"""The rest of yente's API beside the match, for the clients that already speak it (nomenklatura's YenteEnricher,
OpenSanctions' tools): `GET /api/entities/<id>` (a listed person, with what links to them nested), `/api/catalog`,
`/api/algorithms` and `/api/search/<dataset>`, in yente's shapes.

The same grants as the match: a partner's token with the `screening` scope. An entity is a person some dataset lists
whom the partner's own screening has matched, shown as the match shows them (cards.py); a search is a screening of
the name given, logged and raising alerts as a match does.
"""

from __future__ import annotations

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response

from repatria.accounts.models import User
from repatria.core.api import ErrorSerializer
from repatria.names import DEFAULT_THRESHOLD, Entity, EntityError
from repatria.registry.models import Person
from repatria.screening import services
from repatria.screening.listing import partner_cards, registry_index
from repatria.screening.models import Alert, Channel

from .serializers import MAX_LIMIT, EntityResponseSerializer
from .views import DATASET_PARAMETER, BadQuery, ScreeningEndpoint, partner_entities, requested_dataset
from .yente_algorithm import ALGORITHM, DESCRIPTION, algorithm_docs, feature_docs
from .yente_entities import ftm_dataset, person_entity
from .yente_serializers import AlgorithmResponseSerializer, CatalogSerializer, SearchResponseSerializer

ERRORS = {401: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer}
SEARCH_LIMIT = 10
MAX_QUERY_LENGTH = 300


def _flag(value: str | None, default: bool) -> bool:
    """A query-string boolean as FastAPI reads it (true/1/yes/on)."""
    return default if value is None else value.strip().lower() in {"true", "1", "yes", "on"}


def _whole(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name, default)
    try:
        value = int(raw)
    except (TypeError, ValueError):
        value = low - 1
    if not low <= value <= high:
        raise BadQuery(_("“%(name)s” must be a whole number from %(low)d to %(high)d.") % {
            "name": name, "low": low, "high": high,
        })  # fmt: skip
    return value


def _matched_for(user: User, person_id: int) -> bool:
    """Whether a screening of the user's organisation has matched the person (an alert it raised): a partner reads
    the persons its own screenings found, and cannot read the whole list by counting ids."""
    organisation = getattr(user, "organisation", None)
    return organisation is not None and Alert.objects.filter(raised_by=organisation, person_id=person_id).exists()


class EntityView(ScreeningEndpoint):
    """A listed person that a screening of the partner's has matched, by the id the match gave, as a FollowTheMoney
    entity; with `nested` (the default, as yente), the red notice and the office to call nested in it."""

    @extend_schema(
        operation_id="yente_entity",
        parameters=[OpenApiParameter("nested", OpenApiTypes.BOOL, description="Nest the linked entities (true).")],
        responses={200: EntityResponseSerializer, **ERRORS},
    )
    def get(self, request: Request, entity_id: str) -> Response:
        registry_index(current=True)  # the cards as the registry is now
        card = partner_cards().get(entity_id)
        # A card's id is a person's primary key.
        if card is None or not _matched_for(request.user, int(entity_id)):
            raise exceptions.NotFound(_("No listed person has this id."))
        nested = _flag(request.query_params.get("nested"), default=True)
        return Response(person_entity(entity_id, card, nested=nested))


class CatalogView(ScreeningEndpoint):
    """The datasets a partner screens against, as yente's catalog: every one current, its version the time of the
    registry's latest change."""

    @extend_schema(operation_id="yente_catalog", responses={200: CatalogSerializer, **ERRORS})
    def get(self, request: Request) -> Response:
        latest = Person.objects.aggregate(latest=Max("updated"))["latest"]
        version = latest.strftime("%Y%m%d%H%M%S") if latest else "empty"
        datasets = [
            {"name": ftm_dataset(name), "title": str(title), "version": version, "index_version": version,
             "index_current": True, "load": True, "namespace": False, "children": []}
            for name, title in services.DATASETS.items()
        ]  # fmt: skip
        current = [dataset["name"] for dataset in datasets]
        return Response({"datasets": datasets, "current": current, "outdated": [], "index_stale": False})


class AlgorithmsView(ScreeningEndpoint):
    """The one matching algorithm, the engine's: every `algorithm` a client names is answered by it."""

    @extend_schema(operation_id="yente_algorithms", responses={200: AlgorithmResponseSerializer, **ERRORS})
    def get(self, request: Request) -> Response:
        url = request.build_absolute_uri(reverse("api-algorithms"))
        algorithm = {"name": ALGORITHM, "description": DESCRIPTION, "features": feature_docs(url),
                     "docs": algorithm_docs(url)}  # fmt: skip
        return Response({"algorithms": [algorithm], "default": ALGORITHM, "best": ALGORITHM})


class SearchView(ScreeningEndpoint):
    """A name against a dataset, best first, as yente's simple search; logged, and raising alerts for matches, as a
    match query is. Without facets: `facets` is empty."""

    @extend_schema(
        operation_id="yente_search",
        parameters=[
            DATASET_PARAMETER,
            OpenApiParameter("q", OpenApiTypes.STR, required=True, description="A name, in any script."),
            OpenApiParameter("limit", OpenApiTypes.INT, description=f"Results (1 to {MAX_LIMIT}, {SEARCH_LIMIT})."),
            OpenApiParameter("offset", OpenApiTypes.INT, description=f"Results skipped (0 to {MAX_LIMIT})."),
        ],
        responses={200: SearchResponseSerializer, 400: ErrorSerializer, **ERRORS},
    )
    def get(self, request: Request, dataset: str) -> Response:
        dataset = requested_dataset(dataset)
        text = request.query_params.get("q", "").strip()
        if not 0 < len(text) <= MAX_QUERY_LENGTH:
            raise BadQuery(_("Give a name of at most %(max)d characters in “q”.") % {"max": MAX_QUERY_LENGTH})
        limit = _whole(request, "limit", SEARCH_LIMIT, 1, MAX_LIMIT)
        offset = _whole(request, "offset", 0, 0, MAX_LIMIT)
        raw = {"schema": "Person", "properties": {"name": [text]}}
        try:
            query = Entity.from_ftm(raw, default_id="search")
        except EntityError as refused:
            raise BadQuery(services.entity_refusal(refused)) from None
        _log, results = services.screen(
            query, raw, user=request.user, channel=Channel.API, dataset=dataset, limit=offset + limit,
            threshold=DEFAULT_THRESHOLD,
        )  # fmt: skip
        shown = partner_entities({r.id for r in results})
        page = [shown[r.id] for r in results[offset:] if r.id in shown]
        relation = "gte" if len(results) == offset + limit else "eq"
        total = {"value": len(results), "relation": relation}
        return Response({"results": page, "facets": {}, "total": total, "limit": limit, "offset": offset})
