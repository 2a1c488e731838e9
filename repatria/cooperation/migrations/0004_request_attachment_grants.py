from django.db import migrations

from repatria.accounts.grants import grant_loader
from repatria.cooperation.grants import request_attachment_grants


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0003_convention_parties"),
        ("attachments", "0003_request_target"),
    ]
    operations = [grant_loader(request_attachment_grants)]
