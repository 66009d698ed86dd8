"""Demo registrations: the member `membre` attended last month's training (attendance recorded,
credits earned through `home.signals.training_attended`, as when staff record it), and the
delegate `delegue` registered two colleagues to the spring seminar, one invoice each (one paid,
one to pay), so that their dashboard shows what their organization owes. Runs after the demo's
event pages and members (see settings.DEMO_MODULES)."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Locale

from invoices.models import Method
from invoices.services import LineSpec, issue_invoice, record_payment

from .models import Attendance, EventKind, EventPage, Registration
from .services import announce_attendance, register


def load(command):
    member = get_user_model().objects.get(username="membre")
    _past_training_attendance(member)
    _delegate_group(get_user_model().objects.get(username="delegue"))
    command.stdout.write("Demo registrations and attendance are in place.")


def _french_event(kind, order, **when):
    """The first demo event (its French page) of `kind` by `order` among those `when` says."""
    return (
        EventPage.objects.filter(kind=kind, locale=Locale.get_default(), **when)
        .order_by(order)
        .first()
    )


def _past_training_attendance(member):
    training = _french_event(EventKind.TRAINING, "-start", end__lt=timezone.now())
    if training is None:
        return
    registration = Registration.objects.filter(event=training, person=member).first()
    if registration is None:
        option = training.options.filter(is_companion=False).first()
        invoice = issue_invoice(
            lines=[
                LineSpec(
                    f"{training.title} — {option.label}"[:255],
                    option.member_price,
                    1,
                    option.taxable,
                )
            ],
            customer=member,
            by=member,
            language=member.language,
        )
        # A past training was paid long ago: the member's one unpaid invoice stays the
        # invoices demo's.
        record_payment(
            invoice,
            amount=invoice.total,
            method=Method.CHEQUE,
            received_at=timezone.localdate(),
            by=None,
            reference="Démo",
        )
        registration = Registration.objects.create(
            event=training,
            person=member,
            registered_by=member,
            option=option,
            answers={},
            invoice=invoice,
            created_at=training.start - datetime.timedelta(days=20),
        )
    Attendance.objects.get_or_create(
        registration=registration,
        defaults={"attended": True, "recorded_by": None, "recorded_at": training.end},
    )
    announce_attendance(member, training, by=None)


# The colleagues the delegate registered (members/demo.py), and whether each one paid. Not the
# first ones: a visitor trying group registration finds those still to register.
GROUP = [("collegue6", True), ("collegue7", False)]


def _delegate_group(delegate):
    seminar = _french_event(EventKind.SEMINAR, "start", start__gt=timezone.now())
    if seminar is None or not seminar.registration_is_open():
        return
    option = seminar.options.filter(is_companion=False).order_by("sort_order").first()
    for username, paid in GROUP:
        colleague = get_user_model().objects.get(username=username)
        if Registration.objects.filter(event=seminar, person=colleague).exists():
            continue
        registration = register(seminar, colleague, by=delegate, option=option, answers={})
        if paid:
            record_payment(
                registration.invoice,
                amount=registration.invoice.total,
                method=Method.CHEQUE,
                received_at=timezone.localdate(),
                by=None,
                reference="Démo",
            )
