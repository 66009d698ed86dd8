from io import StringIO

import pytest

from django.core.management import call_command
from django.utils import timezone

from home.models import AssociationSettings
from invoices.models import Invoice, Payment, PaymentSettings, Series, Status
from members.models import User

pytestmark = pytest.mark.django_db


def test_demo_member_has_a_paid_invoice_an_unpaid_one_and_a_credit_note(demo):
    member = User.objects.get(username="membre")
    assert member.check_password("quorum-demo-2026") or member.has_usable_password()
    invoices = Invoice.objects.filter(customer=member, series=Series.INVOICE)
    assert invoices.filter(status=Status.PAID).exists()
    assert invoices.filter(status=Status.TO_PAY).exists()
    assert Invoice.objects.filter(customer=member, series=Series.CREDIT_NOTE).exists()
    settings = PaymentSettings.objects.get()
    assert settings.payee == AssociationSettings.objects.get().name != "Quorum"
    assert settings.bank_name == "Caisse fictive"
    assert settings.interac_email == "paiements@cqgm.example"

    for payment in Payment.objects.select_related("invoice"):
        assert payment.received_at >= timezone.localdate(payment.invoice.issued_at)

    count = Invoice.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert Invoice.objects.count() == count
