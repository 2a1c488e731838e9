"""The demo data: a deterministic plan of synthetic people, loaded through the services or in bulk alike."""

import collections
import datetime
import io
import json
import random

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models, transaction
from django.utils import timezone

from repatria.accounts.models import Organisation, OrganisationKind, Role, User
from repatria.assets.models import Asset
from repatria.cases.models import Case, CasePerson, CaseRole, CaseStatus, Event, EventKind, Return, ReturnMethod
from repatria.demo import generator, writer
from repatria.demo.tables import DEMO_PASSWORD, HUNDRED_LIST_PUBLISHED, UNTIL, is_blocked
from repatria.names.chinese import detect_script, pinyin_syllables, split_surname, to_simplified
from repatria.registry.models import IdentityDocument, NameKind, Person, PersonName, Whereabouts
from repatria.registry.names import query_keys, search_keys
from repatria.registry.services import search


def plan(persons: int, seed: int = generator.DEFAULT_SEED) -> list[generator.CasePlan]:
    return list(generator.cases(persons=persons, seed=seed))


def people(cases: list[generator.CasePlan]) -> list[generator.PersonPlan]:
    return [person for case in cases for person, _role in case.members]


def seed_demo(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


# The plan, without the database.


def test_the_same_seed_and_size_give_the_same_plan():
    assert plan(300) == plan(300)
    assert generator.users(5) == generator.users(5)


def test_another_seed_gives_other_people():
    assert [p.name for p in people(plan(300, seed=1))] != [p.name for p in people(plan(300, seed=2))]


def test_the_plan_has_the_requested_persons_and_the_100_list_numbered_from_1():
    persons = people(plan(2000))
    assert len(persons) == 2000
    assert [p.key for p in persons] == list(range(2000))
    hundred = [p for p in persons if p.hundred_list_number]
    assert sorted(p.hundred_list_number for p in hundred) == list(range(1, 51))
    assert all(p.red_notice_number and p.red_notice_issued < HUNDRED_LIST_PUBLISHED for p in hundred)
    assert 0.03 < sum(bool(p.red_notice_number) for p in persons) / 2000 < 0.07


def test_the_return_methods_follow_the_sky_net_2018_mix():
    returns = [p.returned for p in people(plan(5000)) if p.returned]
    assert 0.6 < len(returns) / 5000 < 0.75
    share = {method: n / len(returns) for method, n in collections.Counter(r.method for r in returns).items()}
    assert 0.33 < share[ReturnMethod.PERSUASION] < 0.41
    assert 0.18 < share[ReturnMethod.ARREST] < 0.24
    assert 0.12 < share[ReturnMethod.CAUGHT_AT_HOME] < 0.18
    assert all((r.country is None) == (r.method == ReturnMethod.CAUGHT_AT_HOME) for r in returns)


def test_dates_follow_the_lifecycle():
    for case in plan(1000):
        assert case.fled_on < case.opened_on <= UNTIL
        for person, _role in case.members:
            assert person.whereabouts[0].date_from.startswith(str(case.fled_on.year))
            assert all(case.opened_on <= w.recorded_on <= UNTIL for w in person.whereabouts)
            if person.returned:
                assert case.opened_on < person.returned.date <= UNTIL
                assert all(w.recorded_on <= person.returned.date for w in person.whereabouts)
                if person.returned.country:
                    assert person.returned.country == person.whereabouts[-1].country
        for asset in case.assets:
            days = [asset.valued_on, *(day for _stage, day in asset.stages)]
            assert days == sorted(days) and days[-1] <= UNTIL


def test_identity_numbers_are_synthetic_valid_and_unique():
    documents = [d for p in people(plan(3000)) for d in p.documents]
    id_cards = [d.number for d in documents if d.kind == "id_card"]
    assert len(set(id_cards)) == 3000
    for number in id_cards:
        assert number.startswith("99")  # no such area: never a real person's number
        birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        assert generator.id_card_number(number[:6], birth, int(number[14:17])) == number
    passports = [d.number for d in documents if d.kind == "passport"]
    assert len(passports) == len(set(passports)) and 0.55 < len(passports) / 3000 < 0.65


def test_an_identity_number_gets_the_check_character_of_the_standards_example():
    assert generator.id_card_number("110105", datetime.date(1949, 12, 31), 2) == "11010519491231002X"


# Names: realistic, findable, never a real person's.


def test_no_generated_name_is_on_the_blocklist():
    names = [p.name for p in people(plan(5000))] + [u.full_name for u in generator.users()]
    assert not any(is_blocked(name) for name in names)


def test_a_blocked_name_is_drawn_again():
    rng = random.Random(1)
    names = generator.NameGenerator(
        rng, surnames=[("杨", 1)], male=[("超", 10), ("帆", 1)], is_blocked={"杨超", "杨超超", "杨超帆"}.__contains__
    )
    drawn = {names.draw("male") for _ in range(300)}
    assert drawn and not drawn & {"杨超", "杨超超", "杨超帆"}


def test_names_follow_surname_frequencies_and_include_compound_surnames():
    names = generator.NameGenerator(random.Random(3))
    drawn = [split_surname(names.draw("male" if i % 5 else "female"))[0] for i in range(50_000)]
    surnames = collections.Counter(drawn)
    assert {surname for surname, _n in surnames.most_common(3)} == {"王", "李", "张"}
    assert 0 < surnames["欧阳"] < surnames["汤"]


def test_names_come_in_several_scripts():
    persons = people(plan(3000))
    kinds = collections.Counter(kind for p in persons for _name, kind in p.names)
    assert kinds[NameKind.PRIMARY] == 3000
    assert 0.75 < kinds[NameKind.ROMANISATION] / 3000 < 0.95
    traditional = [name for p in persons for name, _kind in p.names if detect_script(name) == "Hant"]
    assert 0.2 < len(traditional) / 3000 < 0.4
    assert all(to_simplified(name) in {p.name for p in persons} for name in traditional)
    assert generator.romanise("吕伟明", "passport") == "LYU Weiming"
    assert generator.romanise("欧阳秀英", "western") == "Xiuying Ouyang"
    assert generator.traditional("于丽华") == "于麗華"


def test_a_romanised_name_finds_the_chinese_name():
    for p in people(plan(300)):
        for name, kind in p.names:
            if kind == NameKind.ROMANISATION:
                assert any(key in search_keys([p.name]) for key in query_keys(name)), name


# Loading.


@pytest.mark.django_db
def test_seed_demo_creates_organisations_and_one_login_per_role():
    out = seed_demo("--persons", "60")
    assert Organisation.objects.filter(kind=OrganisationKind.PROVINCIAL_OFFICE).count() == 31
    assert Organisation.objects.get(name_zh="广东省追逃办").province.name_zh == "广东省"
    assert Organisation.objects.filter(kind=OrganisationKind.AGENCY).exclude(agency_type="").count() == 6
    assert Organisation.objects.filter(kind=OrganisationKind.PARTNER, country__isnull=False).count() == 5
    users = {user.username: user for user in User.objects.select_related("organisation")}
    assert {user.role for user in users.values()} == set(Role.values)
    assert users["admin"].is_superuser and users["admin"].is_staff
    assert users["guangdong"].organisation.name_zh == "广东省追逃办"
    assert users["police"].organisation.name_zh == "公安部"
    assert all(user.check_password(DEMO_PASSWORD) and user.full_name for user in users.values())
    for username in users:
        assert username in out
    assert DEMO_PASSWORD in out


@pytest.mark.django_db
def test_loaded_persons_are_found_by_pinyin():
    seed_demo("--persons", "60")
    assert Person.objects.count() == 60
    for person in Person.objects.all()[:20]:
        typed = " ".join(pinyin_syllables(person.display_name))
        assert person in search(Person.objects.all(), typed)
        latin = person.names.filter(kind=NameKind.ROMANISATION).first()
        if latin:
            assert person in search(Person.objects.all(), latin.name)


@pytest.mark.django_db
def test_case_statuses_agree_with_returns_and_events_carry_their_dates():
    seed_demo("--persons", "60")
    for case in Case.objects.prefetch_related("memberships", "returns"):
        principals = {m.person_id for m in case.memberships.all() if m.role == CaseRole.PRINCIPAL}
        returned = {r.person_id for r in case.returns.all()}
        assert (case.status == CaseStatus.RETURNED) == (principals <= returned)
        opened = case.events.get(kind=EventKind.CASE_OPENED).occurred_at
        assert timezone.localtime(opened).date() == case.opened_on and timezone.localtime(opened).hour == 12
    for ret in Return.objects.all():
        event = Event.objects.get(kind=EventKind.RETURNED, person=ret.person, case=ret.case)
        assert timezone.localdate(event.occurred_at) == ret.date
    assert not Event.objects.filter(occurred_at__date__gt=UNTIL).exists()


@pytest.mark.django_db
def test_once_skips_a_loaded_database_and_still_prints_the_logins():
    seed_demo("--persons", "20", "--once")
    out = seed_demo("--persons", "20", "--once")
    assert "demo data already loaded" in out and "guangdong" in out
    assert Person.objects.count() == 20
    with pytest.raises(CommandError):
        seed_demo("--persons", "20")


# The bulk writer writes exactly what the services write.


def snapshot() -> dict[str, list]:
    """Every demo row without its key and timestamps, foreign keys replaced by what names the target."""
    person_rank = {pk: rank for rank, pk in enumerate(Person.objects.order_by("pk").values_list("pk", flat=True))}
    names = {
        "person_id": person_rank,
        "case_id": dict(Case.objects.values_list("pk", "number")),
        "actor_id": dict(User.objects.values_list("pk", "username")),
        "lead_organisation_id": dict(Organisation.objects.values_list("pk", "name_zh")),
    }
    tables = (Person, Person.nationalities.through, PersonName, IdentityDocument, Case, Case.offences.through)
    tables += (CasePerson, Whereabouts, Return, Asset, Event)
    result = {}
    for model in tables:
        fields = [f for f in model._meta.concrete_fields if not f.primary_key and f.name not in {"created", "updated"}]
        rows = []
        for row in model.objects.values_list(*(f.attname for f in fields)):
            rows.append(
                tuple(
                    json.dumps(value, sort_keys=True)
                    if isinstance(field, models.JSONField)
                    else repr(names[field.attname][value] if field.attname in names and value else value)
                    for field, value in zip(fields, row, strict=True)
                )
            )
        result[model._meta.label] = sorted(rows)
    return result


class Rollback(Exception):
    pass


def load_and_snapshot(*, persons: int, fast: bool) -> dict[str, list]:
    try:
        with transaction.atomic():
            writer.load(persons=persons, fast=fast)
            data = snapshot()
            raise Rollback
    except Rollback:
        pass
    return data


@pytest.mark.django_db
def test_the_bulk_writer_writes_what_the_services_write():
    through_services = load_and_snapshot(persons=160, fast=False)
    in_bulk = load_and_snapshot(persons=160, fast=True)
    kinds = {row[0] for row in through_services["cases.Event"]}
    unwritten = {
        EventKind.REQUEST_SENT,
        EventKind.REQUEST_STEP,
        EventKind.NOTE,
        EventKind.SCREENING_ALERT,
        EventKind.ATTACHED,
        EventKind.TRANSFERRED,
    }
    demo_kinds = set(EventKind.values) - unwritten
    assert kinds == {repr(kind) for kind in demo_kinds}  # the comparison covers every kind of event the demo writes
    assert {label: len(rows) for label, rows in in_bulk.items()} == {
        label: len(rows) for label, rows in through_services.items()
    }
    for label, rows in through_services.items():
        assert in_bulk[label] == rows, label
