"""A yente client against our API, run by tests/e2e/test_yente_client.py with .venv-bench's Python, where nomenklatura,
followthemoney and yente's response models are installed for tests only (Makefile: .venv-bench/.yente).

nomenklatura's YenteEnricher matches the query and expands each match, as OpenSanctions' tools do; the catalog,
algorithms and a search are read as a yente client would. Every answer is checked against yente's own response models
(yente.data.common, with the `features` and `matcher` fields yente gave up to version 5.2) and every entity in it,
nested ones too, against FollowTheMoney's schema. Prints what it found as JSON; exits non-zero on the first answer
that does not hold.

    yente_client.py --api http://127.0.0.1:8000/api/ --key KEY --query '{"schema": "Person", "properties": {...}}'
"""

from __future__ import annotations

import argparse
import json
from typing import Any
from urllib.parse import urljoin, urlparse

from followthemoney import Dataset, StatementEntity, model, registry
from nomenklatura.cache import Cache
from nomenklatura.enrich.yente import YenteEnricher
from nomenklatura.matching.types import FeatureDocs
from pydantic import BaseModel
from requests import Response, Session
from yente.data.common import (
    AlgorithmResponse,
    DataCatalogModel,
    EntityMatches,
    EntityMatchResponse,
    EntityResponse,
    ScoredEntityResponse,
    SearchResponse,
)


class ScoredWithFeatures(ScoredEntityResponse):
    features: dict[str, float]  # yente's ScoredEntityResponse up to 5.2


class MatchesWithFeatures(EntityMatches):
    results: list[ScoredWithFeatures]


class MatchWithMatcher(EntityMatchResponse):
    responses: dict[str, MatchesWithFeatures]
    matcher: FeatureDocs  # yente's EntityMatchResponse up to 5.2


class InvalidAnswer(AssertionError):
    pass


def check_entity(data: dict[str, Any], where: str) -> int:
    """The entity and those nested in it hold to FtM's schema: known schema, its properties only, values of their
    types (a nested entity only in a property of the entity type). Returns how many entities were checked."""
    schema = model.get(data["schema"])
    if schema is None:
        raise InvalidAnswer(f"{where}: no FtM schema {data['schema']!r}")
    checked = 1
    for name, values in data["properties"].items():
        prop = schema.get(name)
        if prop is None:
            raise InvalidAnswer(f"{where}: {schema.name} has no property {name!r}")
        for value in values:
            if isinstance(value, dict):
                if prop.type != registry.entity:
                    raise InvalidAnswer(f"{where}: {schema.name}.{name} holds an entity")
                checked += check_entity(value, f"{where}.{name}")
            elif prop.type.clean(value, proxy=None) is None:
                raise InvalidAnswer(f"{where}: {schema.name}.{name} = {value!r} is not a valid {prop.type.name}")
    return checked


def entities_of(answer: dict[str, Any], path: str) -> list[dict[str, Any]]:
    if path.startswith("match/"):
        return [r for response in answer["responses"].values() for r in response["results"]]
    if path.startswith("search/"):
        return answer["results"]
    return [answer] if path.startswith("entities/") else []


MODELS: dict[str, type[BaseModel]] = {
    "match/": MatchWithMatcher,
    "entities/": EntityResponse,
    "search/": SearchResponse,
    "catalog": DataCatalogModel,
    "algorithms": AlgorithmResponse,
}


class Checker:
    """Checks each answer the session receives, by the endpoint it came from."""

    def __init__(self, api: str):
        self.prefix = urlparse(api).path
        self.checked: dict[str, int] = {}
        self.entities = 0

    def __call__(self, response: Response, *args: Any, **kwargs: Any) -> None:
        path = urlparse(response.url).path.removeprefix(self.prefix)
        if response.status_code != 200:
            raise InvalidAnswer(f"{path}: {response.status_code} {response.text[:300]}")
        [(prefix, shape)] = [(prefix, shape) for prefix, shape in MODELS.items() if path.startswith(prefix)]
        answer = response.json()
        shape.model_validate(answer)
        for entity in entities_of(answer, path):
            self.entities += check_entity(entity, path)
        self.checked[prefix] = self.checked.get(prefix, 0) + 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--api", required=True, help="the API's root, ending in /")
    parser.add_argument("--key", required=True)
    parser.add_argument("--query", required=True, help="a FtM Person entity as JSON")
    parser.add_argument("--dataset", default="default")
    args = parser.parse_args()

    session = Session()
    checker = Checker(args.api)
    session.hooks["response"].append(checker)
    dataset = Dataset.make({"name": "partner", "title": "A partner's own records"})
    # No cache: every call reaches the server (cache_days 0 never reads nor writes the cache's database).
    config = {"api": args.api, "api_key": args.key, "dataset": args.dataset, "cache_days": 0}
    enricher = YenteEnricher(dataset, Cache(None, dataset), config, session=session)

    query = StatementEntity.from_data(dataset, {"id": "query", **json.loads(args.query)})
    matches, expanded = [], []
    for match in enricher.match_wrapped(query):
        matches.append({"id": match.id, "schema": match.schema.name, "caption": match.caption})
        for entity in enricher.expand_wrapped(query, match):
            expanded.append({"id": entity.id, "schema": entity.schema.name, "caption": entity.caption,
                             "properties": entity.to_dict()["properties"]})  # fmt: skip
    # The enricher has put the key in the session's headers.
    session.get(urljoin(args.api, "catalog"))
    session.get(urljoin(args.api, "algorithms"))
    session.get(urljoin(args.api, f"search/{args.dataset}"), params={"q": query.first("name"), "limit": 5})
    print(json.dumps({"matches": matches, "expanded": expanded, "checked": checker.checked,
                      "entities": checker.entities}))  # fmt: skip


if __name__ == "__main__":
    main()
