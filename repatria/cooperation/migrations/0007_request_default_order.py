from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0006_treaty_attachment_grants")]
    operations = [
        migrations.AddIndex(
            model_name="request",
            index=models.Index(fields=["-created", "-id"], name="request_default_order"),
        ),
    ]
