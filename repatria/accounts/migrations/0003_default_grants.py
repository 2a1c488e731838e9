from django.db import migrations

from repatria.accounts.grants import default_grants


def load(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ObjectPermission = apps.get_model("accounts", "ObjectPermission")
    for grant in default_grants():
        permission = ObjectPermission.objects.create(
            name=grant["name"], roles=[str(r) for r in grant["roles"]], actions=grant["actions"],
            constraints=grant["constraints"],
        )  # fmt: skip
        for label in grant["types"]:
            app_label, model = label.split(".")
            permission.object_types.add(ContentType.objects.get_or_create(app_label=app_label, model=model)[0])


def unload(apps, schema_editor):
    names = [grant["name"] for grant in default_grants()]
    apps.get_model("accounts", "ObjectPermission").objects.filter(name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_object_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("registry", "0003_person_owner"),
        ("cases", "0003_default_order_indexes"),
        ("assets", "0002_default_order_indexes"),
    ]
    operations = [migrations.RunPython(load, unload)]
