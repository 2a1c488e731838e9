"""More convention parties from data/conventions.csv (see its README): a database migrated before the file grew
gets the new rows and the dates of rows it held undated; a fresh one already has them from 0003."""

from django.db import migrations

from repatria.cooperation.convention_data import load_parties


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0008_request_delete_grants")]
    operations = [migrations.RunPython(load_parties, migrations.RunPython.noop)]
