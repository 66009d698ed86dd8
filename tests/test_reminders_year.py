"""A whole year of reminders: the clock moves day by day through 2026 (time-machine), the world
changes on the days it says (registrations, payments, cancellations, credits), `send_reminders`
runs every day at noon, and at the end each kind's e-mails are counted.

Each piece of the world says, where it is built, how many reminders of each kind it must
produce and why; the test sums them. Default offsets (home.models.ReminderSettings): events 7
and 1 days before, deadlines 2 days before, unpaid invoices 7 and 30 days after the due date
(the issue date without one), the title cycle 90 days before its end. Title rules are
TitleSettings' defaults: 60 credits to obtain it, 30 per three-year cycle from 2024-01-01, so
the cycle ends on 2026-12-31 and its reminder goes out on 2026-10-02. Memberships run from
July (set in the world), with MembershipSettings' other defaults: the renewal is issued 30 days
before the end (31 May), the renewal reminder goes out 7 days before it (23 June), the renewal
invoice is due on the last day (30 June) and an unpaid one lapses after 60 days of grace (30
August). `update_memberships` runs every morning, as the scheduler runs it daily.

Registration invoices are paid at once (their own reminders are the invoices' part), so each
event counts only the registrants' reminders."""

import datetime
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
import time_machine

from django.contrib.auth.models import Permission
from django.core import mail

from events import services as events
from home.models import ReminderKind, SentReminder
from invoices.services import LineSpec, issue_credit_note, issue_invoice, record_payment
from membership.models import Membership, MembershipSettings
from membership.periods import MembershipStatus, status_of, update_memberships
from tests.events.factories import answers, make_event, option
from tests.factories import UserFactory
from tests.reminders import at, earn, send_reminders_at

pytestmark = pytest.mark.django_db

D = datetime.date
EVENT = ReminderKind.EVENT
MODIFICATION = ReminderKind.MODIFICATION_DEADLINE
CANCELLATION = ReminderKind.CANCELLATION_DEADLINE
UNPAID = ReminderKind.UNPAID_INVOICE
TITLE = ReminderKind.TITLE_CYCLE
RENEWAL = ReminderKind.RENEWAL

BUILT = at(2025, 12, 31, 10)  # the world is built the day before the year starts


class World:
    def __init__(self):
        self.expected = Counter()
        self.memberships = Counter()  # what update_memberships does: renewals, lapses
        self.on_day = defaultdict(list)  # date -> actions run that morning, before the reminders
        self.staff = UserFactory(is_staff=True)
        self.staff.user_permissions.add(Permission.objects.get(codename="decide_cancellation"))

    def expect(self, kind, count):
        self.expected[kind] += count

    def expect_membership(self, what, count):
        self.memberships[what] += count

    def event(self, title, start, **fields):
        return make_event(
            title=title, start_in=start - BUILT, registration_opens=None, english=True, **fields
        )

    def register(self, event, person):
        registration = events.register(
            event, person, by=person, option=option(event), answers=answers(event)
        )
        invoice = registration.invoice
        record_payment(
            invoice,
            amount=invoice.total,
            method="cheque",
            received_at=invoice.issued_at.date(),
            by=self.staff,
        )
        return registration

    def invoice(self, person, due_date=None):
        return issue_invoice(
            lines=[LineSpec("Cotisation", Decimal("100.00"))],
            customer=person,
            by=self.staff,
            due_date=due_date,
        )

    def pay(self, invoice, day):
        record_payment(
            invoice, amount=invoice.total, method="cheque", received_at=day, by=self.staff
        )


def build(world):
    ana, chloe, dan = (UserFactory(language="fr") for _ in range(3))
    ben, eve = (UserFactory(language="en") for _ in range(2))

    # --- Events and trainings -------------------------------------------------------------
    # A training on 10 March with its own deadlines (make_event: changes until 7 days before,
    # cancellation requests until 14 days before).
    budget = world.event("Atelier budget", at(2026, 3, 10, 9))
    for person in (ana, ben):
        world.register(budget, person)
        world.expect(EVENT, 2)  # a week before, a day before
        world.expect(MODIFICATION, 1)  # two days before 3 March
        world.expect(CANCELLATION, 1)  # two days before 24 February
    # Chloé registers, then cancels on 1 February, before any reminder: nothing.
    chloe_registration = world.register(budget, chloe)

    def chloe_cancels():
        request = events.request_cancellation(chloe_registration, by=chloe, reason="Conflit")
        events.approve_cancellation(request, by=world.staff)

    world.on_day[D(2026, 2, 1)].append(chloe_cancels)

    # A congress on 15 June without deadlines of its own (they are its start): only the event
    # reminders.
    congress = world.event(
        "Congrès annuel", at(2026, 6, 15, 9), modification_deadline=None, cancellation_deadline=None
    )
    world.register(congress, ana)
    world.expect(EVENT, 2)
    # Dan registers on 12 June, after the week-before moment (8 June): the day-before only.
    world.on_day[D(2026, 6, 12)].append(lambda: world.register(congress, dan))
    world.expect(EVENT, 1)

    # A training on 20 September (changes until 13 September, cancellations until 6 September).
    gmc = world.event("Formation GMC", at(2026, 9, 20, 9))
    world.register(gmc, ben)
    world.expect(EVENT, 2)
    world.expect(MODIFICATION, 1)
    world.expect(CANCELLATION, 1)
    # Ève asks to cancel on 1 September; staff never decide: nothing after that, and nothing
    # was due before it.
    eve_registration = world.register(gmc, eve)
    world.on_day[D(2026, 9, 1)].append(
        lambda: events.request_cancellation(eve_registration, by=eve, reason="Empêchement")
    )

    # --- Invoices ---------------------------------------------------------------------------
    # Paid before its due date: nothing.
    on_time = world.invoice(ana, due_date=D(2026, 2, 15))
    world.on_day[D(2026, 2, 10)].append(lambda: world.pay(on_time, D(2026, 2, 10)))
    # Due 1 April, paid 20 April: the first reminder (8 April) only, the second (1 May) stopped.
    late = world.invoice(ben, due_date=D(2026, 4, 1))
    world.on_day[D(2026, 4, 20)].append(lambda: world.pay(late, D(2026, 4, 20)))
    world.expect(UNPAID, 1)
    # Due 1 July, never paid: 8 July and 31 July.
    world.invoice(dan, due_date=D(2026, 7, 1))
    world.expect(UNPAID, 2)
    # Due 15 November, cancelled by a credit note on 20 November, before the first reminder.
    credited = world.invoice(eve, due_date=D(2026, 11, 15))
    world.on_day[D(2026, 11, 20)].append(
        lambda: issue_credit_note(credited, reason="Erreur", by=world.staff)
    )
    # Due 20 December: the first reminder on 27 December; the second falls in 2027.
    world.invoice(chloe, due_date=D(2026, 12, 20))
    world.expect(UNPAID, 1)
    # Issued 4 May without a due date (payable at once), never paid: 11 May and 3 June.
    world.on_day[D(2026, 5, 4)].append(lambda: world.invoice(ana))
    world.expect(UNPAID, 2)

    # --- Title cycle ------------------------------------------------------------------------
    def holder(language, cycle_day, cycle_credits):
        person = UserFactory(language=language, is_member=True)
        earn(person, D(2023, 5, 1), 60)  # the title, obtained in the previous cycle
        earn(person, cycle_day, cycle_credits)
        return person

    # 10 of 30 credits: reminded on 2 October.
    holder("fr", D(2025, 4, 1), 10)
    world.expect(TITLE, 1)
    # 20 credits, then 10 more on 1 September, before the moment: nothing.
    tina = holder("en", D(2025, 4, 1), 20)
    world.on_day[D(2026, 9, 1)].append(lambda: earn(tina, D(2026, 9, 1), 10))
    # 25 credits, the last 5 on 1 November, after the reminder went out: reminded once.
    theo = holder("fr", D(2024, 6, 1), 25)
    world.on_day[D(2026, 11, 1)].append(lambda: earn(theo, D(2026, 11, 1), 5))
    world.expect(TITLE, 1)
    # Working toward the title (20 credits), not holding it: nothing.
    earn(UserFactory(), D(2025, 6, 1), 20)

    # --- Membership renewals ----------------------------------------------------------------
    rules = MembershipSettings.load()
    rules.year_start_month = 7
    rules.save()

    def member(language):
        person = UserFactory(language=language, is_member=True)
        Membership.objects.create(
            user=person, starts_on=D(2025, 7, 1), ends_on=D(2026, 6, 30), status="active"
        )
        return person

    # Mia's renewal is issued on 31 May (an e-mail of update_memberships, not a reminder); she
    # pays it on 10 June: no reminder.
    mia = member("fr")

    def mia_pays():
        world.pay(Membership.objects.get(user=mia, status="pending").invoice, D(2026, 6, 10))

    world.on_day[D(2026, 6, 10)].append(mia_pays)
    world.expect_membership("renewals", 1)
    # Noé never pays: the renewal reminder on 23 June, the unpaid-invoice reminders on 7 and 30
    # July, and the lapse on 30 August.
    noe = member("en")
    world.expect(RENEWAL, 1)
    world.expect(UNPAID, 2)
    world.expect_membership("renewals", 1)
    world.expect_membership("lapsed", 1)
    return mia, noe


@pytest.mark.heavy
def test_a_year_of_reminders(django_capture_on_commit_callbacks):
    world = World()
    with time_machine.travel(BUILT, tick=False):
        mia, noe = build(world)
    # The world's own e-mails (confirmations, invoices, receipts) are not counted: they were
    # queued outside the captured runs below and never leave.
    mail.outbox.clear()
    sent = []
    memberships = Counter()
    day = D(2026, 1, 1)
    while day.year == 2026:
        with time_machine.travel(at(day.year, day.month, day.day, 10), tick=False):
            for action in world.on_day[day]:
                action()
            with django_capture_on_commit_callbacks(execute=True):
                done = update_memberships(today=day)
            memberships.update({what: n for what, n in done.items() if what != "synced"})
        sent += send_reminders_at(
            at(day.year, day.month, day.day, 12), django_capture_on_commit_callbacks
        )
        day += datetime.timedelta(days=1)

    counted = Counter(SentReminder.objects.values_list("kind", flat=True))
    assert counted == world.expected
    assert len(sent) == sum(world.expected.values()) == 26
    assert +memberships == world.memberships
    end = D(2026, 12, 31)
    assert status_of(mia, today=end).status == MembershipStatus.ACTIVE
    assert status_of(noe, today=end).status == MembershipStatus.LAPSED
    # Each e-mail went to the person its row names, once.
    rows = SentReminder.objects.select_related("recipient")
    assert sorted(r.recipient.email for r in rows) == sorted(m.to[0] for m in sent)
