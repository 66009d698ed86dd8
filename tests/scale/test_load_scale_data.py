"""`load_scale_data` grows the database with rows that keep the services' invariants."""

from collections import defaultdict
from decimal import Decimal
from io import StringIO

import pytest

from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q, Sum

from events.models import Registration, RegistrationStatus
from invoices.models import Invoice, InvoiceLine, NumberSequence, Payment, Series, Status
from invoices.services import LineSpec, issue_invoice
from members.models import Function, User
from membership import periods
from membership.models import Attestation, CreditEntry, Membership

pytestmark = pytest.mark.django_db


def load(members=200, **options):
    out = StringIO()
    call_command("load_scale_data", members=members, stdout=out, **options)
    return out.getvalue()


def test_it_needs_the_demo(db):
    with pytest.raises(CommandError, match="load_demo"):
        load(members=5)


def test_it_builds_the_sizes_asked_with_consistent_rows(demo):
    before = Invoice.objects.filter(series=Series.INVOICE).count()
    output = load(members=200, invoices=1500, registrations=600, events=12)

    people = User.objects.filter(username__startswith="scale1-")
    assert people.count() == 200
    assert "Scale data added" in output and "invoices written" in output
    invoices = Invoice.objects.filter(series=Series.INVOICE)
    assert invoices.count() - before == 1500
    # Every person works somewhere now (one current function).
    assert not people.exclude(functions__end_date__isnull=True).exists()
    assert Function.objects.filter(user__in=people, end_date__isnull=True).count() == 200
    # The directory finds them as it finds anyone saved through the site (name and employer,
    # folded), though bulk_create never calls User.save().
    for person in people.select_related()[:20]:
        assert person.directory_search == person.directory_search_text()

    # Totals are the lines' (taxes computed as issue_invoice does).
    line_sums = dict(
        InvoiceLine.objects.values_list("invoice")
        .annotate(s=Sum("amount"))
        .values_list("invoice", "s")
    )
    for invoice in Invoice.objects.all():
        assert line_sums[invoice.pk] == invoice.subtotal, invoice.number
        assert invoice.subtotal + invoice.gst + invoice.qst == invoice.total

    # Payments and credit notes agree with each status.
    paid = defaultdict(Decimal)
    for invoice_id, amount in Payment.objects.values_list("invoice", "amount"):
        paid[invoice_id] += amount
    notes = dict(
        Invoice.objects.filter(series=Series.CREDIT_NOTE).values_list("credited_invoice", "total")
    )
    for invoice in invoices:
        if invoice.status == Status.PAID:
            assert paid[invoice.pk] == invoice.total, invoice.number
        elif invoice.status == Status.PARTLY_PAID:
            assert 0 < paid[invoice.pk] < invoice.total, invoice.number
        elif invoice.status == Status.CANCELLED:
            assert notes[invoice.pk] == invoice.total and not paid[invoice.pk], invoice.number
        else:
            assert not paid[invoice.pk] and invoice.pk not in notes, invoice.number
    statuses = set(invoices.values_list("status", flat=True))
    assert {Status.PAID, Status.PARTLY_PAID, Status.CANCELLED, Status.TO_PAY} <= statuses

    # Registrations: at most one confirmed per person and event, each with its invoice;
    # a cancelled one's invoice is cancelled by a credit note.
    registrations = Registration.objects.filter(person__in=people)
    assert registrations.count() > 400
    assert not (
        registrations.filter(status=RegistrationStatus.CONFIRMED)
        .values("event", "person")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .exists()
    )
    assert not registrations.filter(invoice__isnull=True).exists()
    assert not registrations.filter(
        status=RegistrationStatus.CANCELLED, invoice__status__in=[Status.PAID, Status.TO_PAY]
    ).exists()
    assert registrations.filter(status=RegistrationStatus.CANCELLED).exists()
    assert not registrations.exclude(person=F("invoice__customer")).exists()

    # Members have active periods paid by their dues invoice; members are active today.
    memberships = Membership.objects.filter(user__in=people)
    assert memberships.exists()
    assert not memberships.exclude(invoice__status=Status.PAID).exists()
    for member in people.filter(is_member=True)[:20]:
        assert periods.status_of(member).status == periods.MembershipStatus.ACTIVE

    # Attended trainings gave credits and attestations, one per training.
    assert (
        CreditEntry.objects.filter(user__in=people).count()
        == Attestation.objects.filter(user__in=people, kind=Attestation.Kind.TRAINING).count()
    )


def test_numbers_continue_after_the_scale_data(demo):
    load(members=20, invoices=60, registrations=20, events=2)
    last = NumberSequence.objects.get(series=Series.INVOICE).last_number
    numbers = sorted(Invoice.objects.filter(series=Series.INVOICE).values_list("number", flat=True))
    assert numbers[-1] == f"F-{last:06d}"
    assert len(numbers) == last  # gapless
    person = User.objects.filter(username__startswith="scale1-").first()
    invoice = issue_invoice(lines=[LineSpec("Atelier", Decimal("10"))], customer=person, by=None)
    assert invoice.number == f"F-{last + 1:06d}"
    # Issue order and numbers agree within the data set.
    scale = Invoice.objects.filter(series=Series.INVOICE, billed_email__contains="@scale.")
    ordered = list(scale.order_by("number").values_list("issued_at", flat=True))
    assert ordered == sorted(ordered)


def test_a_second_run_adds_on_top(demo):
    load(members=10, invoices=30, registrations=10, events=1)
    load(members=10, invoices=30, registrations=10, events=1)
    assert User.objects.filter(username__startswith="scale1-").count() == 10
    assert User.objects.filter(username__startswith="scale2-").count() == 10
    assert (
        not User.objects.filter(
            Q(username__startswith="scale1-") | Q(username__startswith="scale2-")
        )
        .filter(email__isnull=True)
        .exists()
    )
