from django.db import migrations

from repatria.accounts.grants import grant_loader, stats_grants


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_screening_grants"),
        ("stats", "0001_initial"),
    ]
    operations = [grant_loader(stats_grants)]
