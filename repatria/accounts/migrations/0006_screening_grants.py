from django.db import migrations

from repatria.accounts.grants import screening_grants, grant_loader


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_api_tokens_organisation_version"),
        ("screening", "0001_initial"),
    ]
    operations = [grant_loader(screening_grants)]
