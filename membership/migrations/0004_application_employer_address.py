"""The work address of a membership application is structured as in "Mon dossier" (street,
city, province, postal code). The free text of existing applications is kept: its last line
goes to the city when it ends with a postal code, the rest to the street."""

import re

from django.db import migrations, models

POSTAL_CODE = re.compile(r"\b([A-Za-z]\d[A-Za-z]) ?(\d[A-Za-z]\d)\s*$")


def split_addresses(apps, schema_editor):
    Application = apps.get_model("membership", "MembershipApplication")
    for application in Application.objects.exclude(address=""):
        lines = [line.strip() for line in application.address.splitlines() if line.strip()]
        last = lines[-1] if lines else ""
        match = POSTAL_CODE.search(last)
        if match and len(lines) > 1:
            application.postal_code = f"{match.group(1)} {match.group(2)}".upper()
            city = last[: match.start()].strip(" ,")
            if city.endswith((" QC", " Qc", " Québec")):
                city = city.rsplit(" ", 1)[0].strip(" ,")
            application.city = city[:100]
            lines = lines[:-1]
        application.street = ", ".join(lines)[:200]
        application.save(update_fields=["street", "city", "postal_code"])


def join_addresses(apps, schema_editor):
    Application = apps.get_model("membership", "MembershipApplication")
    for application in Application.objects.all():
        city_line = " ".join(p for p in [application.city, application.province] if p)
        last = f"{city_line}  {application.postal_code}".strip()
        application.address = "\n".join(p for p in [application.street, last] if p)
        application.save(update_fields=["address"])


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0003_translated_labels"),
    ]

    operations = [
        migrations.AddField(
            model_name="membershipapplication",
            name="street",
            field=models.CharField(blank=True, max_length=200, verbose_name="street address"),
        ),
        migrations.AddField(
            model_name="membershipapplication",
            name="city",
            field=models.CharField(blank=True, max_length=100, verbose_name="city"),
        ),
        migrations.AddField(
            model_name="membershipapplication",
            name="province",
            field=models.CharField(
                blank=True, default="QC", max_length=50, verbose_name="province"
            ),
        ),
        migrations.AddField(
            model_name="membershipapplication",
            name="postal_code",
            field=models.CharField(blank=True, max_length=10, verbose_name="postal code"),
        ),
        migrations.RunPython(split_addresses, join_addresses),
        migrations.RemoveField(
            model_name="membershipapplication",
            name="address",
        ),
    ]
