"""The directory's folded search column (name and shown employer, lower-case, no accents), an
index for its alphabetical order, and on PostgreSQL a trigram index so that `LIKE '%word%'` on
the column does not read every row (pg_trgm). The PostgreSQL part is a no-op elsewhere, both
ways (Django's TrigramExtension is not when migrating backwards on SQLite)."""

from django.db import migrations, models

from home.text import fold

INDEX = "members_user_directory_search_trgm"


def fill(apps, schema_editor):
    User = apps.get_model("members", "User")
    Function = apps.get_model("members", "Function")
    employers = {}
    for user_id, name in Function.objects.filter(end_date__isnull=True).values_list(
        "user_id", "organization__name"
    ):
        employers.setdefault(user_id, []).append(name)
    users = list(User.objects.only("pk", "first_name", "last_name", "directory_show_function"))
    for user in users:
        parts = [user.first_name, user.last_name]
        if user.directory_show_function:
            parts += employers.get(user.pk, [])
        user.directory_search = fold(" ".join(parts))[:600]
    User.objects.bulk_update(users, ["directory_search"], batch_size=500)


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON members_user "
            "USING gin (directory_search gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    # The extension stays: other indexes may use it.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("members", "0008_text_limits"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="directory_search",
            field=models.CharField(
                blank=True,
                db_default="",
                editable=False,
                max_length=600,
                verbose_name="directory search text",
            ),
        ),
        migrations.AddIndex(
            model_name="user",
            index=models.Index(fields=["last_name", "first_name"], name="user_name_order"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
