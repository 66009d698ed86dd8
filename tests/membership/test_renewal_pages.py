"""What members, delegates and staff see of membership periods: "Mon compte", "Renouveler mon
adhésion", the delegate's renewals of colleagues and the staff listing with its export."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
import time_machine

from django.core import mail
from django.urls import reverse

from invoices.models import Invoice, Method, Status
from invoices.services import issue_credit_note, record_payment
from membership import periods
from membership.models import Membership
from tests.factories import DelegateGrantFactory, FunctionFactory, UserFactory

from .test_periods import END, member

pytestmark = pytest.mark.django_db

D = datetime.date


def at(day):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 15), tick=False)


def delegate_with_colleague(**delegate_fields):
    """A delegate, member until the end of 2027, and a colleague of their organization."""
    grant = DelegateGrantFactory(user=member(ends_on=D(2027, 12, 31), **delegate_fields))
    colleague = member()
    FunctionFactory(user=colleague, organization=grant.organization)
    return grant, colleague


def test_my_account_says_until_when_in_both_languages(client):
    person = member()
    with at(D(2026, 6, 1)):
        client.force_login(person)
        french = client.get("/fr/account/").content.decode()
        english = client.get("/en/account/").content.decode()
    assert "Vous êtes membre jusqu’au 31 décembre 2026." in french
    assert "You are a member until December 31, 2026." in english
    with at(D(2027, 1, 15)):
        client.force_login(person)
        grace = client.get("/fr/account/").content.decode()
    assert "jusqu’au 1er mars 2027" in grace and "Renouveler mon adhésion" in grace
    with at(D(2027, 4, 1)):
        client.force_login(person)
        lapsed = client.get("/en/account/").content.decode()
    assert "Your membership has lapsed." in lapsed


def test_renew_page_issues_the_renewal_then_offers_the_invoice_payment(
    client, django_capture_on_commit_callbacks
):
    person = member()
    url = reverse("membership:renew")
    with at(D(2026, 10, 1)):  # before the notice: nothing to renew yet
        client.force_login(person)
        page = client.get(url).content.decode()
        assert "Rien à renouveler" in page
        client.post(url)
        assert not Membership.objects.filter(status=Membership.Status.PENDING).exists()
    with at(D(2027, 4, 1)):  # lapsed: the button issues the renewal
        client.force_login(person)
        page = client.get(url).content.decode()
        assert "Votre adhésion est échue." in page and 'type="submit"' in page
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url)
            client.post(url)  # twice: one renewal
        renewal = Membership.objects.get(user=person, status=Membership.Status.PENDING)
        assert (renewal.starts_on, renewal.ends_on) == (D(2027, 1, 1), D(2027, 12, 31))
        assert [m.subject for m in mail.outbox] == ["Il est temps de renouveler votre adhésion"]
        assert "Votre adhésion a pris fin." in mail.outbox[0].body
        page = client.get(url).content.decode()
        invoice = renewal.invoice
        assert invoice.number in page
        assert reverse("invoices:pay_card", args=[invoice.pk]) in page
        assert reverse("invoices:pay_offline", args=[invoice.pk]) in page
        response = client.post(
            reverse("invoices:pay_offline", args=[invoice.pk]), {"method": "cheque"}
        )
    assert response.status_code == 302
    invoice.refresh_from_db()
    assert invoice.status == Status.AWAITING_CHEQUE


def test_card_payment_from_the_renew_page_activates_the_period(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    from invoices.models import StripeCheckout
    from tests.invoices import stripe_fake

    fake = stripe_fake.install(monkeypatch)
    person = member()
    client.force_login(person)
    renewal = periods.issue_renewal(person, by=person, today=D(2026, 12, 5))
    client.post(reverse("invoices:pay_card", args=[renewal.invoice.pk]))
    checkout = StripeCheckout.objects.get(invoice=renewal.invoice)
    fake.pay(checkout.session_id)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(
            reverse("invoices:checkout_success", args=[renewal.invoice.pk]),
            {"session_id": checkout.session_id},
        )
    renewal.refresh_from_db()
    assert renewal.status == Membership.Status.ACTIVE
    assert periods.status_of(person, today=D(2027, 6, 1)).until == D(2027, 12, 31)


def test_delegate_renews_two_colleagues_and_another_delegate_gets_404(client):
    grant = DelegateGrantFactory(user=member(ends_on=D(2027, 12, 31)))
    organization = grant.organization
    colleagues = [member(), member()]
    for colleague in colleagues:
        FunctionFactory(user=colleague, organization=organization)
    elsewhere = member()
    FunctionFactory(user=elsewhere)  # another organization
    url = reverse("membership:delegate_renewals", args=[organization.pk])

    with at(D(2026, 12, 10)):
        client.force_login(grant.user)
        page = client.get(url).content.decode()
        assert all(c.get_full_name() in page for c in colleagues)
        assert elsewhere.get_full_name() not in page
        assert client.post(url, {"people": [elsewhere.pk]}).status_code == 404
        response = client.post(url, {"people": [c.pk for c in colleagues]})
        assert response.status_code == 302
        invoices = Invoice.objects.filter(issued_by=grant.user)
        assert sorted(i.customer_id for i in invoices) == sorted(c.pk for c in colleagues)
        listing = client.get(reverse("invoices:list")).content.decode()
        assert all(invoice.number in listing for invoice in invoices)

    other = DelegateGrantFactory(user=UserFactory())
    client.force_login(other.user)
    assert client.get(url).status_code == 404
    assert client.post(url, {"people": [colleagues[0].pk]}).status_code == 404
    assert Invoice.objects.count() == 2


def test_staff_listing_filters_renewals_due_paid_lapsed_and_exports(client):
    due = member(last_name="Adue")
    lapsed = member(last_name="Bechu")
    current = member(ends_on=D(2027, 6, 30), last_name="Courant")
    for person in (due, lapsed):
        periods.issue_renewal(person, by=None, today=D(2026, 12, 5))
    periods.lapse(periods.renewal_for(lapsed), today=D(2027, 3, 5))
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("membership_periods:index")

    page = client.get(url, {"view": "due"}).content.decode()
    assert "Adue" in page and "Bechu" not in page and "Courant" not in page
    page = client.get(url, {"view": "lapsed"}).content.decode()
    assert "Bechu" in page and "Adue" not in page
    page = client.get(url, {"q": "Courant"}).content.decode()
    assert "Courant" in page and "Adue" not in page
    assert current.get_full_name() in page

    export = client.get(url, {"view": "due", "export": "csv"})
    body = b"".join(export.streaming_content).decode()
    assert "Adue" in body and "Bechu" not in body
    assert "Renouvellement facturé, impayé" in body
    assert client.get(url, {"export": "xlsx"}).status_code == 200


def test_staff_without_the_permission_is_sent_back(client):
    from django.contrib.auth.models import Permission

    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    response = client.get(reverse("membership_periods:index"))
    assert response.status_code == 302 and response.url == "/admin/"
    reviewer = UserFactory(is_staff=True)
    reviewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="review_application"),
    )
    member(ends_on=END, last_name="Visible")
    client.force_login(reviewer)
    assert "Visible" in client.get(reverse("membership_periods:index")).content.decode()


def test_title_page_tells_a_lapsed_member_to_renew(client):
    person = member()
    with at(D(2027, 4, 1)):
        client.force_login(person)
        page = client.get(reverse("membership:title")).content.decode()
    assert "Votre adhésion est échue : le titre est réservé aux membres." in page
    with at(D(2026, 6, 1)):
        client.force_login(person)
        page = client.get(reverse("membership:title")).content.decode()
    assert "Votre adhésion est échue" not in page


def test_the_delegate_gets_a_copy_of_the_receipt_of_a_renewal_they_issued(
    django_capture_on_commit_callbacks,
):
    grant, colleague = delegate_with_colleague(language="en")
    with at(D(2026, 12, 10)):
        (renewal,) = periods.renew_colleagues(grant.user, grant.organization, [colleague.pk])
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            record_payment(
                renewal.invoice,
                amount=renewal.invoice.total,
                method=Method.CHEQUE,
                received_at=D(2026, 12, 10),
                by=UserFactory(is_staff=True),
            )
    to = {message.to[0]: message.subject for message in mail.outbox}
    assert colleague.email in to
    # The delegate's copy, in the delegate's language.
    assert to[grant.user.email].startswith("Copy: ")


def test_a_renewal_invoice_staff_cancel_frees_the_member_to_renew(client):
    person = member()
    staff = UserFactory(is_staff=True)
    with at(D(2026, 12, 10)):
        renewal = periods.issue_renewal(person, by=None)
        issue_credit_note(renewal.invoice, reason="Mauvaise catégorie", by=staff)
        renewal.refresh_from_db()
        assert renewal.status == Membership.Status.CANCELLED
        assert periods.renewal_for(person) is None
        # The daily run does not issue it again by itself (the member may be leaving)...
        assert periods.update_memberships()["renewals"] == 0
        # ...but the member can, from the renewal page.
        client.force_login(person)
        page = client.get(reverse("membership:renew")).content.decode()
        assert renewal.invoice.number not in page
        assert client.post(reverse("membership:renew")).status_code == 302
    new = periods.renewal_for(person)
    assert new is not None and new.invoice != renewal.invoice


def _free_category():
    from membership.models import MembershipCategory

    return MembershipCategory.objects.create(name="Honoraire", dues=Decimal("0"))


def test_a_lapsed_member_without_dues_renews_from_the_page_and_is_a_member_at_once(
    client, django_capture_on_commit_callbacks
):
    from wagtail.models import ModelLogEntry

    person = member()
    person.memberships.update(category=_free_category())
    url = reverse("membership:renew")
    with at(D(2027, 4, 1)):
        periods.sync_is_member(person)
        client.force_login(person)
        before = client.get(url).content.decode()
        assert (
            "Votre catégorie n’a pas de cotisation : renouvelez maintenant, il n’y a rien à payer."
            in before
        )
        assert "Votre facture de renouvellement n’est pas encore émise" not in before
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, follow=True)
        page = response.content.decode()
        person.refresh_from_db()
        assert person.is_member
    assert (
        "Votre adhésion est renouvelée du 1er janvier 2027 au 31 décembre 2027. Sa catégorie "
        "n’a pas de cotisation : il n’y a rien à payer." in page
    )
    assert "Votre facture de renouvellement est émise" not in page
    assert (
        "Rien à renouveler pour le moment : votre adhésion sera renouvelée avant sa fin, sans "
        "rien à payer." in page
    )
    renewal = person.memberships.get(starts_on=D(2027, 1, 1))
    assert renewal.status == Membership.Status.ACTIVE and renewal.invoice is None
    assert not Invoice.objects.exists()
    [notice] = mail.outbox
    assert notice.subject == "Votre adhésion est renouvelée"
    assert notice.body.startswith(
        f"Bonjour {person},\n\nVotre adhésion a pris fin. Votre adhésion est renouvelée"
    )
    assert notice.attachments == []
    [entry] = ModelLogEntry.objects.for_instance(renewal)
    assert (entry.action, entry.user) == ("membership.renewed_without_dues", person)


def test_a_delegate_renewing_a_colleague_without_dues_is_told_there_is_nothing_to_pay(client):
    periods.default_category()  # the paying colleague's (their period names none)
    grant = DelegateGrantFactory(user=member(ends_on=D(2027, 12, 31)))
    paying, free = member(), member()
    free.memberships.update(category=_free_category())
    for colleague in (paying, free):
        FunctionFactory(user=colleague, organization=grant.organization)
    url = reverse("membership:delegate_renewals", args=[grant.organization.pk])
    with at(D(2026, 12, 10)):
        client.force_login(grant.user)
        response = client.post(url, {"people": [paying.pk, free.pk]}, follow=True)
    page = response.content.decode()
    assert "1 renouvellement émis; sa facture se trouve sous « Factures »." in page
    assert "1 adhésion renouvelée sans cotisation : rien à payer." in page
    assert [i.customer for i in Invoice.objects.all()] == [paying]


def test_staff_screens_show_a_period_without_invoice(client):
    person = member(last_name="Honoris")
    person.memberships.update(category=_free_category())
    renewal = periods.issue_renewal(person, by=None, today=D(2026, 12, 5))
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("membership_periods:index")

    page = re.sub(r"\s+", " ", client.get(url, {"q": "Honoris"}).content.decode())
    # Category, start, end, status, and an empty invoice cell.
    assert (
        "<td > Honoraire </td> <td > 1 janvier 2027 </td> <td > 31 décembre 2027 </td> "
        "<td > Active </td> <td > </td> </tr>"
    ) in page
    inspect = client.get(reverse("membership_periods:inspect", args=[renewal.pk]))
    assert "<dt>Facture</dt> <dd> - </dd>" in re.sub(r"\s+", " ", inspect.content.decode())
    export = client.get(url, {"q": "Honoris", "export": "csv"})
    heading, *lines = csv.reader(io.StringIO(b"".join(export.streaming_content).decode()))
    rows = [dict(zip(heading, line, strict=True)) for line in lines]
    assert [(r["Début"], r["Statut"], r["Facture"], r["Statut de la facture"]) for r in rows] == [
        ("2027-01-01", "Active", "", ""),
        ("2026-01-01", "Active", "", ""),
    ]
    assert client.get(url, {"export": "xlsx"}).status_code == 200


@pytest.mark.parametrize("sent", ["abc", "", "99999999999999999999999"])
def test_a_delegate_renewal_sent_with_an_id_that_is_nobody_is_a_404(client, sent):
    """The form sends checkbox ids; anything else (edited, truncated) was a server error."""
    grant, colleague = delegate_with_colleague()
    url = reverse("membership:delegate_renewals", args=[grant.organization.pk])
    with at(D(2026, 12, 10)):
        client.force_login(grant.user)
        assert client.post(url, {"people": [colleague.pk, sent]}).status_code == 404
        assert not Invoice.objects.exists()
        assert client.post(url, {"people": [colleague.pk]}).status_code == 302
        assert Invoice.objects.get().customer == colleague
