"""The reminder machinery (home/reminders.py): each occasion sent once, whatever the number
of runs; the apps' functions found in the settings; one failing app does not stop the others;
the command, the scheduler, the staff listing and Law 25."""

import datetime

import pytest

from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from home import privacy, reminders
from home.models import ReminderKind, ReminderSettings, SentReminder
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

calls = []


def counting_reminders(*, now, offsets):
    calls.append((now, offsets.event_first_days))
    return 0


def failing_reminders(*, now, offsets):
    SentReminder.objects.create(kind=ReminderKind.EVENT, key="rolled-back")
    raise RuntimeError("boom")


def sending_reminders(*, now, offsets):
    person = UserFactory(email="ana@example.org", language="en")
    return int(
        reminders.send_once(
            kind=ReminderKind.TITLE_CYCLE,
            key=f"title-cycle:{person.pk}:2026-12-31",
            to=person.email,
            template="membership_reminder_title_cycle",
            context={"name": "Ana", "title": "GMC", "cycle_end": "December 31, 2026"},
            language="en",
            recipient=person,
        )
    )


def _send(key="invoice:1:unpaid-first", to="a@example.org", recipient=None):
    return reminders.send_once(
        kind=ReminderKind.UNPAID_INVOICE,
        key=key,
        to=to,
        template="invoices_reminder_unpaid",
        context={"billed_name": "Ana", "number": "F-1", "balance": "10,00 $"},
        language="fr",
        recipient=recipient,
        about="F-1",
    )


def test_an_occasion_is_mailed_once_however_often_it_is_sent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert _send() is True
        assert _send() is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Rappel : la facture F-1 est impayée"
    assert SentReminder.objects.get().about == "F-1"
    # Another occasion of the same object is another reminder.
    with django_capture_on_commit_callbacks(execute=True):
        assert _send(key="invoice:1:unpaid-second") is True
    assert len(mail.outbox) == 2


def test_a_duplicate_leaves_the_surrounding_transaction_usable(django_capture_on_commit_callbacks):
    """What a concurrent run meets (the row inserted by the other run): on PostgreSQL, a failed
    insert outside a savepoint would abort the whole transaction."""
    SentReminder.objects.create(kind=ReminderKind.UNPAID_INVOICE, key="invoice:1:unpaid-first")
    with django_capture_on_commit_callbacks(execute=True):
        assert _send() is False
        assert _send(key="invoice:2:unpaid-first") is True
    assert len(mail.outbox) == 1 and SentReminder.objects.count() == 2


def test_nothing_is_recorded_without_an_address(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert _send(to="") is False
    assert mail.outbox == [] and not SentReminder.objects.exists()


def test_run_calls_every_listed_function_with_the_offsets_and_isolates_a_failure(
    settings, django_capture_on_commit_callbacks
):
    settings.REMINDERS = [
        "tests.home.test_reminders.failing_reminders",
        "tests.home.test_reminders.counting_reminders",
        "tests.home.test_reminders.sending_reminders",
    ]
    offsets = ReminderSettings.load()
    offsets.event_first_days = 5
    offsets.save()
    calls.clear()
    moment = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        result = reminders.run(now=moment)
    assert result.failed == ["tests.home.test_reminders.failing_reminders"]
    assert result.counts == {
        "tests.home.test_reminders.counting_reminders": 0,
        "tests.home.test_reminders.sending_reminders": 1,
    }
    assert calls == [(moment, 5)]
    # The failing function's work is rolled back; the others' is kept and mailed.
    assert not SentReminder.objects.filter(key="rolled-back").exists()
    subjects = [m.subject for m in mail.outbox]
    assert subjects == ["Your GMC title: the cycle ends on December 31, 2026"]


def test_the_command_reports_a_failure(settings):
    settings.REMINDERS = ["tests.home.test_reminders.failing_reminders"]
    with pytest.raises(Exception, match="failing_reminders"):
        call_command("send_reminders")


def test_the_scheduler_sends_reminders_every_hour():
    from home.management.commands.run_scheduler import JOBS

    assert ("send_reminders", 60) in [(job.__name__, minutes) for job, minutes in JOBS]


def test_offsets_default_to_a_week_a_day_two_days_and_ninety_days():
    offsets = ReminderSettings.load()
    assert (offsets.event_first_days, offsets.event_second_days) == (7, 1)
    assert (offsets.modification_deadline_days, offsets.cancellation_deadline_days) == (2, 2)
    assert (offsets.invoice_first_days, offsets.invoice_second_days) == (7, 30)
    assert offsets.title_cycle_days == 90


def test_law_25_exports_erases_and_purges_sent_reminders(django_capture_on_commit_callbacks):
    person = UserFactory()
    _send(recipient=person)
    exported = privacy.export_person(person)["sent_reminders"]
    assert [(row["kind"], row["about"]) for row in exported] == [("unpaid_invoice", "F-1")]
    # Purged after the login-log retention, but never younger than the time an occasion can
    # come back (a year).
    old = SentReminder.objects.create(
        kind=ReminderKind.EVENT,
        key="registration:1:event-first",
        recipient=person,
        sent_at=timezone.now() - datetime.timedelta(days=500),
    )
    counts = privacy.purge(
        login_before=timezone.now() - datetime.timedelta(days=1),
        tokens_before=timezone.now() - datetime.timedelta(days=1),
    )
    assert counts["sent_reminders"] == 1
    assert not SentReminder.objects.filter(pk=old.pk).exists()
    assert SentReminder.objects.filter(recipient=person).count() == 1
    privacy.erase_person(person, by=None)
    assert not SentReminder.objects.filter(recipient=person).exists()


def test_staff_list_search_and_filter_sent_reminders(client):
    ana = UserFactory(first_name="Ana", last_name="Lopez")
    SentReminder.objects.create(
        kind=ReminderKind.UNPAID_INVOICE, key="invoice:1:unpaid-first", recipient=ana, about="F-1"
    )
    SentReminder.objects.create(
        kind=ReminderKind.EVENT,
        key="registration:2:event-first",
        about="Formation budget",
        sent_at=timezone.now() - datetime.timedelta(days=40),
    )
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_sentreminder"),
    )
    client.force_login(staff)
    url = reverse("sent_reminders:index")
    page = client.get(url).content.decode()
    assert "F-1" in page and "Formation budget" in page
    page = client.get(url, {"kind": "event"}).content.decode()
    assert "Formation budget" in page and "F-1" not in page
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    page = client.get(url, {"sent_at_from": since}).content.decode()
    assert "F-1" in page and "Formation budget" not in page
    page = client.get(url, {"q": "unpaid"}).content.decode()
    assert "F-1" in page and "Formation budget" not in page
    # Read only: no add or edit screens.
    for name in ("add", "edit", "delete"):
        with pytest.raises(NoReverseMatch):
            reverse(f"sent_reminders:{name}", args=[1] if name != "add" else [])
    # Listed under Reports for whoever may see it; others get neither the item nor the list.
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()
    other = UserFactory(is_staff=True)
    other.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(other)
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(url).status_code in (302, 403)


def test_staff_set_the_offsets_in_the_admin(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = reverse(
        "wagtailsettings:edit", args=["home", "remindersettings", ReminderSettings.load().pk]
    )
    page = client.get(url, follow=True).content.decode()
    assert "event_first_days" in page and "title_cycle_days" in page and "renewal_days" in page
    values = {
        "event_first_days": 10,
        "event_second_days": 0,
        "modification_deadline_days": 3,
        "cancellation_deadline_days": 3,
        "invoice_first_days": 5,
        "invoice_second_days": 20,
        "renewal_days": 14,
        "title_cycle_days": 60,
    }
    assert client.post(url, values, follow=True).status_code == 200
    offsets = ReminderSettings.load()
    assert (offsets.event_first_days, offsets.event_second_days) == (10, 0)
    assert (offsets.renewal_days, offsets.title_cycle_days) == (14, 60)
    # More than a year is refused.
    client.post(url, {**values, "title_cycle_days": 400}, follow=True)
    assert ReminderSettings.load().title_cycle_days == 60
