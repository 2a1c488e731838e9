"""The trail sealed under the audit key (HMAC-SHA256, repatria.audit.keys) instead of a SHA-256 anyone can recompute.

The trail is first verified under its old, unkeyed hashes: one that does not hold is not sealed (the key would vouch
for whatever was done to it) and the migration stops, naming the first break. Entries the upgraded site wrote before
the migration ran carry keyed hashes already, and count as sealed. Nothing unkeyed is left afterwards: no entry, no
head, no mode in which an old hash would still be accepted.
"""

import hashlib

from django.core.management.base import CommandError
from django.db import migrations

from repatria.audit import chain

BATCH = 2000
# The rows' own guard (0002), lifted inside this migration's transaction only: a failure rolls the lifting back too.
LIFT = "ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_append_only"
RESTORE = "ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_append_only"


def unkeyed(entry) -> str:
    """The hash the trail was sealed with before: SHA-256 of the same content, with no key."""
    return hashlib.sha256(chain.canonical(entry)).hexdigest()


def sealed_before(entry) -> str:
    """The hash the entry should have: unkeyed, or under the key if the upgraded site wrote it before this migration
    ran. Accepting the keyed one lets nothing more through: it takes the key, and the unkeyed one anyone can make."""
    keyed = chain.digest(entry)
    return keyed if entry.hash == keyed else unkeyed(entry)


def seal(apps, schema_editor):
    entry_model, head_model = apps.get_model("audit", "AuditEntry"), apps.get_model("audit", "ChainHead")
    problem = next(chain.breaks(entry_model=entry_model, head_model=head_model, sealed_by=sealed_before), None)
    if problem:
        raise CommandError(
            f"The audit trail does not hold under its unkeyed hashes ({problem}), so it was not sealed under the audit "
            "key and the migration stopped. Restore a backup whose trail holds (`verify-audit` of the previous "
            "release), then migrate again."
        )
    postgresql = schema_editor.connection.vendor == "postgresql"
    if postgresql:
        schema_editor.execute(LIFT)
    previous = chain.GENESIS
    last = entry_model.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    for start in range(0, last, BATCH):  # the chain verified above numbers its entries 1 to last
        entries = list(entry_model.objects.filter(seq__gt=start, seq__lte=start + BATCH).order_by("seq"))
        for entry in entries:
            entry.prev_hash = previous
            entry.hash = previous = chain.digest(entry)
        entry_model.objects.bulk_update(entries, ["prev_hash", "hash"])
    head_model.objects.filter(pk=1).update(hash=previous)
    if postgresql:
        schema_editor.execute(RESTORE)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_truncate_guard")]
    operations = [
        migrations.RunPython(seal),  # no way back to a trail anyone could rehash
    ]
