from django.db import migrations

# TRUNCATE empties a table without firing its row triggers: on PostgreSQL a statement trigger refuses it too, to the
# tables' owner as well (the site's own role may not truncate at all: repatria.core.database_roles).
GUARD = """
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
"""
UNGUARD = "DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_auditentry;"


def guard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD)


def unguard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNGUARD)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_guard")]
    operations = [
        migrations.RunPython(guard, unguard),
    ]
