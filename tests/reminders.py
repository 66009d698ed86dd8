"""Running the scheduled reminders at a given moment in tests: the clock moved there
(time-machine, not ticking), each app's e-mails sent when its transaction commits."""

import datetime
import zoneinfo

import time_machine

from django.core import mail

from home import reminders

ZONE = zoneinfo.ZoneInfo("America/Toronto")


def at(year, month, day, hour=12, minute=0):
    """A local time in Quebec, in UTC: adding days to it adds 24-hour days (Python adds to
    the wall clock when both sides share a zone, an hour off across a change of time)."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ZONE).astimezone(datetime.UTC)


def send_reminders_at(moment, capture):
    """The e-mails `send_reminders` sends at `moment` (`capture`: pytest-django's
    django_capture_on_commit_callbacks)."""
    before = len(mail.outbox)
    with time_machine.travel(moment, tick=False), capture(execute=True):
        result = reminders.run(now=moment)
    assert result.failed == []
    return mail.outbox[before:]


def set_offsets(**days):
    """Change the offsets as staff do in Settings → Reminder settings."""
    from home.models import ReminderSettings

    offsets = ReminderSettings.load()
    for name, value in days.items():
        setattr(offsets, name, value)
    offsets.full_clean()
    offsets.save()


def earn(person, day, credits, label="Formation"):
    """Credits recorded for `person` on `day` (as attendance or staff would)."""
    from membership.models import CreditEntry

    return CreditEntry.objects.create(
        user=person, earned_on=day, credits=credits, label_fr=label, label_en=label
    )
