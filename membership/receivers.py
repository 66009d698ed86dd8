"""What membership does when a lower app reports something (see home/signals.py)."""

import datetime
from decimal import Decimal

from invoices.models import Invoice
from members.models import User

from . import periods, services


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


def activate_paid_renewal(sender: object, *, invoice: Invoice, **kwargs: object) -> None:
    """An invoice was paid: when it is a membership renewal's, the period becomes active."""
    periods.activate_paid_renewal(invoice)
