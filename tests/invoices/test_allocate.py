"""One cheque or transfer covering several invoices of one payer: staff split it over the
payer's open invoices; each share is a payment with its receipt and the cheque's reference."""

from decimal import Decimal

import pytest

from django.urls import reverse

from home.errors import QuorumError
from invoices.models import Payment, Status
from invoices.services import (
    LineSpec,
    issue_invoice,
    open_invoices_of,
    record_allocated_payment,
    record_payment,
)
from tests.factories import OrganizationFactory, UserFactory

from .factories import make_invoice, today

pytestmark = pytest.mark.django_db

ALLOCATE = "invoice_admin:allocate"


def _org_invoice(organization, amount):
    return issue_invoice(
        lines=[LineSpec("Cotisation", Decimal(amount), taxable=False)], organization=organization
    )


def _record(amounts, total, **extra):
    return record_allocated_payment(
        amounts=amounts,
        total=Decimal(total),
        method=extra.pop("method", "cheque"),
        received_at=extra.pop("received_at", None) or today(),
        by=None,
        reference=extra.pop("reference", "CH-2044"),
    )


def test_one_cheque_split_over_an_organizations_invoices(mailoutbox):
    city = OrganizationFactory()
    dues, workshop = _org_invoice(city, "300.00"), _org_invoice(city, "100.00")
    mailoutbox.clear()

    payments = _record({dues: Decimal("300.00"), workshop: Decimal("40.00")}, "340.00")

    assert [(p.invoice, p.amount, p.reference) for p in payments] == [
        (dues, Decimal("300.00"), "CH-2044"),
        (workshop, Decimal("40.00"), "CH-2044"),
    ]
    dues.refresh_from_db()
    workshop.refresh_from_db()
    assert dues.status == Status.PAID
    assert workshop.status == Status.PARTLY_PAID and workshop.balance_due == Decimal("60.00")
    assert len({p.receipt_number for p in payments}) == 2


def test_the_shares_must_add_up_to_the_cheque_and_nothing_is_recorded_otherwise():
    city = OrganizationFactory()
    first, second = _org_invoice(city, "100.00"), _org_invoice(city, "100.00")
    with pytest.raises(QuorumError) as refused:
        _record({first: Decimal("100.00"), second: Decimal("50.00")}, "200.00")
    assert refused.value.code == "allocation_mismatch"
    assert not Payment.objects.exists()


def test_one_share_above_its_balance_refuses_the_whole_cheque():
    city = OrganizationFactory()
    first, second = _org_invoice(city, "100.00"), _org_invoice(city, "100.00")
    with pytest.raises(QuorumError) as refused:
        _record({first: Decimal("50.00"), second: Decimal("150.00")}, "200.00")
    assert refused.value.code == "above_balance" and second.number in refused.value.text
    assert not Payment.objects.exists()  # the first share is not kept either


def test_invoices_of_different_payers_cannot_share_a_cheque():
    mine, theirs = make_invoice(UserFactory()), make_invoice(UserFactory())
    with pytest.raises(QuorumError) as refused:
        _record({mine: mine.total, theirs: theirs.total}, str(mine.total + theirs.total))
    assert refused.value.code == "several_payers"
    assert not Payment.objects.exists()


def test_open_invoices_of_a_payer_leave_out_paid_cancelled_and_others():
    city = OrganizationFactory()
    open_one = _org_invoice(city, "100.00")
    paid = _org_invoice(city, "10.00")
    record_payment(paid, amount=paid.total, method="cheque", received_at=today(), by=None)
    _org_invoice(OrganizationFactory(), "20.00")
    assert open_invoices_of(organization=city) == [open_one]


def test_staff_choose_the_payer_then_split_the_cheque(client, accountant):
    city = OrganizationFactory(name="Ville de Saint-Exemple")
    dues, workshop = _org_invoice(city, "300.00"), _org_invoice(city, "100.00")
    client.force_login(accountant)

    chooser = client.get(reverse(ALLOCATE))
    assert chooser.status_code == 200
    response = client.post(reverse(ALLOCATE), {"organization": city.pk})
    assert response.status_code == 302
    assert response.url == f"{reverse(ALLOCATE)}?organization={city.pk}"

    form = client.get(response.url).content.decode()
    assert dues.number in form and workshop.number in form

    response = client.post(
        response.url,
        {
            "amount": "350.00",
            "received_at": str(today()),
            "method": "transfer",
            "reference": "VIR-77",
            f"invoice_{dues.pk}": "300.00",
            f"invoice_{workshop.pk}": "50.00",
        },
    )
    assert response.status_code == 302
    assert sorted(
        Payment.objects.values_list("invoice__number", "amount", "reference", "recorded_by")
    ) == [
        (dues.number, Decimal("300.00"), "VIR-77", accountant.pk),
        (workshop.number, Decimal("50.00"), "VIR-77", accountant.pk),
    ]


def test_the_form_says_when_the_shares_do_not_add_up(client, accountant):
    city = OrganizationFactory()
    dues = _org_invoice(city, "300.00")
    client.force_login(accountant)
    response = client.post(
        f"{reverse(ALLOCATE)}?organization={city.pk}",
        {
            "amount": "350.00",
            "received_at": str(today()),
            "method": "cheque",
            f"invoice_{dues.pk}": "300.00",
        },
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 200
    assert "doit égaler le paiement" in response.content.decode()
    assert not Payment.objects.exists()


def test_allocating_needs_the_record_payment_permission(client):
    from django.contrib.auth.models import Permission

    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    city = OrganizationFactory()
    dues = _org_invoice(city, "300.00")
    for url in (reverse(ALLOCATE), f"{reverse(ALLOCATE)}?organization={city.pk}"):
        response = client.get(url)
        # Wagtail turns a refused admin view into a redirect to the dashboard.
        assert response.status_code == 403 or response.url == "/admin/", url
    client.post(
        f"{reverse(ALLOCATE)}?organization={city.pk}",
        {
            "amount": "300.00",
            "received_at": str(today()),
            "method": "cheque",
            f"invoice_{dues.pk}": "300.00",
        },
    )
    assert not Payment.objects.exists()


NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("language", "message"),
    [
        (
            "fr",
            "Le montant pour la facture {number} (150,00{nbsp}$) dépasse son solde à payer "
            "(100,00{nbsp}$).",
        ),
        (
            "en",
            "The amount for invoice {number} ($150.00) is more than its balance due ($100.00).",
        ),
    ],
)
def test_a_share_above_its_balance_is_refused_in_one_sentence_naming_the_invoice(
    client, accountant, language, message
):
    city = OrganizationFactory()
    first, second = _org_invoice(city, "100.00"), _org_invoice(city, "100.00")
    client.force_login(accountant)
    response = client.post(
        f"{reverse(ALLOCATE)}?organization={city.pk}",
        {
            "amount": "200.00",
            "received_at": str(today()),
            "method": "cheque",
            f"invoice_{first.pk}": "50.00",
            f"invoice_{second.pk}": "150.00",
        },
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        message.format(number=second.number, nbsp=NBSP)
    ]
    assert not Payment.objects.exists()


@pytest.mark.parametrize(
    ("language", "messages"),
    [
        (
            "fr",
            [
                "La facture {number} n’a plus rien à payer.",
                "La facture {number} est annulée.",
                "La facture {number} a été émise le {issued} : la date du paiement doit être "
                "entre ce jour et aujourd’hui ({today}).",
            ],
        ),
        (
            "en",
            [
                "Invoice {number} has nothing left to pay.",
                "Invoice {number} is cancelled.",
                "Invoice {number} was issued on {issued}: the payment date must be between "
                "that day and today ({today}).",
            ],
        ),
    ],
)
def test_each_refusal_of_a_share_names_its_invoice_in_the_sentence(language, messages):
    import datetime

    from django.utils import translation

    from home.formatting import format_long_date
    from invoices.services import issue_credit_note

    def refusal(invoice, received_at=None):
        with translation.override(language), pytest.raises(QuorumError) as refused:
            _record({invoice: Decimal("10.00")}, "10.00", received_at=received_at)
        return refused.value.text

    city = OrganizationFactory()
    paid, cancelled, fresh = (_org_invoice(city, "10.00") for _ in range(3))
    record_payment(paid, amount=paid.total, method="cheque", received_at=today(), by=None)
    issue_credit_note(cancelled, reason="Erreur", by=None)
    issued = format_long_date(today(), language)
    expected = [
        message.format(number=invoice.number, issued=issued, today=issued)
        for message, invoice in zip(messages, (paid, cancelled, fresh), strict=True)
    ]
    assert [
        refusal(paid),
        refusal(cancelled),
        refusal(fresh, received_at=today() - datetime.timedelta(days=1)),
    ] == expected
