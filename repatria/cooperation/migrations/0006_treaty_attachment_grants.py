from django.db import migrations

from repatria.accounts.grants import grant_loader
from repatria.cooperation.grants import treaty_attachment_grants


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0005_letter_templates"),
        ("attachments", "0004_treaty_target"),
    ]
    operations = [grant_loader(treaty_attachment_grants)]
