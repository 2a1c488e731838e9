from django.db import migrations

from repatria.accounts.grants import grant_loader
from repatria.work.grants import work_grants


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_stats_grants"),
        ("work", "0001_initial"),
    ]
    operations = [grant_loader(work_grants)]
