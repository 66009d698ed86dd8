from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("events", "0004_pages_to_training_programs")]

    operations = [migrations.RemoveField(model_name="eventpage", name="program_code")]
