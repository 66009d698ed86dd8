import datetime
import django.db.models.deletion
import membership.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


MODELS = [
    "membershipapplication",
    "applicationdocument",
    "applicationdecision",
    "membernumbersequence",
    "titlesettings",
    "attestation",
    "creditentry",
]


def _relabel(apps, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        current = ContentType.objects.filter(app_label=old, model=model).first()
        if current is None:
            continue
        # A content type created for the new label meanwhile (by a partial migrate) holds
        # nothing yet: the old one, with its permissions and history, takes its place.
        ContentType.objects.filter(app_label=new, model=model).delete()
        current.app_label = new
        current.save(update_fields=["app_label"])


def move_content_types(apps, schema_editor):
    _relabel(apps, "members", "membership")


def move_content_types_back(apps, schema_editor):
    _relabel(apps, "membership", "members")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("invoices", "0002_payments_stripe_refunds"),
        ("members", "0005_move_applications_to_membership"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # The models were created by members' migrations 0001-0004 and keep their tables
    # (Meta.db_table): this migration only records them in `membership`'s state, then moves
    # their content types, so the permissions already granted (e.g. review_application) and
    # the admin's history keep pointing at them.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="MemberNumberSequence",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("last_number", models.PositiveIntegerField(default=0)),
                    ],
                    options={
                        "db_table": "members_membernumbersequence",
                    },
                ),
                migrations.CreateModel(
                    name="TitleSettings",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "title_name",
                            models.CharField(default="GMC", max_length=100, verbose_name="title"),
                        ),
                        (
                            "credits_to_obtain",
                            models.DecimalField(
                                decimal_places=2,
                                default=Decimal("60"),
                                max_digits=6,
                                verbose_name="credits to obtain the title",
                            ),
                        ),
                        (
                            "credits_per_cycle",
                            models.DecimalField(
                                decimal_places=2,
                                default=Decimal("30"),
                                max_digits=6,
                                verbose_name="credits to keep it per cycle",
                            ),
                        ),
                        (
                            "cycle_years",
                            models.PositiveSmallIntegerField(
                                default=3, verbose_name="cycle length (years)"
                            ),
                        ),
                        (
                            "cycle_start",
                            models.DateField(
                                default=datetime.date(2024, 1, 1),
                                help_text="Cycles follow one another from this date.",
                                verbose_name="first cycle starts",
                            ),
                        ),
                        (
                            "annual_dues",
                            models.DecimalField(
                                decimal_places=2,
                                default=Decimal("325.00"),
                                max_digits=8,
                                verbose_name="annual dues",
                            ),
                        ),
                        (
                            "dues_taxable",
                            models.BooleanField(default=True, verbose_name="dues are taxable"),
                        ),
                    ],
                    options={
                        "verbose_name": "title and dues rules",
                        "db_table": "members_titlesettings",
                    },
                ),
                migrations.CreateModel(
                    name="MembershipApplication",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("draft", "Draft"),
                                    ("submitted", "Submitted"),
                                    ("documents_requested", "Missing document requested"),
                                    ("approved", "Approved"),
                                    ("rejected", "Rejected"),
                                ],
                                default="draft",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "step",
                            models.PositiveSmallIntegerField(
                                default=0, verbose_name="last step completed"
                            ),
                        ),
                        (
                            "without_file",
                            models.BooleanField(
                                default=False,
                                help_text="The first of the seven steps created the participant file.",
                                verbose_name="started without a file",
                            ),
                        ),
                        (
                            "job_title",
                            models.CharField(blank=True, max_length=200, verbose_name="job title"),
                        ),
                        (
                            "hired_on",
                            models.DateField(blank=True, null=True, verbose_name="hiring date"),
                        ),
                        (
                            "phone",
                            models.CharField(blank=True, max_length=40, verbose_name="phone"),
                        ),
                        ("address", models.TextField(blank=True, verbose_name="work address")),
                        (
                            "statement",
                            models.TextField(blank=True, verbose_name="why you wish to join"),
                        ),
                        (
                            "accepts_code_of_ethics",
                            models.BooleanField(
                                default=False, verbose_name="I accept the code of ethics"
                            ),
                        ),
                        (
                            "certifies_accuracy",
                            models.BooleanField(
                                default=False,
                                verbose_name="I certify that the information given is accurate",
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "submitted_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="submitted at"
                            ),
                        ),
                        (
                            "decided_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="decided at"),
                        ),
                        (
                            "dues_invoice",
                            models.OneToOneField(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="membership_application",
                                to="invoices.invoice",
                                verbose_name="dues invoice",
                            ),
                        ),
                        (
                            "organization",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="members.organization",
                                verbose_name="employer",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="applications",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "membership application",
                        "verbose_name_plural": "membership applications",
                        "db_table": "members_membershipapplication",
                        "ordering": ["-submitted_at", "-created_at"],
                        "permissions": [
                            ("review_application", "Can review membership applications")
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="ApplicationDecision",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "action",
                            models.CharField(
                                choices=[
                                    ("approved", "Approved"),
                                    ("rejected", "Rejected"),
                                    ("document_requested", "Missing document requested"),
                                    ("resubmitted", "Resubmitted by the applicant"),
                                ],
                                max_length=30,
                                verbose_name="action",
                            ),
                        ),
                        ("message", models.TextField(blank=True, verbose_name="message")),
                        ("at", models.DateTimeField(auto_now_add=True, verbose_name="at")),
                        (
                            "by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="by",
                            ),
                        ),
                        (
                            "application",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="decisions",
                                to="membership.membershipapplication",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "decision",
                        "verbose_name_plural": "decisions",
                        "db_table": "members_applicationdecision",
                        "ordering": ["at", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="Attestation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("training", "Training attestation"),
                                    ("title", "Title attestation"),
                                ],
                                max_length=20,
                                verbose_name="kind",
                            ),
                        ),
                        ("holder_name", models.CharField(max_length=255, verbose_name="holder")),
                        (
                            "subject_fr",
                            models.CharField(max_length=255, verbose_name="subject (French)"),
                        ),
                        (
                            "subject_en",
                            models.CharField(max_length=255, verbose_name="subject (English)"),
                        ),
                        (
                            "credits",
                            models.DecimalField(
                                decimal_places=2, default=0, max_digits=6, verbose_name="credits"
                            ),
                        ),
                        ("achieved_on", models.DateField(verbose_name="date")),
                        (
                            "source_key",
                            models.CharField(
                                help_text="The training attended (its translation key), or the title.",
                                max_length=64,
                                verbose_name="source",
                            ),
                        ),
                        (
                            "code",
                            models.CharField(
                                max_length=20, unique=True, verbose_name="verification code"
                            ),
                        ),
                        (
                            "issued_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="issued at"),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="attestations",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "attestation",
                        "verbose_name_plural": "attestations",
                        "db_table": "members_attestation",
                        "ordering": ["-achieved_on", "-pk"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("user", "kind", "source_key"),
                                name="one_attestation_per_source",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="CreditEntry",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("earned_on", models.DateField(verbose_name="date")),
                        (
                            "credits",
                            models.DecimalField(
                                decimal_places=2, max_digits=6, verbose_name="credits"
                            ),
                        ),
                        (
                            "label_fr",
                            models.CharField(max_length=255, verbose_name="label (French)"),
                        ),
                        (
                            "label_en",
                            models.CharField(max_length=255, verbose_name="label (English)"),
                        ),
                        (
                            "source_key",
                            models.CharField(blank=True, max_length=64, verbose_name="source"),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="credit_entries",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "credit entry",
                        "verbose_name_plural": "credit entries",
                        "db_table": "members_creditentry",
                        "ordering": ["-earned_on", "-pk"],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("source_key", ""), _negated=True),
                                fields=("user", "source_key"),
                                name="one_credit_entry_per_source",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="ApplicationDocument",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("hiring_resolution", "Hiring resolution"),
                                    ("diploma", "Diploma"),
                                ],
                                max_length=30,
                                verbose_name="kind",
                            ),
                        ),
                        (
                            "file",
                            models.FileField(
                                max_length=200,
                                storage=membership.models.private_storage,
                                upload_to=membership.models.private_upload_path,
                                verbose_name="file",
                            ),
                        ),
                        (
                            "original_name",
                            models.CharField(max_length=200, verbose_name="original name"),
                        ),
                        ("size", models.PositiveIntegerField(verbose_name="size")),
                        ("uploaded_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "application",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="documents",
                                to="membership.membershipapplication",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "application document",
                        "verbose_name_plural": "application documents",
                        "db_table": "members_applicationdocument",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("application", "kind"), name="one_document_per_kind"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
