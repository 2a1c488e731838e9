from django.db import migrations

from repatria.accounts.grants import grant_loader
from repatria.cases.grants import supervision_grants


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_stats_grants"),
        ("cases", "0008_key_case_supervision"),
    ]
    operations = [grant_loader(supervision_grants)]
