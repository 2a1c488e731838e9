from django.db import migrations

from repatria.accounts.grants import grant_loader
from repatria.cooperation.grants import request_delete_grants


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0007_request_default_order")]
    operations = [grant_loader(request_delete_grants)]
