from django.db import migrations

from repatria.cases.offences import OFFENCES


def load(apps, schema_editor):
    Offence = apps.get_model("cases", "Offence")
    Offence.objects.bulk_create(Offence(code=c, name_zh=zh, name_en=en) for c, zh, en in OFFENCES)


def unload(apps, schema_editor):
    apps.get_model("cases", "Offence").objects.filter(code__in=[c for c, _zh, _en in OFFENCES]).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
