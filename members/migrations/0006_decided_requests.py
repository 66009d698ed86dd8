import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0005_move_applications_to_membership'),
    ]

    # Account and deletion requests share home.requests.DecidedRequest: the existing columns
    # are renamed (no data is lost), the missing ones added.
    operations = [
        migrations.RenameField(
            model_name="accountrequest", old_name="reason", new_name="decision_note"
        ),
        migrations.AlterField(
            model_name="accountrequest",
            name="decision_note",
            field=models.TextField(blank=True, verbose_name="note with the decision"),
        ),
        migrations.RenameField(
            model_name="deletionrequest", old_name="processed_at", new_name="decided_at"
        ),
        migrations.AlterField(
            model_name="deletionrequest",
            name="decided_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="decided at"),
        ),
        migrations.RenameField(
            model_name="deletionrequest", old_name="processed_by", new_name="decided_by"
        ),
        migrations.AlterField(
            model_name="deletionrequest",
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
        migrations.AddField(
            model_name="deletionrequest",
            name="decision_note",
            field=models.TextField(blank=True, verbose_name="note with the decision"),
        ),
        migrations.AlterField(
            model_name="accountrequest",
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
        migrations.AlterField(
            model_name="accountrequest",
            name="status",
            field=models.CharField(
                choices=[("pending", "Pending"), ("approved", "Approved"), ("rejected", "Rejected")],
                default="pending",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="deletionrequest",
            name="status",
            field=models.CharField(
                choices=[("pending", "Pending"), ("processed", "Processed")],
                default="pending",
                max_length=20,
                verbose_name="status",
            ),
        ),
    ]
