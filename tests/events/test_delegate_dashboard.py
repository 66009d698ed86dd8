"""The delegate's dashboard: who of their organizations is registered to each upcoming event,
and what is due."""

import datetime
from decimal import Decimal

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from events import services as events
from home.formatting import format_money
from invoices.models import Refund, RefundStatus
from invoices.services import issue_credit_note, record_payment
from tests.factories import DelegateGrantFactory, FunctionFactory, UserFactory

from .factories import answers, make_event, option, organization_with_delegate

pytestmark = pytest.mark.django_db


def url(language="fr"):
    with translation.override(language):
        return reverse("events:delegate_dashboard")


def register(event, person, by, label="Journée"):
    return events.register(
        event, person, by=by, option=option(event, label), answers=answers(event)
    )


def pay(invoice, amount):
    record_payment(
        invoice, amount=amount, method="cheque", received_at=timezone.localdate(), by=None
    )


def test_the_dashboard_lists_each_event_with_what_each_person_owes(client):
    organization, delegate, (ann, bob) = organization_with_delegate(colleagues=2)
    congress = make_event(title="Congrès annuel", kind="congress")
    training = make_event(title="Formation budgets", start_in=datetime.timedelta(days=60))
    past = make_event(title="Colloque passé", start_in=datetime.timedelta(days=-30))
    first = register(congress, ann, delegate)
    second = register(congress, bob, delegate, label="Demi")
    pay(second.invoice, second.invoice.total)
    register(training, ann, delegate)
    outsider = UserFactory()
    register(congress, outsider, outsider)
    from events.models import Registration

    Registration.objects.create(event=past, person=ann, option=option(past), registered_by=delegate)
    client.force_login(delegate)
    page = client.get(url()).content.decode()
    assert "Inscriptions de mon organisme" in page
    assert page.index("Congrès annuel") < page.index("Formation budgets")
    assert "Colloque passé" not in page
    assert ann.get_full_name() in page and bob.get_full_name() in page
    assert outsider.get_full_name() not in page
    assert first.invoice.number in page and second.invoice.number in page
    assert "Journée complète" in page and "Demi-journée" in page and "Confirmée" in page
    # Ann owes her invoices (150 $ non-member + taxes); Bob paid: the congress total is hers.
    assert page.count("172,46\u00a0$") == 4  # Ann's two rows and the two events' totals
    assert "Total à payer" in page
    statement = reverse("members:organization_statement", args=[organization.pk])
    assert statement in page


def test_an_events_total_is_what_its_rows_owe_and_a_credit_does_not_lower_it(client):
    """The total per event adds what each invoice still owes (a companion's too); a person's
    credit (a refund that failed) is theirs and does not lower what the others owe."""
    _organization, delegate, (ann, bob) = organization_with_delegate(colleagues=2)
    event = make_event(title="Congrès annuel", kind="congress")
    hers = register(event, ann, delegate)
    pay(hers.invoice, Decimal("10.00"))
    companion = events.add_companion(hers, by=delegate, name="Conjoint d'Ann")
    his = register(event, bob, delegate)
    pay(his.invoice, his.invoice.total)
    issue_credit_note(his.invoice, reason="Erreur", by=None, refund=True)
    Refund.objects.filter(credit_note__credited_invoice=his.invoice).update(
        status=RefundStatus.FAILED
    )
    client.force_login(delegate)
    page = client.get(url()).content.decode()
    summary, rows = page.split('id="people-heading"')
    owed = hers.invoice.total - Decimal("10.00") + companion.invoice.total
    assert f"<strong>{format_money(owed, 'fr')}</strong>" in summary
    assert ">2<" in summary  # two registrations
    assert rows.count(format_money(owed, "fr")) == 1  # Ann's row: her invoice and her companion's
    assert companion.invoice.number in rows
    assert rows.count(format_money(0, "fr")) == 1  # Bob's row


def test_the_dashboard_in_english(client):
    _organization, delegate, (ann,) = organization_with_delegate(colleagues=1)
    event = make_event(title="Congrès", english=True)
    register(event, ann, delegate)
    client.force_login(delegate)
    page = client.get(url("en")).content.decode()
    assert "My organization's registrations" in page
    assert "Congrès (EN)" in page and "Full day" in page and "$172.46" in page


def test_the_account_page_links_the_dashboard_for_delegates_only(client):
    _organization, delegate, (ann,) = organization_with_delegate(colleagues=1)
    with translation.override("fr"):
        account = reverse("members:account")
    client.force_login(delegate)
    assert url() in client.get(account).content.decode()
    client.force_login(ann)
    assert url() not in client.get(account).content.decode()


def test_nobody_but_a_delegate_opens_it_and_each_sees_only_their_organization(client):
    organization, delegate, (ann,) = organization_with_delegate(colleagues=1)
    event = make_event()
    register(event, ann, delegate)
    client.force_login(ann)
    assert client.get(url()).status_code == 404
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(url()).status_code == 404
    other = FunctionFactory().user
    DelegateGrantFactory(user=other, organization=other.functions.get().organization)
    client.force_login(other)
    page = client.get(url())
    assert page.status_code == 200
    assert ann.get_full_name() not in page.content.decode()
    client.logout()
    assert client.get(url()).status_code == 302


def test_the_dashboard_runs_as_many_queries_for_one_registration_as_for_five(client):
    _organization, delegate, people = organization_with_delegate(colleagues=5)
    event = make_event(capacity=50)
    client.force_login(delegate)

    def add(person):
        """A registration partly paid, with a companion (their own invoice)."""
        registration = register(event, person, delegate)
        pay(registration.invoice, Decimal("10.00"))
        events.add_companion(registration, by=delegate, name=f"Conjoint de {person.first_name}")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url()).status_code == 200
        return len(queries)

    add(people[0])
    count()  # warm the per-process caches (site, settings, locales)
    one = count()
    for person in people[1:]:
        add(person)
    page = client.get(url()).content.decode()
    assert all(person.get_full_name() in page for person in people)
    assert count() == one
