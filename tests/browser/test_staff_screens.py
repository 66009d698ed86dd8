"""Axe scans of every staff screen the project adds to the Wagtail admin: the membership
application queue and review, the membership periods, categories and settings, the billing
forms (new invoice, record a payment, credit note, refund), the cancellation, account and
deletion request screens, the catering and attendance lists, the check-in screen (the event
picker, a person found by ticket code), the messages to members (listing, form, review and
send, send log), the sent reminders, the staff dashboard (every panel and its chart), the
exports built by the task worker (in both languages), the brand settings (logo and colours) and
the refusal of a colour too light to read.
Moderate issues fail too (tests/browser/conftest.py's
assert_accessible)."""

import datetime

import pytest
from playwright.sync_api import expect

from django.urls import reverse
from django.utils import timezone

from events import services as event_services
from events.models import EventPage, Registration, RegistrationStatus
from events.tickets import ticket_code
from home import export_views, exports
from home.models import BrandSettings, Export, ReminderKind, SentReminder
from home.site_settings import default_site
from invoices.models import Invoice, Refund, Status
from invoices.services import LineSpec, issue_credit_note, issue_invoice, record_payment
from members import services as member_services
from members.deletion import request_deletion
from members.models import User
from membership.models import Membership, MembershipApplication
from messaging.models import Message
from tests.factories import speaks

from .conftest import assert_accessible, login_browser

pytestmark = pytest.mark.django_db(transaction=True)


def _refund(admin):
    """A paid invoice credited with a refund to make by hand (paid by cheque)."""
    member = User.objects.get(username="membre")
    invoice = issue_invoice(lines=[LineSpec("Atelier", "100.00")], customer=member, by=admin)
    record_payment(
        invoice, amount=invoice.total, method="cheque", received_at=timezone.localdate(), by=admin
    )
    note = issue_credit_note(invoice, reason="Atelier annulé", by=admin, refund=True)
    return Refund.objects.get(credit_note=note)


def _cancellation(admin):
    """A confirmed registration to an event that has not started, with a cancellation request."""
    registration = (
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED, event__start__gt=timezone.now()
        )
        .select_related("event", "person")
        .first()
    )
    if registration is None:
        return None
    event = registration.event
    if event.cancellation_deadline and event.cancellation_deadline < timezone.now():
        event.cancellation_deadline = timezone.now() + datetime.timedelta(days=7)
        event.save(update_fields=["cancellation_deadline"])
    return event_services.request_cancellation(
        registration, by=registration.person, reason="Conflit d'horaire"
    )


def _account_request():
    delegate = User.objects.get(username="delegue")
    return member_services.request_account(
        by=delegate,
        organization=member_services.delegate_organizations(delegate).first(),
        first_name="Nouvelle",
        last_name="Collègue",
        email="nouvelle.collegue@example.org",
        title="Technicienne",
    )


def staff_screens(admin):
    unpaid = Invoice.objects.filter(
        customer__username="membre", status=Status.TO_PAY, series="invoice"
    ).first()
    application = MembershipApplication.objects.get(user__username="candidat")
    event = (
        EventPage.objects.filter(registrations__status=RegistrationStatus.CONFIRMED)
        .distinct()
        .first()
    )
    registration = Registration.objects.filter(
        event=event, status=RegistrationStatus.CONFIRMED
    ).first()
    # Attendance and check-in say from which day they open, without the form or the button.
    coming = EventPage.objects.filter(locale__language_code="fr", start__gt=timezone.now()).first()
    refund = _refund(admin)
    _cancellation(admin)
    account_request = _account_request()
    reminder = SentReminder.objects.create(
        kind=ReminderKind.UNPAID_INVOICE,
        key=f"invoice:{unpaid.pk}:unpaid-first",
        recipient=unpaid.customer,
        about=unpaid.number,
    )
    deletion = request_deletion(
        User.objects.get(username="participant"),
        reason="Je n'en ai plus besoin.",
        by=User.objects.get(username="participant"),
    )
    draft = Message.objects.create(
        subject_fr="Brouillon",
        subject_en="Draft",
        body_fr="Bonjour,\n\nUn message à relire.",
        body_en="Hello,\n\nA message to review.",
        membership=Message.Membership.MEMBERS,
        created_by=admin,
    )
    sent_message = Message.objects.filter(status=Message.Status.SENT).first()
    return [
        # The dashboard, with every panel (the admin holds every permission; issue 16).
        reverse("wagtailadmin_home"),
        reverse("membership_applications:index"),
        reverse("membership_applications:review", args=[application.pk]),
        reverse("invoice_admin:index"),
        reverse("invoice_admin:new_invoice"),
        reverse("invoice_admin:record_payment", args=[unpaid.pk]),
        reverse("invoice_admin:credit_note", args=[unpaid.pk]),
        reverse("invoice_admin:allocate"),
        f"{reverse('invoice_admin:allocate')}?customer={unpaid.customer_id}",
        reverse("refund_admin:index"),
        reverse("refund_admin:refund_done", args=[refund.pk]),
        reverse("event_registrations:index"),
        reverse("event_cancellations:index"),
        reverse("event_attendance:index"),
        f"{reverse('event_attendance:index')}?event={event.pk}",
        reverse("event_checkin:index"),
        f"{reverse('event_checkin:event', args=[event.pk])}?q={ticket_code(registration.pk)}",
        f"{reverse('event_attendance:index')}?event={coming.pk}",
        reverse("event_checkin:event", args=[coming.pk]),
        reverse("event_catering:index"),
        f"{reverse('event_catering:index')}?event={event.pk}",
        reverse("event_promo_codes:index"),
        reverse("event_promo_codes:add"),
        reverse("member_account_requests:index"),
        reverse("member_account_requests:decide", args=[account_request.pk]),
        reverse("member_deletion_requests:index"),
        reverse("member_deletion_requests:process", args=[deletion.pk]),
        reverse("membership_periods:index"),
        f"{reverse('membership_periods:index')}?view=due",
        reverse(
            "membership_periods:inspect",
            args=[Membership.objects.filter(user__username="grace").first().pk],
        ),
        reverse("wagtailsnippets_membership_membershipcategory:list"),
        reverse("wagtailsettings:edit", args=["membership", "membershipsettings"]),
        reverse("wagtailsettings:edit", args=["home", "brandsettings", default_site().pk]),
        reverse("member_messages:index"),
        reverse("member_messages:add"),
        reverse("member_messages:edit", args=[draft.pk]),
        reverse("member_messages:review", args=[draft.pk]),
        reverse("member_messages:log", args=[sent_message.pk]),
        reverse("sent_reminders:index"),
        reverse("sent_reminders:inspect", args=[reminder.pk]),
    ]


def test_every_staff_screen_passes_axe(demo, page, live_server):
    admin = User.objects.get(username="admin")
    screens = staff_screens(admin)
    login_browser(page, admin, live_server)
    failures = []
    for url in screens:
        response = page.goto(url)
        assert response.status == 200, (url, response.status)
        try:
            assert_accessible(page)
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n\n".join(failures)


def test_the_exports_screen_passes_axe_in_both_languages(demo, page, live_server, monkeypatch):
    """A ready export (download link), one running (its progress) and a failed one."""
    import io

    from wagtail.users.models import UserProfile

    # The list is read again while an export runs: not during the scan.
    monkeypatch.setattr(export_views, "REFRESH_SECONDS", 600)
    admin = User.objects.get(username="admin")
    common = {"owner": admin, "url": reverse("invoice_admin:index") + "?status=to_pay"}
    ready = Export.objects.create(
        listing="Factures", format="xlsx", filename="factures.xlsx", rows_total=12, **common
    )
    exports.finish(ready, content=io.BytesIO(b"PK"))
    Export.objects.create(
        listing="Paiements",
        format="csv",
        filename="paiements.csv",
        status=Export.Status.RUNNING,
        rows_total=500_000,
        rows_done=120_000,
        **common,
    )
    Export.objects.create(
        listing="Inscriptions",
        format="csv",
        filename="inscriptions.csv",
        status=Export.Status.FAILED,
        **common,
    )
    login_browser(page, admin, live_server)
    profile = UserProfile.get_for_user(admin)
    for language, title in (("fr", "Exportations"), ("en", "Exports")):
        profile.preferred_language = language
        profile.save()
        response = page.goto(reverse("quorum_exports:index"))
        assert response.status == 200
        assert page.locator("h1").first.inner_text().strip() == title
        assert page.locator("[data-exports-refresh]").count() == 1
        assert page.locator("progress").get_attribute("value") == "120000"
        assert_accessible(page)

    # The list follows the export without a reload: its download link appears once it is ready.
    monkeypatch.setattr(export_views, "REFRESH_SECONDS", 1)
    page.goto(reverse("quorum_exports:index"))
    running = Export.objects.get(status=Export.Status.RUNNING)
    exports.finish(running, content=io.BytesIO(b"a,b\n"))
    expect(page.get_by_role("link", name="Download paiements.csv")).to_be_visible()
    expect(page.locator("#exports-status")).to_have_text("Your exports are ready.")


def test_the_dashboard_passes_axe_in_both_languages(demo, page, live_server):
    """Every panel of the dashboard (the admin holds every permission), with seats taken on an
    upcoming event, in French and in English."""
    from wagtail.users.models import UserProfile

    event = (
        EventPage.objects.filter(start__gt=timezone.now(), capacity__isnull=False)
        .order_by("start")
        .first()
    )
    # A seat taken (made directly: the scan is about the panel, not the registration form).
    Registration.objects.create(
        event=event,
        person=User.objects.get(username="membre"),
        option=event.options.filter(is_companion=False).first(),
    )
    admin = User.objects.get(username="admin")
    login_browser(page, admin, live_server)
    profile = UserProfile.get_for_user(admin)
    for language, heading in (
        ("fr", "En attente d’une décision"),
        ("en", "Waiting for a decision"),
    ):
        profile.preferred_language = language
        profile.save()
        response = page.goto(reverse("wagtailadmin_home"))
        assert response.status == 200
        expect(page.locator("#dashboard-decisions-heading")).to_have_text(heading)
        expect(page.locator("#dashboard-billing-section svg[role=img]")).to_have_count(1)
        expect(page.locator("#dashboard-events-section .quorum-gauge")).not_to_have_count(0)
        assert_accessible(page)


def test_the_brand_settings_refuse_a_light_colour_and_say_why(demo, page, live_server):

    admin = User.objects.get(username="admin")
    speaks(admin, "en")
    login_browser(page, admin, live_server)
    page.goto(reverse("wagtailsettings:edit", args=["home", "brandsettings", default_site().pk]))
    page.get_by_label("Primary colour", exact=True).fill("#ffff00")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("its contrast with white is 1.07:1")).to_be_visible()
    assert_accessible(page)
    assert BrandSettings.for_site(default_site()).primary_colour == ""
