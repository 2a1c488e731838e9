"""The audit trail: every change and every look is written, the chain catches tampering, the rows are append-only."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from repatria.audit.chain import first_break
from repatria.audit.models import AuditEntry, EntryKind
from repatria.audit.testing import tamper
from repatria.cases.services import record_return
from repatria.geo.models import Country


def entries(kind, obj=None):
    found = AuditEntry.objects.filter(kind=kind)
    return found.filter(object_id=str(obj.pk), object_type__model=obj._meta.model_name) if obj else found


@pytest.mark.django_db
def test_a_change_through_a_page_is_logged_with_who_where_and_the_values(officer_client, officer, case, settings):
    settings.REQUEST_ID_FROM_PROXY = True
    response = officer_client.post(
        reverse("cases:case_edit", args=[case.pk]),
        {"number": case.number, "title": "新案名", "province": case.province_id, "opened_on": "2016-04-01",
         "fled_on": "2015-12-01", "lead_organisation": case.lead_organisation_id, "supervision_level": "central",
         "amount_currency": "CNY", "expected_version": case.version},
        HTTP_X_REQUEST_ID="req-4242", REMOTE_ADDR="10.1.2.3",
    )  # fmt: skip
    assert response.status_code == 302
    entry = entries(EntryKind.UPDATE, case).get()
    assert entry.before == {"title": "某局贪污案", "supervision_level": "provincial"}
    assert entry.after == {"title": "新案名", "supervision_level": "central"}
    assert (entry.user, entry.username, entry.organisation) == (officer, "officer", "")
    assert (entry.request_id, entry.client_address) == ("req-4242", "10.1.2.3")
    history = officer_client.get(reverse("audit:history", args=["cases", "case", case.pk])).content.decode()
    assert "新案名" in history and "某局贪污案" in history


@pytest.mark.django_db
def test_creates_deletes_and_many_to_many_changes_are_logged(officer, case, person):
    assert entries(EntryKind.CREATE, case).exists()
    person.nationalities.add(Country.objects.get(pk="CA"))
    change = entries(EntryKind.UPDATE, person).latest("seq")
    assert (change.before, change.after) == ({"nationalities": []}, {"nationalities": ["CA"]})
    ret = record_return(case=case, person=person, date=datetime.date(2017, 1, 1), method="arrest", actor=officer)
    pk = ret.pk
    ret.delete()
    assert AuditEntry.objects.get(kind=EntryKind.DELETE, object_id=str(pk)).before["method"] == "arrest"


@pytest.mark.django_db
def test_passwords_never_enter_the_log(officer):
    officer.set_password("another secret 77")
    officer.save()
    entry = entries(EntryKind.UPDATE, officer).latest("seq")
    assert set(entry.after) == {"password"} and entry.before["password"] != entry.after["password"]
    assert officer.password not in str(entry.before) + str(entry.after)
    assert "another secret" not in str(entry.after)


@pytest.mark.django_db
def test_looking_at_a_person_or_case_and_exporting_are_logged(officer_client, case, person):
    officer_client.get(person.get_absolute_url())
    officer_client.get(case.get_absolute_url())
    officer_client.get(reverse("registry:person_list"), {"q": "yang", "export": "csv"})
    assert entries(EntryKind.VIEW, person).exists() and entries(EntryKind.VIEW, case).exists()
    export = entries(EntryKind.EXPORT).get()
    assert export.after == {"query": "q=yang", "rows": 1, "format": "csv"}


@pytest.mark.django_db
def test_the_application_cannot_change_or_delete_audit_rows(case):
    entry = AuditEntry.objects.first()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(username="x")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    entry.username = "x"
    with pytest.raises(PermissionError):
        entry.save()


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database guard is PostgreSQL's")
def test_postgresql_refuses_to_change_or_delete_audit_rows_whoever_asks(case):
    from django.db import DatabaseError, transaction

    for statement in ("UPDATE audit_auditentry SET username = 'x'", "DELETE FROM audit_auditentry"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)


@pytest.fixture
def trail(officer, case, person):
    for n in range(3):
        person.nationalities.add(Country.objects.get(pk=["US", "CA", "AU"][n]))
    seqs = list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True))
    assert first_break() is None and len(seqs) > 5
    call_command("verify_audit")
    return seqs


@pytest.mark.django_db
def test_verify_names_the_first_altered_row(trail):
    tamper("UPDATE audit_auditentry SET username = 'someone else' WHERE seq = %s", trail[3])
    with pytest.raises(CommandError, match=f"entry #{trail[3]}: its content was altered"):
        call_command("verify_audit")


@pytest.mark.django_db
def test_verify_names_a_deleted_row(trail):
    tamper("DELETE FROM audit_auditentry WHERE seq = %s", trail[2])
    with pytest.raises(CommandError, match=f"entries #{trail[2]} to #{trail[2]} were deleted"):
        call_command("verify_audit")


@pytest.mark.django_db
def test_verify_names_deleted_rows_at_the_end(trail):
    tamper("DELETE FROM audit_auditentry WHERE seq >= %s", trail[-2])
    with pytest.raises(CommandError, match="were deleted"):
        call_command("verify_audit")


@pytest.mark.django_db
def test_verify_names_an_inserted_row(trail):
    row = AuditEntry.objects.get(seq=trail[3])
    tamper(
        "UPDATE audit_auditentry SET seq = seq + 1000 WHERE seq > %s", trail[3]
    )  # make room, as an insertion in the middle must
    fields = {f.column: getattr(row, f.attname) for f in AuditEntry._meta.concrete_fields if f.column != "id"}
    fields.update(seq=trail[3] + 1, hash="f" * 64, username="forged")
    columns = ", ".join(fields)
    values = [json.dumps(v) if isinstance(v, dict | list) else v for v in fields.values()]
    tamper(f"INSERT INTO audit_auditentry ({columns}) VALUES ({', '.join(['%s'] * len(fields))})", *values)  # noqa: S608
    with pytest.raises(CommandError, match=f"entry #{trail[3] + 1}"):
        call_command("verify_audit")


@pytest.mark.django_db
def test_only_auditors_and_administrators_read_the_trail(client, django_user_model, case):
    for role, status in (("auditor", 200), ("admin", 200), ("analyst", 403), ("provincial_officer", 403)):
        client.force_login(django_user_model.objects.create_user(f"u-{role}", role=role))
        assert client.get(reverse("audit:auditentry_list"), {"kind": "create"}).status_code == status, role


@pytest.mark.django_db
def test_a_restore_refuses_a_tampered_audit_chain(trail):
    from repatria.core.backup import VERIFIERS

    assert [message for check in VERIFIERS if (message := check())] == []
    tamper("UPDATE audit_auditentry SET username = 'someone else' WHERE seq = %s", trail[1])
    problems = [message for check in VERIFIERS if (message := check())]
    assert problems == [
        f"the audit trail does not hold: entry #{trail[1]}: its content was altered (its hash no longer matches)"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "start"), [("auditor", "/audit/"), ("partner", "/account/")])
def test_auditors_and_partners_start_where_they_work(client, django_user_model, role, start):
    client.force_login(django_user_model.objects.create_user(f"u-{role}", role=role))
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response.url == start
    if role == "auditor":
        assert 'href="/audit/"' in client.get(start).content.decode()
