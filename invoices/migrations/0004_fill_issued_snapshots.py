"""Documents issued before snapshots existed get one, from the settings as they are when the
migration runs (the best record there is of what they printed); from then on they never
change."""

from django.conf import settings
from django.db import migrations

ISSUER_FIELDS = ("address", "email", "phone", "gst_number", "qst_number")
PAYMENT_FIELDS = (
    "payee",
    "mailing_address",
    "bank_name",
    "bank_transit",
    "bank_institution",
    "bank_account",
    "interac_email",
)


def fill(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    AssociationSettings = apps.get_model("home", "AssociationSettings")
    PaymentSettings = apps.get_model("invoices", "PaymentSettings")
    Invoice = apps.get_model("invoices", "Invoice")
    Payment = apps.get_model("invoices", "Payment")
    Organization = apps.get_model("members", "Organization")

    site = Site.objects.filter(is_default_site=True).first()
    association = AssociationSettings.objects.filter(site=site).first() if site else None
    payment = PaymentSettings.objects.filter(site=site).first() if site else None

    def snapshot(language):
        name = getattr(association, "name", "") or "Quorum"
        if language == "en" and getattr(association, "name_en", ""):
            name = association.name_en
        return {
            "issuer": {
                "name": name,
                **{field: getattr(association, field, "") or "" for field in ISSUER_FIELDS},
            },
            "rates": {"gst": str(settings.GST_RATE), "qst": str(settings.QST_RATE)},
            "payment": {field: getattr(payment, field, "") or "" for field in PAYMENT_FIELDS},
        }

    names = dict(Organization.objects.values_list("pk", "name"))
    for invoice in Invoice.objects.filter(issued_snapshot={}):
        Invoice.objects.filter(pk=invoice.pk).update(
            issued_snapshot={
                **snapshot(invoice.language),
                "organization": names.get(invoice.organization_id, ""),
            }
        )
    for payment_row in Payment.objects.filter(issued_snapshot={}).select_related("invoice"):
        invoice = payment_row.invoice
        paid_until = sum(
            p.amount
            for p in Payment.objects.filter(invoice=invoice)
            if (p.received_at, p.pk) <= (payment_row.received_at, payment_row.pk)
        )
        credited = sum(n.total for n in Invoice.objects.filter(credited_invoice=invoice))
        Payment.objects.filter(pk=payment_row.pk).update(
            issued_snapshot={
                **snapshot(invoice.language),
                "invoice_total": str(invoice.total),
                "balance_after": str(invoice.total - credited - paid_until),
            }
        )


class Migration(migrations.Migration):
    dependencies = [
        ("invoices", "0003_issued_snapshots_bounds_stripe_order"),
        ("home", "0004_privacy_officer_help"),
        ("members", "0007_translated_labels"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
