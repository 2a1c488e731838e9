from django.db import migrations

from repatria.accounts.grants import grant_loader
from repatria.cooperation.grants import cooperation_grants


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_objectpermission_agency_types"),
        ("cooperation", "0001_initial"),
    ]
    operations = [grant_loader(cooperation_grants)]
