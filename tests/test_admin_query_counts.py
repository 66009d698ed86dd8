"""Issue 15, point 2: every staff listing and staff detail screen of the admin runs a number of
queries that does not depend on its rows. Each listing is read with one row, then with
twenty-five (more than one page of Wagtail's twenty: the paginator and the second page's link
show); each detail screen for a plain object, then for one with many related rows (lines, payments,
decisions, deliveries...). The two counts must be equal: a query per row (or per related row)
is what made the invoices listing run 72 queries for one page."""

import csv
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal
from itertools import count

import pytest
from openpyxl import load_workbook

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale

from events import services as events
from events.models import PromoCode, TrainingProgram
from home.models import ReminderKind, SentReminder
from invoices.models import Method, StripeCheckout
from invoices.services import LineSpec, issue_credit_note, issue_invoice, record_payment
from members.models import AccountRequest, DeletionRequest
from membership import services as membership
from membership.models import ApplicationDocument, Membership, MembershipCategory
from messaging.models import Delivery, Message
from tests.admin_queries import listing_queries
from tests.events.factories import answers, make_event, option
from tests.factories import (
    DelegateGrantFactory,
    FunctionFactory,
    OrganizationFactory,
    UserFactory,
    speaks,
)
from tests.members.factories import interest, professional_order
from tests.membership.pdfs import valid_pdf

pytestmark = pytest.mark.django_db

FEW, MANY = 1, 25
serial = count(1)


@pytest.fixture
def admin(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def person():
    """Someone with a current employer (the listings show organizations)."""
    return FunctionFactory(organization=OrganizationFactory(), user__is_member=True).user


def invoice_for(customer, *, lines=1, by=None):
    return issue_invoice(
        lines=[
            LineSpec(f"Formation {n}", Decimal("100.00"), taxable=bool(n % 2)) for n in range(lines)
        ],
        customer=customer,
        organization=customer.current_organization,
        by=by or customer,
    )


def paid_invoice(by, *, lines=1, payments=1):
    invoice = invoice_for(person(), lines=lines, by=by)
    share = (invoice.total / payments).quantize(Decimal("0.01"))
    for n in range(payments):
        amount = share if n < payments - 1 else invoice.total - share * (payments - 1)
        record_payment(
            invoice,
            amount=amount,
            method=Method.CHEQUE,
            received_at=timezone.localdate(),
            reference=f"C-{next(serial)}",
            by=by,
        )
    return invoice


# --- what one row of each listing is ---------------------------------------------------------


def make_invoices(n, admin):
    for _ in range(n):
        paid_invoice(admin)


def make_payments(n, admin):
    for _ in range(n):
        paid_invoice(admin)


def make_checkouts(n, admin):
    for _ in range(n):
        invoice = paid_invoice(admin)
        StripeCheckout.objects.create(
            invoice=invoice,
            session_id=f"cs_test_{next(serial)}",
            amount=invoice.total,
            payment=invoice.payments.first(),
            payment_intent_id=f"pi_{next(serial)}",
        )


def make_refunds(n, admin):
    for _ in range(n):
        issue_credit_note(paid_invoice(admin), reason="Annulée", by=admin, refund=True)


class Shared:
    """Objects a listing's rows share (one event for all its registrations)."""

    event = None

    @classmethod
    def the_event(cls):
        if cls.event is None or not type(cls.event).objects.filter(pk=cls.event.pk).exists():
            cls.event = make_event(title="Colloque", capacity=500)
        return cls.event


def register(event=None):
    event = event or Shared.the_event()
    someone = person()
    registration = events.register(
        event, someone, by=someone, option=option(event), answers=answers(event, dietary="Noix")
    )
    return registration


def make_registrations(n, admin):
    for _ in range(n):
        registration = register()
        events.add_companion(
            registration,
            by=registration.person,
            name=f"Accompagnateur {next(serial)}",
            dietary_needs="",
        )


def make_cancellations(n, admin):
    for index in range(n):
        registration = register()
        request = events.request_cancellation(registration, by=registration.person, reason="Malade")
        if index % 2:
            events.reject_cancellation(request, by=admin)


def make_promo_codes(n, admin):
    event = Shared.the_event()
    for _ in range(n):
        PromoCode.objects.create(
            code=f"CODE{next(serial)}",
            percentage=Decimal("10"),
            event=event,
            option=option(event),
            valid_until=timezone.localdate() + datetime.timedelta(days=30),
        )


def make_training_programs(n, admin):
    locale = Locale.get_default()
    for _ in range(n):
        number = next(serial)
        TrainingProgram.objects.create(locale=locale, name=f"Programme {number}", slug=f"p{number}")


def make_reminders(n, admin):
    for _ in range(n):
        invoice = invoice_for(person())
        SentReminder.objects.create(
            kind=ReminderKind.UNPAID_INVOICE,
            key=f"invoice:{invoice.pk}:unpaid-first",
            about=invoice.number,
            recipient=invoice.customer,
            sent_at=timezone.now(),
        )


def make_people(n, admin):
    for _ in range(n):
        person()


def make_organizations(n, admin):
    for _ in range(n):
        OrganizationFactory(proposed_by=UserFactory())


def make_grants(n, admin):
    for _ in range(n):
        DelegateGrantFactory(user=person(), organization=OrganizationFactory(), granted_by=admin)


def make_account_requests(n, admin):
    for _ in range(n):
        grant = DelegateGrantFactory(user=person(), organization=OrganizationFactory())
        AccountRequest.objects.create(
            requested_by=grant.user,
            organization=grant.organization,
            first_name="Léa",
            last_name=f"Nouvelle {next(serial)}",
            email=f"lea{next(serial)}@example.org",
            title="Agente",
        )


def make_deletion_requests(n, admin):
    for _ in range(n):
        DeletionRequest.objects.create(user=person(), reason="Je pars")


def make_interests(n, admin):
    for _ in range(n):
        number = next(serial)
        interest(f"Intérêt {number}", f"Interest {number}")


def make_orders(n, admin):
    for _ in range(n):
        number = next(serial)
        professional_order(f"Ordre {number}", f"Order {number}")


def application(*, documents=1):
    applicant = person()
    started = membership.start_application(applicant, by=applicant)
    kinds = [ApplicationDocument.Kind.HIRING_RESOLUTION, ApplicationDocument.Kind.DIPLOMA]
    for kind in kinds[:documents]:
        membership.attach_document(
            started, kind=kind, upload=SimpleUploadedFile("r.pdf", valid_pdf()), by=applicant
        )
    type(started).objects.filter(pk=started.pk).update(
        accepts_code_of_ethics=True, certifies_accuracy=True
    )
    return membership.submit_application(started, by=applicant)


def make_applications(n, admin):
    for _ in range(n):
        application()


def category():
    return MembershipCategory.objects.get_or_create(
        locale=Locale.get_default(), name="Régulier", defaults={"dues": Decimal("100.00")}
    )[0]


def make_periods(n, admin):
    for _ in range(n):
        member = person()
        Membership.objects.create(
            user=member,
            category=category(),
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate() + datetime.timedelta(days=364),
            invoice=invoice_for(member),
            status=Membership.Status.ACTIVE,
        )


def make_categories(n, admin):
    locale = Locale.get_default()
    for _ in range(n):
        MembershipCategory.objects.create(
            locale=locale, name=f"Catégorie {next(serial)}", dues=Decimal("50.00")
        )


def make_messages(n, admin):
    for index in range(n):
        message = Message.objects.create(
            subject_fr=f"Nouvelles {next(serial)}",
            subject_en="News",
            body_fr="Texte",
            body_en="Text",
            created_by=admin,
        )
        if index % 2:
            Message.objects.filter(pk=message.pk).update(
                status=Message.Status.SENT, sent_by=admin, sent_at=timezone.now()
            )


@dataclass
class Listing:
    url_name: str
    make: object
    query: str = ""

    def url(self):
        return reverse(self.url_name) + self.query


LISTINGS = {
    "invoices": Listing("invoice_admin:index", make_invoices),
    "payments": Listing("payment_admin:index", make_payments),
    "stripe payments": Listing("stripe_admin:index", make_checkouts),
    "refunds": Listing("refund_admin:index", make_refunds),
    "registrations": Listing("event_registrations:index", make_registrations),
    "cancellation requests": Listing("event_cancellations:index", make_cancellations),
    "promo codes": Listing("event_promo_codes:index", make_promo_codes),
    "training programs": Listing(
        "wagtailsnippets_events_trainingprogram:list", make_training_programs
    ),
    "sent reminders": Listing("sent_reminders:index", make_reminders),
    "members": Listing("member_people:index", make_people),
    "organizations": Listing("member_organizations:index", make_organizations),
    "delegates": Listing("member_delegates:index", make_grants),
    "account requests": Listing("member_account_requests:index", make_account_requests),
    "deletion requests": Listing("member_deletion_requests:index", make_deletion_requests),
    "interests": Listing("wagtailsnippets_members_interest:list", make_interests),
    "professional orders": Listing("wagtailsnippets_members_professionalorder:list", make_orders),
    "membership applications": Listing(
        "membership_applications:index", make_applications, "?status=all"
    ),
    "membership periods": Listing("membership_periods:index", make_periods),
    "membership categories": Listing(
        "wagtailsnippets_membership_membershipcategory:list", make_categories
    ),
    "messages": Listing("member_messages:index", make_messages),
}


@pytest.mark.parametrize("name", LISTINGS)
def test_a_listing_runs_as_many_queries_for_many_rows_as_for_one(client, admin, name):
    listing = LISTINGS[name]
    listing.make(FEW, admin)
    few = listing_queries(client, listing.url())
    listing.make(MANY - FEW, admin)
    assert listing_queries(client, listing.url()) == few


# The staff screens of one event: every registration is a row.
EVENT_SCREENS = ("event_attendance:index", "event_catering:index")


@pytest.mark.parametrize("url_name", EVENT_SCREENS)
def test_an_event_screen_runs_as_many_queries_for_many_registrations_as_for_one(
    client, admin, url_name
):
    event = Shared.the_event()
    url = f"{reverse(url_name)}?event={event.pk}"
    make_registrations(FEW, admin)
    few = listing_queries(client, url)
    make_registrations(MANY - FEW, admin)
    assert listing_queries(client, url) == few


@pytest.mark.parametrize("url_name", EVENT_SCREENS)
def test_an_event_screen_in_english_runs_as_many_queries_for_many_registrations_as_for_one(
    client, admin, url_name
):
    """The English page's title and option labels are read once, not once per row."""
    speaks(admin, "en")
    event = make_event(title="Colloque", capacity=500, english=True)
    url = f"{reverse(url_name)}?event={event.pk}"
    register(event)
    few = listing_queries(client, url)
    for _ in range(MANY - FEW):
        register(event)
    assert listing_queries(client, url) == few


# --- exports (issue 15, point 4) --------------------------------------------------------------

EXPORTS = (
    "invoices",
    "payments",
    "stripe payments",
    "refunds",
    "registrations",
    "sent reminders",
    "members",
    "organizations",
    "membership periods",
)


def exported(client, url, export_format):
    """(queries, rows) of one export, its streamed content read to the end."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"export": export_format})
        assert response.status_code == 200
        content = b"".join(response.streaming_content)
    # Close the file without response.close(), whose request_finished signal would close the
    # test's database connection.
    for closer in response._resource_closers:
        closer()
    if export_format == "csv":
        rows = list(csv.reader(io.StringIO(content.decode())))
    else:
        rows = list(load_workbook(io.BytesIO(content), read_only=True).active.values)
    return len(queries), rows


@pytest.mark.parametrize("name", EXPORTS)
def test_an_export_runs_as_many_queries_for_many_rows_as_for_one(client, admin, name):
    """Both formats, from the same rows (making them is most of the test's time)."""
    listing = LISTINGS[name]
    listing.make(FEW, admin)
    formats = ("csv", "xlsx")
    exported(client, listing.url(), "csv")  # warms what requests keep
    few = {f: exported(client, listing.url(), f) for f in formats}
    listing.make(MANY - FEW, admin)
    for export_format in formats:
        queries, before = few[export_format]
        many, after = exported(client, listing.url(), export_format)
        assert len(after) - len(before) == MANY - FEW, export_format  # every row, not a page
        assert many == queries, export_format


# --- detail screens: a plain object, then one with many related rows -------------------------


def rich_invoice(admin, rich):
    """Plain: two lines, a payment, a credit note of one line refunded; rich: ten lines, five
    payments, three such credit notes (each kind present in both, in numbers apart)."""
    invoice = paid_invoice(admin, lines=10 if rich else 2, payments=5 if rich else 1)
    for line in list(invoice.lines.all())[: 3 if rich else 1]:
        issue_credit_note(
            invoice,
            reason="Correction",
            by=admin,
            refund=True,
            lines=[LineSpec(line.description, line.unit_price, line.quantity, line.taxable)],
        )
    return invoice.pk


def rich_registration(admin, rich):
    registration = register()
    for _ in range(5 if rich else 0):
        events.add_companion(
            registration, by=registration.person, name=f"Invité {next(serial)}", dietary_needs=""
        )
    return registration.pk


def rich_application(admin, rich):
    submitted = application(documents=2 if rich else 1)
    if rich:
        for _ in range(3):
            membership.request_document(submitted, by=admin, message="Le diplôme, svp.")
            submitted = type(submitted).objects.get(pk=submitted.pk)
            submitted.status = type(submitted).Status.SUBMITTED
            submitted.save()
    return submitted.pk


def rich_message(admin, rich):
    message = Message.objects.create(
        subject_fr="Nouvelles", subject_en="News", body_fr="Texte", body_en="Text", created_by=admin
    )
    people = [person() for _ in range(MANY if rich else FEW)]
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.SENT, sent_by=admin, sent_at=timezone.now()
    )
    Delivery.objects.bulk_create(
        Delivery(message=message, user=someone, language="fr", status=Delivery.Status.SENT)
        for someone in people
    )
    return message.pk


def draft_message(admin, rich):
    message = Message.objects.create(
        subject_fr="Brouillon", subject_en="Draft", body_fr="Texte", body_en="Text"
    )
    if rich:
        message.organizations.set([OrganizationFactory() for _ in range(10)])
        message.interests.set([interest(f"Sujet {n}", f"Topic {n}")[0] for n in range(5)])
    return message.pk


def rich_member(admin, rich):
    someone = person()
    for _ in range(10 if rich else 0):
        FunctionFactory(user=someone, organization=OrganizationFactory())
    return someone.pk


def rich_promo_code(admin, rich):
    make_promo_codes(1, admin)
    return PromoCode.objects.latest("pk").pk


def rich_period(admin, rich):
    make_periods(1, admin)
    return Membership.objects.latest("pk").pk


def rich_grant(admin, rich):
    make_grants(1, admin)
    return DelegateGrantFactory._meta.model.objects.latest("pk").pk


def rich_account_request(admin, rich):
    make_account_requests(1, admin)
    return AccountRequest.objects.latest("pk").pk


def rich_deletion_request(admin, rich):
    make_deletion_requests(1, admin)
    return DeletionRequest.objects.latest("pk").pk


def rich_organization(admin, rich):
    organization = OrganizationFactory(proposed_by=UserFactory())
    for _ in range(20 if rich else 0):
        FunctionFactory(organization=organization)
    return organization.pk


DETAILS = {
    "invoice": ("invoice_admin:inspect", rich_invoice),
    "invoice history": ("invoice_admin:history", rich_invoice),
    "invoice credit note form": ("invoice_admin:credit_note", rich_invoice),
    "invoice payment form": ("invoice_admin:record_payment", rich_invoice),
    "registration": ("event_registrations:inspect", rich_registration),
    "promo code": ("event_promo_codes:edit", rich_promo_code),
    "membership application": ("membership_applications:review", rich_application),
    "membership period": ("membership_periods:inspect", rich_period),
    "message send log": ("member_messages:log", rich_message),
    "message review": ("member_messages:review", draft_message),
    "member": ("member_people:inspect", rich_member),
    "member edit": ("member_people:edit", rich_member),
    "organization edit": ("member_organizations:edit", rich_organization),
    "delegate": ("member_delegates:edit", rich_grant),
    "account request": ("member_account_requests:decide", rich_account_request),
    "deletion request": ("member_deletion_requests:process", rich_deletion_request),
}


@pytest.mark.parametrize("name", DETAILS)
def test_a_detail_screen_runs_as_many_queries_for_a_rich_object_as_for_a_plain_one(
    client, admin, name
):
    url_name, make = DETAILS[name]
    plain = listing_queries(client, reverse(url_name, args=[make(admin, False)]))
    rich = listing_queries(client, reverse(url_name, args=[make(admin, True)]))
    assert rich == plain


@pytest.mark.parametrize(
    ("language", "status", "paid", "balance"),
    [("fr", "Statut", "Payée", "Solde à payer"), ("en", "Status", "Paid", "Balance due")],
)
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_a_streamed_export_speaks_the_staff_language(
    client, admin, export_format, language, status, paid, balance
):
    """The file is written while the response is read, after the view returned: still in the
    staff member's language, with local times."""

    speaks(admin, language)
    invoice = paid_invoice(admin)
    _queries, (header, row) = exported(client, reverse("invoice_admin:index"), export_format)
    cells = dict(zip(header, row, strict=True))
    assert cells[status] == paid
    assert str(cells[balance]) in ("0.00", "0")
    issued = timezone.localtime(invoice.issued_at).replace(microsecond=0, tzinfo=None)
    assert str(cells[header[2]]) == str(issued)
