from decimal import Decimal

from invoices.services import LineSpec, issue_invoice
from tests.factories import UserFactory


def make_invoice(customer=None, amount="100.00", *, taxable=True, by=None, **kwargs):
    """An invoice issued the way the site issues them (through the service)."""
    customer = customer or UserFactory()
    return issue_invoice(
        lines=[LineSpec("Formation de base", Decimal(amount), taxable=taxable)],
        customer=customer,
        by=by or customer,
        **kwargs,
    )


def today():
    """Payments and refunds are dated between the document's issue and today."""
    from django.utils import timezone

    return timezone.localdate()
