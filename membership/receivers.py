"""What membership does when a lower app reports something (see home/signals.py)."""

import datetime
from decimal import Decimal

from invoices.models import Invoice
from members.models import User

from . import periods, services
from .models import Membership


def award_attended_training(
    sender: object,
    *,
    person: User,
    source_key: str,
    earned_on: datetime.date,
    credits: Decimal,
    label_fr: str,
    label_en: str,
    by: User | None,
    **kwargs: object,
) -> None:
    """A training that carries credits was attended: credits once per training, its
    attestation, and the title attestation when the total reaches the threshold."""
    services.award_training_credits(
        person,
        source_key=source_key,
        earned_on=earned_on,
        credits=credits,
        label_fr=label_fr,
        label_en=label_en,
        by=by,
    )


def cancel_credited_renewal(sender: object, *, invoice: Invoice, **kwargs: object) -> None:
    """An invoice was cancelled in full by a credit note: a pending renewal it billed is
    cancelled."""
    periods.cancel_credited_renewal(invoice)


def activate_paid_renewal(sender: object, *, invoice: Invoice, **kwargs: object) -> None:
    """An invoice was paid: when it is a membership renewal's, the period becomes active."""
    periods.activate_paid_renewal(invoice)


def renewal_invoice_copies(sender: object, *, invoice: Invoice, **kwargs: object) -> list[User]:
    """A renewal a delegate issued for a colleague: the delegate gets a copy of its receipts
    and credit notes, as for the registrations they make."""
    if invoice.credited_invoice_id:
        invoice = invoice.credited_invoice
    if not Membership.objects.filter(invoice=invoice).exists():
        return []
    delegate = invoice.issued_by
    if delegate is None or delegate.pk == invoice.customer_id or not delegate.email:
        return []
    return [delegate]
