"""Writes the change log: every create, update and delete of an audited record, with its values before and after.

Signals are used here on purpose, where side effects are otherwise explicit calls: the change log must see every
write, whichever service, view, import or admin page makes it, without the apps that write (core among them)
importing the audit app. Bulk loads (bulk_create) bypass it, as they bypass save(), unless the service sends
core.signals.records_created.
"""

import datetime
import decimal
import hashlib

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from repatria.core import signals
from repatria.core.context import actor
from repatria.core.models import AuditedModel

from . import chain
from .models import EntryKind

# Derived or secret values: kept out of the log (a password change shows as a changed hash, not the hash).
LEFT_OUT = {"search_text", "updated", "created", "last_login", "last_used", "version"}
SECRET = {"password", "session_salt", "key_hash", "secret_salt"}


def _json(value):
    if isinstance(value, datetime.date | datetime.datetime | decimal.Decimal):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return value


def snapshot(instance: models.Model) -> dict:
    """The record's own column values, as JSON."""
    values = {}
    for field in instance._meta.concrete_fields:
        if field.name in LEFT_OUT:
            continue
        value = getattr(instance, field.attname)
        values[field.attname] = _fingerprint(value) if field.name in SECRET and value else _json(value)
    return values


def _fingerprint(secret: str) -> str:
    """Shows that a secret changed without keeping it (nor its hash, which could be attacked offline)."""
    return f"(secret {hashlib.sha256(secret.encode()).hexdigest()[:6]})"


def _entry(kind: str, model: type[models.Model], *, obj=None, before=None, after=None) -> dict:
    user, request_id, client_address = actor()
    organisation = getattr(user, "organisation", None) if user else None
    return {
        "kind": kind,
        "user": user,
        "username": user.get_username() if user else "",
        "organisation": str(organisation or ""),
        "request_id": request_id,
        "client_address": client_address,
        "object_type": ContentType.objects.get_for_model(model),
        "object_id": str(obj.pk) if obj is not None else "",
        "object_repr": str(obj)[:300] if obj is not None else "",
        "before": before,
        "after": after,
    }


def write(kind: str, model: type[models.Model], *, obj=None, before=None, after=None) -> None:
    """One entry for the acting user about a record (or, without `obj`, about a record type as a whole)."""
    chain.append(**_entry(kind, model, obj=obj, before=before, after=after))


def _bulk_created(sender, records: list[models.Model], **kwargs) -> None:
    """The creation entries of audited records saved together by bulk_create, whose service said so
    (core.signals.records_created): one lock of the chain and one insert for them all."""
    chain.append_many([_entry(EntryKind.CREATE, type(obj), obj=obj, after=snapshot(obj)) for obj in records])


def _before_save(sender, instance, raw=False, **kwargs):
    if raw or instance._state.adding or instance.pk is None:
        instance._audit_before = None
        return
    old = sender._base_manager.filter(pk=instance.pk).first()
    instance._audit_before = snapshot(old) if old else None


def _after_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before, after = getattr(instance, "_audit_before", None), snapshot(instance)
    if created or before is None:
        write(EntryKind.CREATE, sender, obj=instance, after=after)
    elif before != after:
        changed = [name for name in after if before.get(name) != after[name]]
        write(
            EntryKind.UPDATE,
            sender,
            obj=instance,
            before={n: before.get(n) for n in changed},
            after={n: after[n] for n in changed},
        )


def _after_delete(sender, instance, **kwargs):
    write(EntryKind.DELETE, sender, obj=instance, before=snapshot(instance))


def _m2m(sender, instance, action, reverse, model, pk_set, **kwargs):
    """A change of a many-to-many field (nationalities, offences …) logged on the record that holds it."""
    if reverse or not isinstance(instance, AuditedModel):
        return
    field = next(f for f in type(instance)._meta.many_to_many if f.remote_field.through is sender)
    if action.startswith("pre_"):
        instance._audit_m2m = sorted(getattr(instance, field.name).values_list("pk", flat=True))
    elif action.startswith("post_"):
        after = sorted(getattr(instance, field.name).values_list("pk", flat=True))
        before = getattr(instance, "_audit_m2m", [])
        if before != after:
            write(
                EntryKind.UPDATE, type(instance), obj=instance, before={field.name: before}, after={field.name: after}
            )


def audited_models() -> list[type[models.Model]]:
    """The models marked by core's AuditedModel, whichever app holds them."""
    return [model for model in apps.get_models() if issubclass(model, AuditedModel)]


def connect() -> None:
    signals.records_created.connect(_bulk_created, dispatch_uid="audit-bulk-created")
    for model in audited_models():
        uid = f"audit-{model._meta.label}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=uid)
        post_save.connect(_after_save, sender=model, dispatch_uid=uid)
        post_delete.connect(_after_delete, sender=model, dispatch_uid=uid)
        for field in model._meta.many_to_many:
            m2m_changed.connect(_m2m, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}")
