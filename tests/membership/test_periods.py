"""Membership periods: the status on a date, renewals issued once before the end, payment that
activates them, the lapse after the grace period, and what follows `is_member`."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine

from django.core import mail
from django.core.management import call_command

from wagtail.models import ModelLogEntry

from events.models import EventOption
from events.services import price_for
from invoices.models import Invoice, Method, Series
from invoices.models import Status as InvoiceStatus
from invoices.services import record_payment
from members.models import User
from members.services import directory
from membership import periods, services
from membership.models import Membership, MembershipCategory
from membership.periods import MembershipStatus
from tests.factories import UserFactory

from .test_applications import submitted_application

pytestmark = pytest.mark.django_db

D = datetime.date
END = D(2026, 12, 31)  # default settings: the year starts in January, notice 30 d, grace 60 d


def member(*, ends_on=END, language="fr", status=Membership.Status.ACTIVE, **fields):
    user = UserFactory(is_member=True, language=language, **fields)
    Membership.objects.create(
        user=user,
        starts_on=ends_on - datetime.timedelta(days=364),
        ends_on=ends_on,
        status=status,
    )
    return user


def run_on(day, django_capture_on_commit_callbacks):
    moment = datetime.datetime(day.year, day.month, day.day, 15)
    with (
        time_machine.travel(moment, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("update_memberships", stdout=io.StringIO())


@pytest.mark.parametrize(
    ("day", "status", "until"),
    [
        (D(2025, 12, 31), MembershipStatus.NONE, None),
        (D(2026, 1, 1), MembershipStatus.ACTIVE, END),
        (D(2026, 12, 31), MembershipStatus.ACTIVE, END),
        (D(2027, 1, 1), MembershipStatus.GRACE, D(2027, 3, 1)),
        (D(2027, 3, 1), MembershipStatus.GRACE, D(2027, 3, 1)),
        (D(2027, 3, 2), MembershipStatus.LAPSED, None),
    ],
)
def test_status_at_the_boundaries_and_the_queryset_filter_agree(day, status, until):
    person = member()
    UserFactory()  # never a member
    standing = periods.status_of(person, today=day)
    assert (standing.status, standing.until) == (status, until)
    for each in (MembershipStatus.ACTIVE, MembershipStatus.GRACE, MembershipStatus.LAPSED):
        found = periods.users_with_status(
            User.objects.filter(pk=person.pk), statuses=[each], today=day
        )
        assert found.exists() == (each == status)
    assert services.users_with_status is periods.users_with_status


def test_a_pending_renewal_is_not_membership_and_categories_filter():
    person = member(status=Membership.Status.PENDING)
    assert periods.status_of(person, today=D(2026, 6, 1)).status == MembershipStatus.NONE
    regular = periods.default_category()
    student = MembershipCategory.objects.create(
        name="Étudiant", dues=Decimal("50"), locale=regular.locale
    )
    in_student = member()
    in_student.memberships.update(category=student)
    found = periods.users_with_status(
        User.objects.all(),
        statuses=[MembershipStatus.ACTIVE],
        category_ids=[student.pk],
        today=D(2026, 6, 1),
    )
    assert list(found) == [in_student]


def test_renewal_is_issued_once_at_the_notice_in_the_members_language(
    django_capture_on_commit_callbacks,
):
    english = member(language="en")
    french = member(language="fr")
    run_on(D(2026, 11, 30), django_capture_on_commit_callbacks)
    assert not Membership.objects.filter(status=Membership.Status.PENDING).exists()
    assert not mail.outbox

    run_on(D(2026, 12, 1), django_capture_on_commit_callbacks)
    run_on(D(2026, 12, 1), django_capture_on_commit_callbacks)  # twice: nothing more
    run_on(D(2026, 12, 2), django_capture_on_commit_callbacks)

    for person in (english, french):
        [renewal] = Membership.objects.filter(user=person, status=Membership.Status.PENDING)
        assert (renewal.starts_on, renewal.ends_on) == (D(2027, 1, 1), D(2027, 12, 31))
        assert renewal.invoice.due_date == END and renewal.invoice.customer == person
        assert renewal.invoice.total == Decimal("373.67")  # 325 $ and the two taxes
    assert Invoice.objects.count() == 2
    assert len(mail.outbox) == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert by_address[english.email].subject == "Time to renew your membership"
    assert "December 31, 2026" in by_address[english.email].body
    assert by_address[french.email].subject == "Il est temps de renouveler votre adhésion"
    assert "31 décembre 2026" in by_address[french.email].body
    assert "Votre adhésion prend fin bientôt." in by_address[french.email].body
    assert by_address[french.email].attachments[0][0].startswith("F-")


def test_paying_the_renewal_makes_it_active_at_once(django_capture_on_commit_callbacks):
    person = member()
    run_on(D(2026, 12, 1), django_capture_on_commit_callbacks)
    renewal = Membership.objects.get(user=person, status=Membership.Status.PENDING)
    with time_machine.travel(datetime.datetime(2026, 12, 10, 15), tick=False):
        record_payment(
            renewal.invoice,
            amount=renewal.invoice.total,
            method=Method.CHEQUE,
            received_at=D(2026, 12, 10),
            by=UserFactory(is_staff=True),
        )
    renewal.refresh_from_db()
    assert renewal.status == Membership.Status.ACTIVE
    standing = periods.status_of(person, today=D(2027, 6, 1))
    assert (standing.status, standing.until) == (MembershipStatus.ACTIVE, D(2027, 12, 31))
    run_on(D(2027, 3, 10), django_capture_on_commit_callbacks)  # past the grace: still a member
    person.refresh_from_db()
    assert person.is_member


def test_a_renewal_without_dues_is_active_at_once_without_an_invoice_and_never_lapses(
    django_capture_on_commit_callbacks,
):
    free = MembershipCategory.objects.create(name="Honoraire", dues=Decimal("0"))
    person = member()
    Membership.objects.filter(user=person).update(category=free)
    run_on(D(2026, 12, 1), django_capture_on_commit_callbacks)
    renewal = Membership.objects.get(user=person, starts_on=D(2027, 1, 1))
    assert renewal.status == Membership.Status.ACTIVE
    # Nothing to bill: no invoice of 0,00 $ to file, nor to attach.
    assert renewal.invoice is None and not Invoice.objects.exists()
    [notice] = [m for m in mail.outbox if m.to == [person.email]]
    assert notice.subject == "Votre adhésion est renouvelée"
    assert notice.body.split("\n\n")[1] == (
        "Votre adhésion prend fin bientôt. Votre adhésion est renouvelée du 1er janvier 2027 "
        "au 31 décembre 2027. Sa catégorie n’a pas de cotisation : il n’y a rien à payer."
    )
    assert "facture" not in notice.body.lower() and "Payez" not in notice.body
    assert notice.attachments == []
    # Who renewed it and when stays in the audit log.
    [entry] = ModelLogEntry.objects.for_instance(renewal)
    assert entry.action == "membership.renewed_without_dues" and entry.user is None
    assert entry.timestamp.date() == D(2026, 12, 1)
    run_on(D(2026, 12, 2), django_capture_on_commit_callbacks)  # the next day: nothing more
    assert Membership.objects.filter(user=person).count() == 2
    run_on(D(2027, 3, 10), django_capture_on_commit_callbacks)  # past the grace
    person.refresh_from_db()
    assert person.is_member
    assert periods.status_of(person, today=D(2027, 6, 1)).status == MembershipStatus.ACTIVE


def test_unpaid_renewal_lapses_after_the_grace_with_a_credit_note_and_an_email(
    django_capture_on_commit_callbacks,
):
    person = member(language="en", in_directory=True)
    viewer = member()
    option = EventOption(member_price=Decimal("100"), non_member_price=Decimal("180"))
    run_on(D(2026, 12, 1), django_capture_on_commit_callbacks)
    renewal = Membership.objects.get(user=person, status=Membership.Status.PENDING)

    run_on(D(2027, 3, 1), django_capture_on_commit_callbacks)  # last day of grace
    person.refresh_from_db()
    assert person.is_member and price_for(option, person) == Decimal("100")
    assert person in directory(viewer)

    mail.outbox.clear()
    run_on(D(2027, 3, 2), django_capture_on_commit_callbacks)
    run_on(D(2027, 3, 3), django_capture_on_commit_callbacks)
    renewal.refresh_from_db()
    person.refresh_from_db()
    assert renewal.status == Membership.Status.LAPSED
    assert renewal.invoice.status == InvoiceStatus.CANCELLED
    [note] = Invoice.objects.filter(series=Series.CREDIT_NOTE, credited_invoice=renewal.invoice)
    assert note.total == renewal.invoice.total
    assert not person.is_member
    assert periods.status_of(person, today=D(2027, 3, 2)).status == MembershipStatus.LAPSED
    assert price_for(option, person) == Decimal("180")
    assert person not in directory(viewer)
    subjects = [m.subject for m in mail.outbox if m.to == [person.email]]
    assert "Your membership has lapsed" in subjects
    assert len(subjects) == 2  # the lapse and the credit note, once


def test_approval_starts_the_first_period_with_the_categorys_dues():
    application = submitted_application()
    regular = periods.default_category()
    regular.dues = Decimal("200.00")
    regular.save()
    reviewer = UserFactory(is_staff=True)
    with time_machine.travel(datetime.datetime(2026, 5, 4, 15), tick=False):
        services.approve_application(application, by=reviewer)
        services.approve_application(application, by=reviewer)
    application.refresh_from_db()
    [period] = Membership.objects.filter(user=application.user)
    assert (period.starts_on, period.ends_on, period.status) == (
        D(2026, 1, 1),
        END,
        Membership.Status.ACTIVE,
    )
    assert period.invoice == application.dues_invoice
    assert period.invoice.subtotal == Decimal("200.00")
    assert periods.status_of(application.user, today=D(2026, 5, 4)).is_member


def test_approval_in_a_category_without_dues_bills_nothing_and_says_so(
    django_capture_on_commit_callbacks,
):
    application = submitted_application()
    regular = periods.default_category()
    regular.dues = Decimal("0.00")
    regular.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_application(application, by=UserFactory(is_staff=True))
    application.refresh_from_db()
    [period] = Membership.objects.filter(user=application.user)
    assert period.status == Membership.Status.ACTIVE and period.invoice is None
    assert application.dues_invoice is None and not Invoice.objects.exists()
    [welcome] = [m for m in mail.outbox if m.to == [application.user.email]]
    assert (
        "Votre demande d’adhésion est approuvée : bienvenue! Votre catégorie d’adhésion n’a pas "
        "de cotisation : il n’y a rien à payer." in welcome.body
    )
    assert "facture" not in welcome.body and welcome.attachments == []


def test_daily_run_follows_periods_that_start_and_end(django_capture_on_commit_callbacks):
    from home.management.commands.run_scheduler import JOBS

    assert ("update_memberships", 24 * 60) in [(job.__name__, minutes) for job, minutes in JOBS]
    starting = UserFactory(is_member=False)
    Membership.objects.create(user=starting, starts_on=D(2027, 1, 1), ends_on=D(2027, 12, 31))
    ended = member(ends_on=D(2025, 12, 31))
    untouched = UserFactory(is_member=True)  # made a member by hand, no period: left alone
    run_on(D(2026, 12, 31), django_capture_on_commit_callbacks)
    starting.refresh_from_db()
    ended.refresh_from_db()
    assert not starting.is_member and not ended.is_member
    run_on(D(2027, 1, 1), django_capture_on_commit_callbacks)
    starting.refresh_from_db()
    untouched.refresh_from_db()
    assert starting.is_member and untouched.is_member
