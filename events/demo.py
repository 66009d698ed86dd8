"""Demo registrations: the member `membre` attended last month's training (attendance recorded,
credits earned through `home.signals.training_attended`, as when staff record it). Runs after
the demo's event pages and members (see settings.DEMO_MODULES)."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Locale

from invoices.models import Method
from invoices.services import LineSpec, issue_invoice, record_payment

from .models import Attendance, EventKind, EventPage, Registration
from .services import announce_attendance


def load(command):
    member = get_user_model().objects.get(username="membre")
    _past_training_attendance(member)
    command.stdout.write("Demo registrations and attendance are in place.")


def _past_training_attendance(member):
    training = (
        EventPage.objects.filter(
            kind=EventKind.TRAINING, locale=Locale.get_default(), end__lt=timezone.now()
        )
        .order_by("-start")
        .first()
    )
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
