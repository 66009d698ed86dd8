"""Documents issued before snapshots existed get one when the migration runs, and print the same
afterwards."""

import datetime
from decimal import Decimal

import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("invoices", "0002_payments_stripe_refunds")]
AFTER = [("invoices", "0004_fill_issued_snapshots")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_invoices_and_receipts_get_their_snapshot():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = migrate(BEFORE)
        Organization = old.get_model("members", "Organization")
        Invoice = old.get_model("invoices", "Invoice")
        Payment = old.get_model("invoices", "Payment")
        Site = old.get_model("wagtailcore", "Site")
        site = Site.objects.filter(is_default_site=True).first()
        old.get_model("invoices", "PaymentSettings").objects.update_or_create(
            site=site, defaults={"payee": "Ancien bénéficiaire"}
        )
        organization = Organization.objects.create(name="Ville d'Avant")
        invoice = Invoice.objects.create(
            series="invoice",
            number="F-000001",
            organization=organization,
            billed_name="Ancienne cliente",
            issued_at=timezone.now(),
            subtotal=Decimal("100.00"),
            gst=Decimal("5.00"),
            qst=Decimal("9.98"),
            total=Decimal("114.98"),
        )
        payment = Payment.objects.create(
            invoice=invoice,
            amount=Decimal("14.98"),
            method="cheque",
            received_at=datetime.date.today(),
        )
        new = migrate(AFTER)
        invoice = new.get_model("invoices", "Invoice").objects.get(pk=invoice.pk)
        payment = new.get_model("invoices", "Payment").objects.get(pk=payment.pk)
        assert invoice.issued_snapshot["organization"] == "Ville d'Avant"
        assert invoice.issued_snapshot["payment"]["payee"] == "Ancien bénéficiaire"
        assert invoice.issued_snapshot["rates"] == {"gst": "0.05", "qst": "0.09975"}
        assert payment.issued_snapshot["balance_after"] == "100.00"
    finally:
        migrate(latest)


@pytest.mark.django_db(transaction=True)
def test_existing_checkout_sessions_get_their_one_invoice_as_allocation():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = migrate([("invoices", "0005_discount_lines")])
        Invoice = old.get_model("invoices", "Invoice")
        Payment = old.get_model("invoices", "Payment")
        StripeCheckout = old.get_model("invoices", "StripeCheckout")
        invoices = [
            Invoice.objects.create(
                series="invoice",
                number=f"F-00000{n}",
                billed_name="Ancienne cliente",
                issued_at=timezone.now(),
                subtotal=Decimal("100.00"),
                gst=Decimal("5.00"),
                qst=Decimal("9.98"),
                total=Decimal("114.98"),
            )
            for n in (1, 2)
        ]
        payment = Payment.objects.create(
            invoice=invoices[0],
            amount=Decimal("114.98"),
            method="card",
            received_at=datetime.date.today(),
            stripe_checkout_session_id="cs_test_paid",
        )
        paid = StripeCheckout.objects.create(
            invoice=invoices[0],
            session_id="cs_test_paid",
            amount=Decimal("114.98"),
            status="complete",
            payment=payment,
        )
        open_ = StripeCheckout.objects.create(
            invoice=invoices[1], session_id="cs_test_open", amount=Decimal("114.98")
        )

        new = migrate([("invoices", "0006_checkout_allocations")])
        Allocation = new.get_model("invoices", "CheckoutAllocation")
        assert sorted(
            Allocation.objects.values_list("checkout", "invoice", "amount", "payment")
        ) == sorted(
            [
                (paid.pk, invoices[0].pk, Decimal("114.98"), payment.pk),
                (open_.pk, invoices[1].pk, Decimal("114.98"), None),
            ]
        )
    finally:
        migrate(latest)
