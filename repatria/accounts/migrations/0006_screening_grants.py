from django.db import migrations

from repatria.accounts.grants import screening_grants


def load(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ObjectPermission = apps.get_model("accounts", "ObjectPermission")
    for grant in screening_grants():
        permission = ObjectPermission.objects.create(
            name=grant["name"], roles=[str(r) for r in grant["roles"]], actions=grant["actions"],
            constraints=grant["constraints"],
        )  # fmt: skip
        for label in grant["types"]:
            app_label, model = label.split(".")
            permission.object_types.add(ContentType.objects.get_or_create(app_label=app_label, model=model)[0])


def unload(apps, schema_editor):
    names = [grant["name"] for grant in screening_grants()]
    apps.get_model("accounts", "ObjectPermission").objects.filter(name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_api_tokens_organisation_version"),
        ("screening", "0001_initial"),
    ]
    operations = [migrations.RunPython(load, unload)]
