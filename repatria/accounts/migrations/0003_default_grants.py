from django.db import migrations

from repatria.accounts.grants import default_grants, grant_loader


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_object_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("registry", "0003_person_owner"),
        ("cases", "0003_default_order_indexes"),
        ("assets", "0002_default_order_indexes"),
    ]
    operations = [grant_loader(default_grants)]
