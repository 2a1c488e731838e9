"""Writes a demo plan: through the services one record at a time, or in bulk with the same rows and events.

``ServiceWriter`` calls create_person, open_case, record_whereabouts, change_status, record_return, record_asset
and change_stage, so every rule and every timeline event is the services' own; the services date some events
"now", so each call's events are moved to the day the plan says the thing happened. Exchange rates and campaigns
have no service of their own: it saves them after the models' validation, as their forms do. ``BulkWriter``
replays the same steps (generator.chronology) as rows for bulk_create, mirroring what each service writes; tests
load one plan both ways and compare everything, so the two cannot drift apart unnoticed.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterable, Iterator

from django.contrib.auth.hashers import make_password
from django.db import models
from django.utils import timezone

from repatria.accounts.models import Organisation, User
from repatria.assets.models import Asset, AssetStage
from repatria.assets.services import change_stage, record_asset
from repatria.cases import timeline
from repatria.cases.models import Case, CasePerson, CaseRole, CaseStatus, Event, Return
from repatria.cases.services import change_status, open_case, record_return
from repatria.core.services import create_record
from repatria.geo.models import Country
from repatria.names.chinese import detect_script
from repatria.registry.models import IdentityDocument, Person, PersonName, Whereabouts
from repatria.registry.names import search_keys
from repatria.registry.services import create_person, record_whereabouts
from repatria.stats.models import Campaign, CampaignTarget, ExchangeRate

from . import cooperation
from . import generator as g
from .campaigns import CampaignPlan, Tally, campaigns
from .rates import RateBook, RatePlan, carried_to, exchange_rates
from .tables import DEMO_PASSWORD, UNTIL


def ensure_organisations(plans: Iterable[g.OrganisationPlan]) -> dict[str, Organisation]:
    """The planned organisations, created unless one of the same kind and Chinese name exists (kept as it is)."""
    found: dict[str, Organisation] = {}
    for plan in plans:
        found[plan.key], _created = Organisation.objects.get_or_create(
            kind=plan.kind,
            name_zh=plan.name_zh,
            defaults={
                "name_en": plan.name_en,
                "agency_type": plan.agency_type,
                "province_id": plan.province or None,
                "country_id": plan.country or None,
                "parent": found.get(plan.parent),
            },
        )
    return found


def ensure_users(plans: Iterable[g.UserPlan], organisations: dict[str, Organisation]) -> dict[str, User]:
    """The demo logins, created unless the username is taken (an existing account is left alone)."""
    plans = list(plans)
    existing = User.objects.in_bulk([plan.username for plan in plans], field_name="username")
    password = make_password(DEMO_PASSWORD) if len(existing) < len(plans) else ""  # hashing is slow on purpose: once
    for plan in plans:
        if plan.username not in existing:
            existing[plan.username] = User.objects.create(
                username=plan.username,
                password=password,
                role=plan.role,
                organisation=organisations[plan.organisation],
                full_name=plan.full_name,
                is_staff=plan.is_superuser,
                is_superuser=plan.is_superuser,
            )
    return existing


class Writer:
    """What both writers share: the organisations, the countries, and who acts for a case."""

    def __init__(
        self, organisations: dict[str, Organisation], users: dict[str, User], user_plans: Iterable[g.UserPlan]
    ):
        self.organisations = organisations
        self.countries = Country.objects.in_bulk()
        # The first demo user of the lead organisation acts on its cases; the first of all (the administrator) on
        # the others'.
        user_plans = list(user_plans)
        self.actors: dict[str, User] = {}
        for plan in user_plans:
            self.actors.setdefault(plan.organisation, users[plan.username])
        self.default_actor = users[user_plans[0].username]

    def actor(self, plan: g.CasePlan) -> User:
        return self.actors.get(plan.lead_organisation, self.default_actor)

    def write_all(self, plans: Iterable[g.CasePlan]) -> None:
        for plan in plans:
            self.write(plan)
        self.finish()

    def write(self, plan: g.CasePlan) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        """Write what is still buffered."""

    def write_rates(self, plans: Iterable[RatePlan]) -> None:
        raise NotImplementedError

    def write_campaigns(self, plans: Iterable[CampaignPlan]) -> None:
        raise NotImplementedError

    def campaign(self, plan: CampaignPlan, parent: Campaign | None = None) -> Campaign:
        lead = self.organisations[plan.lead_organisation] if plan.lead_organisation else None
        return Campaign(parent=parent, lead_organisation=lead, **plan.fields())


class ServiceWriter(Writer):
    """Through the services: slower, and the reference the bulk writer is tested against."""

    def write(self, plan: g.CasePlan) -> None:
        actor = self.actor(plan)
        persons = {person.key: self._create_person(person) for person, _role in plan.members}
        with self._dated(plan.opened_on):
            case = open_case(
                actor=actor,
                persons={persons[person.key]: role for person, role in plan.members},
                offences=plan.offences,
                lead_organisation=self.organisations[plan.lead_organisation],
                assigned_organisations=[self.organisations[key] for key in plan.assigned_organisations],
                **plan.fields(),
            )
        assets: dict[int, Asset] = {}  # by id() of the AssetPlan
        for step in g.chronology(plan):
            with self._dated(step.day):
                self._replay(step, case, persons, assets, actor)

    def _replay(
        self, step: g.Step, case: Case, persons: dict[int, Person], assets: dict[int, Asset], actor: User
    ) -> None:
        if step.kind == g.WHEREABOUTS:
            w = step.whereabouts
            record_whereabouts(
                person=persons[step.person.key],
                country=self.countries[w.country],
                actor=actor,
                place=w.place,
                date_from=w.date_from,
                date_to=w.date_to,
                confidence=w.confidence,
                source=w.source,
            )
        elif step.kind == g.LOCATED:
            change_status(case=case, new=CaseStatus.LOCATED, actor=actor)
        elif step.kind == g.RETURN:
            r = step.person.returned
            country = self.countries[r.country] if r.country else None
            record_return(
                case=case, person=persons[step.person.key], date=r.date, method=r.method, country=country, actor=actor
            )
        elif step.kind == g.ASSET:
            a = step.asset
            assets[id(a)] = record_asset(
                actor=actor,
                case=case,
                person=persons[a.holder],
                kind=a.kind,
                description=a.description,
                jurisdiction=self.countries[a.jurisdiction],
                value=a.value,
                value_currency=a.value_currency,
                valued_on=a.valued_on,
            )
        else:
            a = step.asset
            returned = step.stage == AssetStage.RETURNED
            change_stage(
                asset=assets[id(a)],
                new=step.stage,
                actor=actor,
                recovered_amount=a.recovered_amount if returned else None,
                recovered_currency=a.recovered_currency if returned else "",
                recovered_on=a.recovered_on if returned else None,
            )

    def _create_person(self, plan: g.PersonPlan) -> Person:
        person = create_person(names=plan.names, nationalities=plan.nationalities, **plan.fields())
        for document in plan.documents:  # documents have no service: a plain validated save
            row = IdentityDocument(person=person, **_document_fields(document))
            row.full_clean()
            row.save()
        return person

    def write_rates(self, plans: Iterable[RatePlan]) -> None:
        for plan in plans:
            create_record(ExchangeRate, **plan.fields())

    def write_campaigns(self, plans: Iterable[CampaignPlan]) -> None:
        for plan in plans:
            campaign = self._create_campaign(plan)
            for operation in plan.operations:
                self._create_campaign(operation, campaign)

    def _create_campaign(self, plan: CampaignPlan, parent: Campaign | None = None) -> Campaign:
        campaign = self.campaign(plan, parent)
        campaign.full_clean()
        campaign.save()
        for measure, value in plan.targets:
            create_record(CampaignTarget, campaign=campaign, measure=measure, value=value)
        return campaign

    @contextlib.contextmanager
    def _dated(self, day: datetime.date) -> Iterator[None]:
        """Move the events written inside the block to `day`, as if entered that day: the services date most of them
        "now"."""
        last = Event.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        yield
        noon = timeline.at_noon(day)
        Event.objects.filter(pk__gt=last).update(occurred_at=noon, entered_at=noon)


class BulkWriter(Writer):
    """The same rows and events as the services write, gathered per batch of cases and saved with bulk_create.

    Each ``_…`` method below mirrors one service function (named in its docstring): the fields it saves, the
    event it records with the same data, and the case status it moves to.
    """

    BATCH_CASES = 1000

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._reset()

    def _reset(self) -> None:
        self.rows: dict[type[models.Model], list[models.Model]] = {
            model: []
            for model in (
                Person,
                Person.nationalities.through,
                PersonName,
                IdentityDocument,
                Case,
                Case.offences.through,
                Case.assigned_organisations.through,
                CasePerson,
                Whereabouts,
                Return,
                Asset,
                Event,
            )
        }
        self.cases_buffered = 0

    def add(self, row: models.Model) -> None:
        self.rows[type(row)].append(row)

    def event(self, builder, *args, day: datetime.date, actor: User, **kwargs) -> None:
        """The event a service records (one of timeline's builders), happened and entered at noon of `day`."""
        event = builder(*args, actor=actor, when=timeline.at_noon(day), **kwargs)
        event.entered_at = event.occurred_at
        self.add(event)

    def write(self, plan: g.CasePlan) -> None:
        actor = self.actor(plan)
        persons = {person.key: self._create_person(person) for person, _role in plan.members}
        case = self._open_case(plan, persons, actor)
        principals = {person.key for person, role in plan.members if role == CaseRole.PRINCIPAL}
        returned: set[int] = set()
        assets: dict[int, Asset] = {}  # by id() of the AssetPlan
        for step in g.chronology(plan):
            if step.kind == g.WHEREABOUTS:
                self._record_whereabouts(step, persons[step.person.key], actor)
            elif step.kind == g.LOCATED:
                self._move(case, CaseStatus.LOCATED, step.day, actor)
            elif step.kind == g.RETURN:
                returned.add(step.person.key)
                self._record_return(step, case, persons[step.person.key], actor, all_back=principals <= returned)
            elif step.kind == g.ASSET:
                assets[id(step.asset)] = self._record_asset(step, case, persons[step.asset.holder], actor)
            else:
                self._change_stage(step, assets[id(step.asset)], actor)
        self.cases_buffered += 1
        if self.cases_buffered >= self.BATCH_CASES:
            self.finish()

    def finish(self) -> None:
        # Models in the order their foreign keys need; bulk_create fills in the keys of the rows saved before.
        for model, rows in self.rows.items():
            if rows:
                model.objects.bulk_create(rows)
        self._reset()

    def write_rates(self, plans: Iterable[RatePlan]) -> None:
        ExchangeRate.objects.bulk_create(ExchangeRate(**plan.fields()) for plan in plans)

    def write_campaigns(self, plans: Iterable[CampaignPlan]) -> None:
        """The campaigns, then their operations (which need the campaigns' keys), then every target."""
        plans = list(plans)
        parents = Campaign.objects.bulk_create(self.campaign(plan) for plan in plans)
        pairs = list(zip(plans, parents, strict=True))
        operations = [(op, self.campaign(op, campaign)) for plan, campaign in pairs for op in plan.operations]
        Campaign.objects.bulk_create(campaign for _plan, campaign in operations)
        CampaignTarget.objects.bulk_create(
            CampaignTarget(campaign=campaign, measure=measure, value=value)
            for plan, campaign in pairs + operations
            for measure, value in plan.targets
        )

    def _create_person(self, plan: g.PersonPlan) -> Person:
        """registry.services.create_person and its refresh_names (names in kind order, as person.names.all())."""
        in_kind_order = sorted(plan.names, key=lambda name: name[1])
        person = Person(display_name=plan.name, search_text=search_keys(name for name, _kind in in_kind_order))
        for field, value in plan.fields().items():
            setattr(person, field, value)
        self.add(person)
        for country in plan.nationalities:
            self.add(Person.nationalities.through(person=person, country_id=country))
        for name, kind in plan.names:
            self.add(PersonName(person=person, name=name, kind=kind, script=detect_script(name)))
        for document in plan.documents:
            self.add(IdentityDocument(person=person, **_document_fields(document)))
        return person

    def _open_case(self, plan: g.CasePlan, persons: dict[int, Person], actor: User) -> Case:
        """cases.services.open_case and add_person."""
        case = Case(lead_organisation=self.organisations[plan.lead_organisation], **plan.fields())
        self.add(case)
        for offence in plan.offences:
            self.add(Case.offences.through(case=case, offence_id=offence))
        for key in plan.assigned_organisations:
            self.add(Case.assigned_organisations.through(case=case, organisation=self.organisations[key]))
        self.event(timeline.case_opened, case, day=plan.opened_on, actor=actor)
        for person_plan, role in plan.members:
            membership = CasePerson(case=case, person=persons[person_plan.key], role=role)
            self.add(membership)
            self.event(timeline.person_added, membership, day=plan.opened_on, actor=actor)
        return case

    def _move(self, case: Case, new: str, day: datetime.date, actor: User) -> None:
        """cases.services._move (a demo case is never closed)."""
        old, case.status = case.status, new
        case.version += 1
        self.event(timeline.status_changed, case, old, day=day, actor=actor)

    def _record_whereabouts(self, step: g.Step, person: Person, actor: User) -> None:
        """registry.services.record_whereabouts."""
        w = step.whereabouts
        whereabouts = Whereabouts(
            person=person,
            country_id=w.country,
            place=w.place,
            date_from=w.date_from,
            date_to=w.date_to,
            confidence=w.confidence,
            source=w.source,
        )
        self.add(whereabouts)
        self.event(timeline.whereabouts_recorded, whereabouts, day=step.day, actor=actor)

    def _record_return(self, step: g.Step, case: Case, person: Person, actor: User, *, all_back: bool) -> None:
        """cases.services.record_return: the case is returned once all its principals are."""
        r = step.person.returned
        ret = Return(case=case, person=person, date=r.date, country_id=r.country, method=r.method)
        self.add(ret)
        self.event(timeline.returned, ret, day=r.date, actor=actor)
        if all_back and case.status != CaseStatus.RETURNED:
            self._move(case, CaseStatus.RETURNED, r.date, actor)

    def _record_asset(self, step: g.Step, case: Case, holder: Person, actor: User) -> Asset:
        """assets.services.record_asset."""
        a = step.asset
        asset = Asset(
            case=case,
            person=holder,
            kind=a.kind,
            description=a.description,
            jurisdiction_id=a.jurisdiction,
            value=a.value,
            value_currency=a.value_currency,
            valued_on=a.valued_on,
        )
        self.add(asset)
        self.event(timeline.asset_recorded, asset, day=step.day, actor=actor)
        return asset

    def _change_stage(self, step: g.Step, asset: Asset, actor: User) -> None:
        """assets.services.change_stage."""
        old, asset.stage = asset.stage, step.stage
        asset.version += 1
        if step.stage == AssetStage.RETURNED:
            asset.recovered_amount = step.asset.recovered_amount
            asset.recovered_currency = step.asset.recovered_currency or asset.value_currency
            asset.recovered_on = step.asset.recovered_on
        self.event(timeline.asset_stage_changed, asset, old, day=step.day, actor=actor)


def _document_fields(plan: g.DocumentPlan) -> dict:
    return {
        "kind": plan.kind,
        "number": plan.number,
        "country_id": plan.country,
        "issued_on": plan.issued_on,
        "expires_on": plan.expires_on,
    }


def load(*, persons: int, seed: int = g.DEFAULT_SEED, until: datetime.date | None = None, fast: bool) -> None:
    """Write the organisations, the demo users, the exchange rates, `persons` persons with their cases, the
    campaigns with targets near what those cases achieve, and the reference data of international cooperation.

    The caller holds the transaction, so a failure leaves nothing half-written.
    """
    until = until or default_until()
    organisations = ensure_organisations(g.organisations())
    user_plans = g.users(seed)
    users = ensure_users(user_plans, organisations)
    writer = (BulkWriter if fast else ServiceWriter)(organisations, users, user_plans)
    rates = carried_to(exchange_rates(seed=seed, until=until), timezone.localdate())
    writer.write_rates(rates)
    tally = Tally(RateBook(rates))
    writer.write_all(tally.count(g.cases(persons=persons, seed=seed, until=until)))
    writer.write_campaigns(campaigns(seed=seed, until=until, tally=tally))
    cooperation.write(seed)


def default_until() -> datetime.date:
    """The demo's fixed last day, or yesterday on a machine whose clock is earlier (no return is in the future)."""
    return min(UNTIL, timezone.localdate() - datetime.timedelta(days=1))
