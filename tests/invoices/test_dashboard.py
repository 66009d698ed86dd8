"""The billing panel of the staff dashboard: this month's and this year's amounts invoiced,
paid and outstanding, the twelve months of the chart and its table, and the offline payments
announced in "Waiting for a decision", for the staff who record payments only."""

import datetime
from decimal import Decimal

import pytest

from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from invoices.dashboard import billing_figures, offline_payments_announced
from invoices.models import Invoice, Payment, Status
from invoices.services import choose_offline_method, issue_credit_note, record_payment
from tests.factories import UserFactory

from .factories import make_invoice

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 5, 15)


def _on(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def invoice_on(day, amount="100.00"):
    invoice = make_invoice(amount=amount)  # 100.00 + GST + QST = 114.98
    Invoice.objects.filter(pk=invoice.pk).update(issued_at=_on(day))
    return invoice


def pay(invoice, amount, day):
    payment = record_payment(
        invoice,
        amount=Decimal(amount),
        method="cheque",
        received_at=timezone.localdate(),
        by=None,
    )
    Payment.objects.filter(pk=payment.pk).update(received_at=day)


def test_month_and_year_amounts_invoiced_paid_and_outstanding():
    may = invoice_on(datetime.date(2026, 5, 3))
    pay(may, "50.00", datetime.date(2026, 5, 10))
    february = invoice_on(datetime.date(2026, 2, 1))
    pay(february, "114.98", datetime.date(2026, 2, 2))
    last_year = invoice_on(datetime.date(2025, 12, 15))

    figures = billing_figures(TODAY)

    assert figures.this_month.invoiced == Decimal("114.98")
    assert figures.this_month.paid == Decimal("50.00")
    assert figures.this_month.outstanding == Decimal("64.98")
    assert figures.this_year.invoiced == Decimal("229.96")
    assert figures.this_year.paid == Decimal("164.98")
    assert figures.this_year.outstanding == Decimal("64.98")
    year = figures.this_year
    assert all(isinstance(v, Decimal) for v in (year.invoiced, year.paid, year.outstanding))
    # Twelve months, June of last year to this May; December's invoice still owed.
    assert [m.month for m in figures.months][0] == datetime.date(2025, 6, 1)
    assert [m.month for m in figures.months][-1] == datetime.date(2026, 5, 1)
    december = next(m for m in figures.months if m.month == datetime.date(2025, 12, 1))
    assert december.invoiced == december.outstanding == last_year.total


def test_a_credit_note_lowers_what_was_invoiced_and_what_is_owed():
    invoice = invoice_on(datetime.date(2026, 5, 3))
    note = issue_credit_note(invoice, reason="Annulée", by=None)
    Invoice.objects.filter(pk=note.pk).update(issued_at=_on(datetime.date(2026, 5, 4)))

    figures = billing_figures(TODAY)

    assert figures.this_month.invoiced == Decimal("0.00")
    assert figures.this_month.outstanding == Decimal("0.00")


def test_offline_payments_announced_are_counted_by_method():
    member = UserFactory()
    choose_offline_method(make_invoice(customer=member), method="cheque", by=member)
    choose_offline_method(make_invoice(customer=member), method="interac", by=member)
    choose_offline_method(make_invoice(customer=member), method="interac", by=member)
    make_invoice(customer=member)  # to pay, nothing announced

    assert offline_payments_announced() == {
        Status.AWAITING_CHEQUE: 1,
        Status.AWAITING_TRANSFER: 0,
        Status.AWAITING_INTERAC: 2,
    }


def test_the_accountant_sees_the_billing_panel_and_the_payments_to_record(client, accountant):
    member = UserFactory()
    choose_offline_method(make_invoice(customer=member), method="cheque", by=member)
    client.force_login(accountant)

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    assert 'id="dashboard-billing' in page
    assert "<svg" in page and 'role="img"' in page
    assert 'id="dashboard-billing-months"' in page  # the chart's figures, as a table
    assert 'id="dashboard-decisions' in page
    assert f"{reverse('invoice_admin:index')}?status=awaiting_cheque" in page
    assert "114,98" in page  # amounts in the admin's language (French)


def test_staff_without_the_billing_permission_see_no_billing(client):
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    assert 'id="dashboard-billing' not in page
    assert 'id="dashboard-decisions' not in page
