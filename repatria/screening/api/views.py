"""`POST /api/match/<dataset>`: partners screen persons against the registry, in the shape yente speaks.

Only a partner's token with the `screening` scope may call it. Every query is logged (ScreeningLog) and each match
raises an alert for the officers of the person's case. A result shows what a partner may see of a listed person
(names, birth date, nationalities, the red notice and the office to call, as FollowTheMoney entities), nothing of
the case itself.
Refusals are in the caller's language: the language cookie, else the Accept-Language header, else Chinese
(core.middleware).
"""

from __future__ import annotations

import math
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from repatria.accounts.models import ApiToken, Scope
from repatria.core.api import ErrorSerializer
from repatria.core.bodies import NestedTooDeep
from repatria.names import DEFAULT_THRESHOLD, Entity, EntityError, Result
from repatria.screening import services
from repatria.screening.listing import partner_cards
from repatria.screening.models import Channel

from .serializers import (
    MAX_CONTEXT,
    MAX_LIMIT,
    MAX_QUERIES,
    MatchRequestSerializer,
    MatchResponseSerializer,
)
from .yente_algorithm import explanations, feature_docs, features
from .yente_entities import ftm_dataset, person_entity

DEFAULT_LIMIT = 10
MAX_VALUES = 50  # values per property of a query
MAX_VALUE_LENGTH = 300  # characters per value


class BadQuery(exceptions.ValidationError):
    """400 with one clear sentence: `{"detail": "..."}`."""

    def __init__(self, detail: str):
        super().__init__()
        self.detail = exceptions.ErrorDetail(detail, code="invalid")


class PartnerToken(BasePermission):
    """Only partners' systems screen, with their tokens: an officer's session is refused."""

    message = gettext_lazy("Screening is for partners' systems: call it with a token that has the “screening” scope.")

    def has_permission(self, request: Request, view: object) -> bool:
        return isinstance(request.auth, ApiToken)


# --- Reading the request --------------------------------------------------------------------------------------


def _size_error(data: Any) -> str | None:
    """Bounds the engine does not set: how many values a property has and how long each is."""
    props = data.get("properties") if isinstance(data, dict) else None
    for key, values in props.items() if isinstance(props, dict) else ():
        values = [values] if isinstance(values, str) else values
        if not isinstance(values, list):
            continue
        if len(values) > MAX_VALUES:
            return _("properties.%(field)s may have at most %(max)d values") % {"field": key, "max": MAX_VALUES}
        if any(isinstance(value, str) and len(value) > MAX_VALUE_LENGTH for value in values):
            return _("properties.%(field)s: a value may have at most %(max)d characters") % {
                "field": key,
                "max": MAX_VALUE_LENGTH,
            }
    return None


def _number(value: Any, *, integer: bool) -> float | int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = int(value) if integer else float(value)
        except ValueError:
            return None
    if integer and isinstance(value, int):
        return value
    if not integer and isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    return None


def read_request(request: Request) -> tuple[dict[str, tuple[Entity, dict]], int, float, str]:
    """The queries (entity and the raw dict, by key), limit, threshold and context; BadQuery for anything else."""
    try:
        body = request.data
    except NestedTooDeep:
        raise
    except exceptions.ParseError:
        raise BadQuery(_("The body is not valid JSON.")) from None
    if not isinstance(body, dict):
        raise BadQuery(_("The body must be a JSON object with “queries”."))
    queries = body.get("queries")
    if not isinstance(queries, dict) or not queries:
        raise BadQuery(
            _("Give the persons to screen in “queries”, by keys of your choosing: "
              '{"queries": {"q1": {"schema": "Person", "properties": {"name": ["…"]}}}}.')
        )  # fmt: skip
    if len(queries) > MAX_QUERIES:
        raise BadQuery(
            _("At most %(max)d queries per request; this one has %(count)d.")
            % {"max": MAX_QUERIES, "count": len(queries)}
        )
    raw_limit = body.get("limit", request.query_params.get("limit", DEFAULT_LIMIT))
    limit = _number(raw_limit, integer=True)
    if limit is None or not 1 <= limit <= MAX_LIMIT:
        raise BadQuery(_("“limit” must be a whole number from 1 to %(max)d.") % {"max": MAX_LIMIT})
    raw_threshold = body.get("threshold", request.query_params.get("threshold", DEFAULT_THRESHOLD))
    threshold = _number(raw_threshold, integer=False)
    if threshold is None or not 0 <= threshold <= 1:
        raise BadQuery(_("“threshold” must be a number from 0 to 1."))
    context = body.get("context", "")
    if not isinstance(context, str) or len(context) > MAX_CONTEXT:
        raise BadQuery(_("“context” must be text of at most %(max)d characters.") % {"max": MAX_CONTEXT})
    entities = {}
    for key, data in queries.items():
        try:
            error = _size_error(data)
            entities[key] = (Entity.from_ftm(data, default_id=key), data)
        except EntityError as refused:
            error = error or services.entity_refusal(refused)
        if error:
            raise BadQuery(_("Query “%(key)s”: %(error)s.") % {"key": key, "error": error})
    return entities, limit, threshold, context.strip()


# --- The answer -----------------------------------------------------------------------------------------------


def partner_entities(person_ids: set[str]) -> dict[str, dict]:
    """What a partner may see of each listed person, as FtM entities, from the listing's cards (no query)."""
    cards = partner_cards()
    return {pk: person_entity(pk, card) for pk in person_ids if (card := cards.get(pk)) is not None}


def result_json(result: Result, entity: dict) -> dict:
    """yente's scored entity: the person, the score, `features` and the engine's readable explanations."""
    return {
        **entity,
        "score": result.score,
        "match": result.match,
        "features": features(result),
        "explanations": explanations(result),
    }


def requested_dataset(name: str) -> str:
    """The dataset a path names, ours or as FollowTheMoney writes it; 404 for any other."""
    dataset = name.replace("_", "-")
    if dataset not in services.DATASETS:
        raise exceptions.NotFound(str(services.UnknownDataset(name)))
    return dataset


DATASET_PARAMETER = OpenApiParameter(
    "dataset",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    enum=[*services.DATASETS, *(ftm_dataset(name) for name in services.DATASETS if ftm_dataset(name) != name)],
    description="default: persons of cases at large or located; red-notices (or red_notices, as FollowTheMoney "
    "writes it): those with a red notice.",
)


class ScreeningEndpoint(APIView):
    """An endpoint of partners' systems: a token with the `screening` scope, no officer's session."""

    required_scopes = (Scope.SCREENING,)

    def get_permissions(self) -> list[BasePermission]:
        return [*super().get_permissions(), PartnerToken()]


class MatchView(ScreeningEndpoint):
    """Screen persons against a dataset of the registry: `default` (persons of cases at large or located) or
    `red-notices` (those of them with an INTERPOL red notice). Each query is logged, and each match raises an alert
    for the officers of the person's case; `context` says what the screening is for and goes with the alerts."""

    @extend_schema(
        operation_id="match",
        request=MatchRequestSerializer,
        parameters=[
            DATASET_PARAMETER,
            OpenApiParameter("limit", OpenApiTypes.INT, description="Results per query, if the body does not say."),
            OpenApiParameter(
                "threshold", OpenApiTypes.FLOAT, description="The match threshold, if the body does not say."
            ),
        ],  # fmt: skip
        responses={
            200: MatchResponseSerializer,
            400: ErrorSerializer,
            401: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def post(self, request: Request, dataset: str) -> Response:
        dataset = requested_dataset(dataset)
        queries, limit, threshold, context = read_request(request)
        answers = {}
        for key, (entity, raw) in queries.items():
            _log, results = services.screen(
                entity, raw, user=request.user, channel=Channel.API, dataset=dataset, context=context,
                limit=limit, threshold=threshold,
            )  # fmt: skip
            answers[key] = (entity, results)
        shown = partner_entities({r.id for _entity, results in answers.values() for r in results})
        responses = {
            key: {
                "status": 200,
                "results": [result_json(r, shown[r.id]) for r in results if r.id in shown],
                "total": {"value": len(results), "relation": "eq"},
                "query": entity.to_ftm(),
            }
            for key, (entity, results) in answers.items()
        }
        matcher = feature_docs(request.build_absolute_uri(reverse("api-algorithms")))
        return Response({"responses": responses, "matcher": matcher, "limit": limit})
