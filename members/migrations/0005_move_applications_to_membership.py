from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0004_applications_title_attestations"),
    ]

    # Applications, documents, decisions, the member-number sequence, the title rules,
    # attestations and credit entries moved to the `membership` app. Their tables keep their
    # names (each model's Meta.db_table): nothing changes in the database.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="applicationdecision",
                    name="application",
                ),
                migrations.RemoveField(
                    model_name="applicationdecision",
                    name="by",
                ),
                migrations.RemoveField(
                    model_name="applicationdocument",
                    name="application",
                ),
                migrations.RemoveField(
                    model_name="attestation",
                    name="user",
                ),
                migrations.RemoveField(
                    model_name="creditentry",
                    name="user",
                ),
                migrations.DeleteModel(
                    name="MemberNumberSequence",
                ),
                migrations.RemoveField(
                    model_name="membershipapplication",
                    name="dues_invoice",
                ),
                migrations.RemoveField(
                    model_name="membershipapplication",
                    name="organization",
                ),
                migrations.RemoveField(
                    model_name="membershipapplication",
                    name="user",
                ),
                migrations.DeleteModel(
                    name="TitleSettings",
                ),
                migrations.DeleteModel(
                    name="ApplicationDecision",
                ),
                migrations.DeleteModel(
                    name="ApplicationDocument",
                ),
                migrations.DeleteModel(
                    name="Attestation",
                ),
                migrations.DeleteModel(
                    name="CreditEntry",
                ),
                migrations.DeleteModel(
                    name="MembershipApplication",
                ),
            ],
            database_operations=[],
        ),
    ]
