"""Demo billing data: payment settings with clearly fictional values, and for the demo member
(`membre`) a paid invoice, an unpaid one and a credit note. Idempotent."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from home.models import AssociationSettings
from home.site_settings import default_site

from .models import Invoice, Method, PaymentSettings
from .services import LineSpec, issue_credit_note, issue_invoice, record_payment

DUES = "Cotisation annuelle 2026-2027"


def load(command):
    site = default_site()
    if site is not None:
        _payment_settings(site)
    member = _member(command)
    if Invoice.objects.filter(customer=member, lines__description=DUES).exists():
        return
    paid = issue_invoice(lines=[LineSpec(DUES, Decimal("350.00"))], customer=member, by=member)
    record_payment(
        paid,
        amount=paid.total,
        method=Method.INTERAC,
        received_at=timezone.localdate(),
        reference="DEMO-INTERAC-0001",
        by=None,
    )
    issue_invoice(
        lines=[
            LineSpec("Formation : gestion budgétaire municipale", Decimal("275.00")),
            LineSpec("Recueil des documents de formation", Decimal("40.00"), taxable=False),
        ],
        customer=member,
        by=member,
    )
    cancelled = issue_invoice(
        lines=[LineSpec("Atelier : communication en période de crise", Decimal("180.00"))],
        customer=member,
        by=member,
    )
    issue_credit_note(cancelled, reason="Atelier reporté par l’association", by=None)


def _member(command):
    User = get_user_model()
    member, created = User.objects.get_or_create(
        username="membre",
        defaults={
            "email": "membre@quorum.example",
            "first_name": "Camille",
            "last_name": "Fictif",
            "is_member": True,
            "language": "fr",
        },
    )
    if created:
        member.set_password(command.password)
        member.save()
    return member


def _payment_settings(site):
    values = PaymentSettings.for_site(site)
    if values.payee:
        return  # staff already filled them in
    # Cheques are made out to the association, by the name its settings give (home's demo).
    values.payee = AssociationSettings.for_site(site).name
    values.mailing_address = "Case postale 0000, succursale Fictive\nQuébec (Québec)  G0A 0A0"
    values.bank_name = "Caisse fictive"
    values.bank_transit = "00000"
    values.bank_institution = "000"
    values.bank_account = "0000000-DEMO"
    values.interac_email = "paiements@cqgm.example"
    values.save()
