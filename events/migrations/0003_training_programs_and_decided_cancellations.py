"""Training programmes become editor-managed, translatable snippets (they were two codes in
settings.TRAINING_PROGRAMS; 0004 moves the pages to them, 0005 drops the codes); cancellation
requests share the decided-request fields."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_eventseats_eventpage_documents_and_more"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="cancellationrequest",
            name="decision_note",
            field=models.TextField(blank=True, verbose_name="note with the decision"),
        ),
        migrations.AlterField(
            model_name="cancellationrequest",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="decided by",
            ),
        ),
        migrations.CreateModel(
            name="TrainingProgram",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                (
                    "slug",
                    models.SlugField(
                        help_text="Used in addresses; the same in every language.",
                        verbose_name="slug",
                    ),
                ),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
            ],
            options={
                "verbose_name": "training program",
                "verbose_name_plural": "training programs",
                "ordering": ["pk"],
                "abstract": False,
                "unique_together": {("translation_key", "locale")},
            },
        ),
        migrations.AddConstraint(
            model_name="trainingprogram",
            constraint=models.UniqueConstraint(
                fields=("locale", "slug"), name="unique_program_slug_per_locale"
            ),
        ),
        migrations.RenameField(model_name="eventpage", old_name="program", new_name="program_code"),
        migrations.AddField(
            model_name="eventpage",
            name="program",
            field=models.ForeignKey(
                blank=True,
                help_text="Trainings only.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="events.trainingprogram",
                verbose_name="training program",
            ),
        ),
    ]
