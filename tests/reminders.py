"""Running the scheduled reminders at a given moment in tests: the clock moved there
(time-machine, not ticking), each app's e-mails sent when its transaction commits."""

import datetime
import zoneinfo

import time_machine

from django.core import mail

from home import reminders

ZONE = zoneinfo.ZoneInfo("America/Toronto")


def at(year, month, day, hour=12, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ZONE)


def send_reminders_at(moment, capture):
    """The e-mails `send_reminders` sends at `moment` (`capture`: pytest-django's
    django_capture_on_commit_callbacks)."""
    before = len(mail.outbox)
    with time_machine.travel(moment, tick=False), capture(execute=True):
        result = reminders.run(now=moment)
    assert result.failed == []
    return mail.outbox[before:]
