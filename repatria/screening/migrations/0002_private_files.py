from django.db import migrations

from repatria.core.private_files import legacy_files_mover


class Migration(migrations.Migration):
    dependencies = [("screening", "0001_initial")]
    operations = [legacy_files_mover("screening.BulkJob", ["source", "results"], ["screening"])]
