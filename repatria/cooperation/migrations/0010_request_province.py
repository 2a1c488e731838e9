"""Each request keeps the province it is for (its case's, else its office's), and the officers' grants filter on it."""

import django.db.models.deletion
from django.db import migrations, models

from repatria.accounts.grants import constraints_updater
from repatria.cooperation.grants import cooperation_grants, request_attachment_grants, request_delete_grants
from repatria.cooperation.reach import fill_provinces


def fill(apps, schema_editor):
    models = [("cooperation", "Request"), ("cases", "Case"), ("accounts", "Organisation")]
    fill_provinces(*(apps.get_model(*model) for model in models))


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0009_convention_parties_more"),
        ("geo", "0002_reference_data"),
    ]
    operations = [
        migrations.AddField(
            model_name="request",
            name="province",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="geo.province",
                verbose_name="province",
            ),
        ),  # fmt: skip
        migrations.RunPython(fill, migrations.RunPython.noop),
        constraints_updater(lambda: [*cooperation_grants(), *request_attachment_grants(), *request_delete_grants()]),
    ]
