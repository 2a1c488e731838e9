"""The convention parties shipped as reference data (data/conventions.csv: partial, each row with its source)."""

from django.db import migrations

from repatria.cooperation.convention_data import load_parties


def unload(apps, schema_editor):
    apps.get_model("cooperation", "ConventionParty").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0002_grants"), ("geo", "0002_reference_data")]
    operations = [migrations.RunPython(load_parties, unload)]
