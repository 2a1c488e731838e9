from django.db import migrations

from repatria.accounts.grants import attachment_grants, grant_loader


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_stats_grants"),
        ("attachments", "0001_initial"),
    ]
    operations = [grant_loader(attachment_grants)]
