from django.db import migrations

from repatria.core.private_files import legacy_files_mover


class Migration(migrations.Migration):
    dependencies = [("registry", "0005_person_updated_index")]
    operations = [legacy_files_mover("registry.Person", ["photo"], ["photos"])]
