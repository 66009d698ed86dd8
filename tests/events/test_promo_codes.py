"""Promo codes: checked by the service (unknown, expired, wrong event/option, used up), a
discount line on the invoice with taxes on the discounted amount, the use recorded, the review
step's field, and the staff screen."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from events import services
from events.models import PromoCode, PromoCodeUse, Registration
from home.errors import QuorumError
from home.formatting import format_money
from invoices.models import Invoice, Series
from invoices.services import issue_credit_note
from tests.factories import UserFactory

from .factories import answers, make_event, option
from .test_services import staff
from .test_views import form_data, register_url, review_url

pytestmark = pytest.mark.django_db


def register(event, person, code, chosen=None):
    return services.register(
        event,
        person,
        by=person,
        option=chosen or option(event),
        answers=answers(event),
        promo_code=code,
    )


def test_a_percentage_code_adds_a_discount_line_and_taxes_the_discounted_amount():
    event = make_event()
    PromoCode.objects.create(code="Hiver25", percentage=Decimal("25"))
    person = UserFactory(is_member=True, language="fr")
    registration = register(event, person, "  hiver25 ")
    invoice = registration.invoice
    lines = list(invoice.lines.all())
    assert [(line.description, line.amount) for line in lines[1:]] == [
        ("Code promo Hiver25", Decimal("-25.00"))
    ]
    assert invoice.subtotal == Decimal("75.00")
    assert invoice.gst == Decimal("3.75")  # 5 % of 75, not of 100
    assert invoice.qst == Decimal("7.48")  # 9.975 % of 75
    assert invoice.total == Decimal("86.23")
    use = PromoCodeUse.objects.get()
    assert (use.registration, use.invoice, use.by) == (registration, invoice, person)


def test_the_discount_line_is_in_the_invoice_language_and_never_below_zero():
    event = make_event()
    PromoCode.objects.create(code="FREE", amount=Decimal("500.00"))
    person = UserFactory(is_member=True, language="en")
    invoice = register(event, person, "free").invoice
    assert invoice.lines.last().description == "Promo code FREE"
    assert invoice.lines.last().amount == Decimal("-100.00")
    assert (invoice.subtotal, invoice.gst, invoice.qst, invoice.total) == (0, 0, 0, 0)


def test_a_discounted_invoice_can_be_credited_in_full():
    event = make_event()
    PromoCode.objects.create(code="DIX", amount=Decimal("10"))
    person = UserFactory(is_member=True)
    invoice = register(event, person, "DIX").invoice
    note = issue_credit_note(invoice, reason="test", by=None)
    assert note.total == invoice.total


@pytest.mark.parametrize(
    ("setup", "message_fr", "message_en", "code"),
    [
        ({}, "n’existe pas", "does not exist", "promo_unknown"),
        ({"active": False}, "n’est pas valide", "is not valid", "promo_expired"),
        ({"valid_until": "past"}, "n’est pas valide", "is not valid", "promo_expired"),
        ({"valid_from": "future"}, "n’est pas valide", "is not valid", "promo_expired"),
        ({"event": "other"}, "pas pour cette activité", "not for this event", "promo_wrong_event"),
        ({"option": "other"}, "pas pour cette option", "not for this option", "promo_wrong_option"),
        ({"max_uses": 1}, "autant de fois", "as many times as allowed", "promo_used_up"),
    ],
)
def test_refusals_are_clear_in_both_languages(setup, message_fr, message_en, code):
    event = make_event()
    today = timezone.localdate()
    fields = {"code": "ETE", "amount": Decimal("10")}
    if setup:
        value = next(iter(setup.values()))
        key = next(iter(setup))
        fields[key] = {
            "past": today - datetime.timedelta(days=1),
            "future": today + datetime.timedelta(days=1),
            "other": make_event() if key == "event" else option(event, "Demi"),
        }.get(value, value)
        PromoCode.objects.create(**fields)
    if code == "promo_used_up":
        register(event, UserFactory(), "ete")
    person = UserFactory()
    for language, expected in (("fr", message_fr), ("en", message_en)):
        with translation.override(language), pytest.raises(QuorumError) as error:
            register(event, person, "ete")
        assert error.value.code == code
        assert expected in error.value.text
    assert not Registration.objects.filter(person=person).exists()


def test_a_code_for_the_event_and_option_works_from_the_english_page():
    event = make_event(english=True)
    chosen = option(event)
    PromoCode.objects.create(code="EN10", amount=Decimal("10"), event=event, option=chosen)
    english = event.get_translations().get()
    person = UserFactory(is_member=True, language="en")
    registration = register(english, person, "en10", english.options.get(label="Full day"))
    assert registration.invoice.subtotal == Decimal("90.00")


def test_a_code_with_one_use_left_is_used_once_sequentially():
    event = make_event()
    PromoCode.objects.create(code="UNE", percentage=Decimal("10"), max_uses=1)
    register(event, UserFactory(), "UNE")
    with pytest.raises(QuorumError):
        register(event, UserFactory(), "une")
    assert PromoCodeUse.objects.count() == 1


def test_codes_are_unique_whatever_their_case_and_are_a_percentage_or_an_amount():
    PromoCode.objects.create(code="ABC", amount=Decimal("5"))
    with pytest.raises(IntegrityError), transaction.atomic():
        PromoCode.objects.create(code="abc", amount=Decimal("5"))
    with pytest.raises(IntegrityError), transaction.atomic():
        PromoCode.objects.create(code="BOTH", amount=Decimal("5"), percentage=Decimal("5"))
    with pytest.raises(IntegrityError), transaction.atomic():
        PromoCode.objects.create(code="NONE")


def test_review_step_applies_the_code_then_registers_with_it(client):
    event = make_event()
    PromoCode.objects.create(code="PRINTEMPS", amount=Decimal("15"))
    person = UserFactory(is_member=True)
    client.force_login(person)
    client.post(register_url(event), form_data(event, workshop="1"))
    page = client.post(review_url(event), {"promo_code": "nope", "apply_promo": "1"})
    assert "n’existe pas" in page.content.decode()
    page = client.post(review_url(event), {"promo_code": "printemps", "apply_promo": "1"})
    text = page.content.decode()
    # The price table shows the discount line as the invoice will bill it, with the code as
    # staff wrote it.
    assert "Code promo PRINTEMPS" in text and "15,00" in text
    # Said in words too, where a screen reader announces the page's messages.
    assert "Le code promo « printemps » retire 15,00\xa0$ du prix, avant les taxes." in text
    assert not Registration.objects.exists()
    client.post(review_url(event), {"promo_code": "printemps"})
    registration = Registration.objects.get()
    assert registration.invoice.subtotal == Decimal("85.00")
    # The total shown with the code applied is the invoice's.
    assert format_money(registration.invoice.total, "fr") in text


def test_staff_manage_promo_codes_and_see_their_uses(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    response = client.post(
        reverse("event_promo_codes:add"),
        {"code": "GALA", "percentage": "", "amount": "20.00", "active": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    promo = PromoCode.objects.get()
    response = client.post(
        reverse("event_promo_codes:add"), {"code": "gala", "amount": "5", "active": "on"}
    )
    assert response.status_code == 200 and not PromoCode.objects.filter(code="gala").exists()
    register(make_event(), UserFactory(), "gala")
    listing = client.get(reverse("event_promo_codes:index")).content.decode()
    assert "GALA" in listing
    with time_machine.travel(timezone.now()):
        inspect = client.get(reverse("event_promo_codes:inspect", args=[promo.pk]))
    assert inspect.status_code == 200


def test_a_change_of_option_keeps_the_code_on_the_new_invoice_as_the_same_use():
    event = make_event()
    promo = PromoCode.objects.create(code="GARDE", percentage=Decimal("10"), max_uses=1)
    person = UserFactory(is_member=True)
    registration = register(event, person, "garde")
    changed = services.change_registration(
        registration, by=person, option=option(event, "Demi"), answers=answers(event)
    )
    assert changed.invoice.subtotal == Decimal("54.00")  # 60 less 10 %
    assert promo.uses() == 1
    with pytest.raises(QuorumError) as error:
        register(event, UserFactory(), "garde")
    assert error.value.code == "promo_used_up"


def test_a_used_code_cannot_be_deleted_but_an_unused_one_can(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    used = PromoCode.objects.create(code="USE", amount=Decimal("5"))
    unused = PromoCode.objects.create(code="NEUF", amount=Decimal("5"))
    register(make_event(), UserFactory(), "use")
    client.post(reverse("event_promo_codes:delete", args=[used.pk]), follow=True)
    client.post(reverse("event_promo_codes:delete", args=[unused.pk]))
    assert list(PromoCode.objects.values_list("code", flat=True)) == ["USE"]


@pytest.mark.parametrize(
    "language, expected", [("fr", "Saisissez un code promo"), ("en", "Enter a promo code")]
)
def test_applying_an_empty_code_asks_for_one(client, language, expected):
    event = make_event()
    person = UserFactory(is_member=True)
    client.force_login(person)
    with translation.override(language):
        client.post(register_url(event), form_data(event, workshop="1"))
        page = client.post(review_url(event), {"promo_code": "  ", "apply_promo": "1"})
    text = page.content.decode()
    assert expected in text
    assert "« »" not in text and "“”" not in text


def test_an_invoice_brought_to_zero_by_a_code_is_settled_not_to_pay(client):
    """Nothing to pay: "Factures" says paid, and no reminder of an unpaid invoice follows."""
    event = make_event()
    PromoCode.objects.create(code="INVITE", percentage=Decimal("100"))
    person = UserFactory(is_member=True)
    invoice = register(event, person, "invite").invoice
    assert invoice.total == 0
    assert invoice.status == "paid" and not invoice.is_payable
    client.force_login(person)
    with translation.override("fr"):
        page = client.get(reverse("invoices:list")).content.decode()
    assert "À payer" not in page and "Payée" in page


def test_a_registration_brought_to_zero_by_a_code_can_be_changed_and_cancelled():
    """Nothing was billed, so nothing is credited: the change and the staff's approval of the
    cancellation go through (they stopped on "a credit note must credit a positive amount");
    the companion's paid-for invoice is still credited."""
    event = make_event()
    PromoCode.objects.create(code="INVITE", percentage=Decimal("100"))
    person = UserFactory(is_member=True)
    registration = register(event, person, "invite")
    companion = services.add_companion(registration, by=person, name="Conjoint Test")
    services.change_registration(
        registration, by=person, option=option(event, "Demi"), answers=answers(event)
    )
    registration.refresh_from_db()
    assert registration.option.label == "Demi-journée" and registration.invoice.total == 0
    request = services.request_cancellation(registration, by=person, reason="Imprévu")
    services.approve_cancellation(request, by=staff("decide_cancellation"))
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    notes = Invoice.objects.filter(series=Series.CREDIT_NOTE)
    assert [note.credited_invoice for note in notes] == [companion.invoice]


@pytest.mark.parametrize(
    ("code", "said", "not_said"),
    [
        ("invite", "Sa facture n’avait rien à payer : aucune note de crédit", "Une note de crédit"),
        ("", "Une note de crédit annule la facture de l’inscription.", "rien à payer"),
    ],
)
def test_the_approval_mentions_a_credit_note_only_when_one_is_issued(
    mailoutbox, django_capture_on_commit_callbacks, code, said, not_said
):
    event = make_event(companion=False)
    PromoCode.objects.create(code="INVITE", percentage=Decimal("100"))
    person = UserFactory(is_member=True, language="fr")
    registration = register(event, person, code)
    request = services.request_cancellation(registration, by=person, reason="Imprévu")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_cancellation(request, by=staff("decide_cancellation"))
    (mail,) = [m for m in mailoutbox if person.email in m.to and "Inscription annul" in m.subject]
    assert said in mail.body and not_said not in mail.body
