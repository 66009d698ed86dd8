"""The one scheduler process: periodic jobs without cron.

Run exactly one (`manage.py run_scheduler`) whatever the number of machines; the jobs are
idempotent, but two schedulers would do the work twice. APScheduler keeps the clock (interval
triggers, missed runs coalesced into one, one instance of a job at a time); each job calls a
management command or enqueues a task, so the apps' services stay behind their own commands.

Jobs:
- every minute: write the scheduler's heartbeat and enqueue `home.health.worker_heartbeat`
  (the task worker then writes its own, which `/health/` checks);
- every 15 minutes: `offer_waiting_list_seats` (expired offers passed on, freed seats offered);
- every hour: `send_reminders` (events, deadlines, unpaid invoices, title cycle; each once);
- every day: `purge_personal_data` (login logs and expired tokens past their retention, Law 25);
- every day: `update_memberships` (renewals issued, unpaid renewals lapsed after the grace);
- every day: `delete_old_exports` (exports built by the task worker, after EXPORT_KEEP_DAYS).
"""

import datetime
import logging
import signal

from apscheduler.schedulers.blocking import BlockingScheduler

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from home import health

logger = logging.getLogger(__name__)


def heartbeat() -> None:
    health.beat_scheduler()
    health.worker_heartbeat.enqueue()


def offer_waiting_list_seats() -> None:
    call_command("offer_waiting_list_seats")


def send_reminders() -> None:
    call_command("send_reminders")


def purge_personal_data() -> None:
    call_command("purge_personal_data")


def update_memberships() -> None:
    call_command("update_memberships")


def delete_old_exports() -> None:
    call_command("delete_old_exports")


# (job, minutes between runs)
JOBS = [
    (heartbeat, 1),
    (offer_waiting_list_seats, 15),
    (send_reminders, 60),
    (purge_personal_data, 24 * 60),
    (update_memberships, 24 * 60),
    (delete_old_exports, 24 * 60),
]


def run_job(job) -> None:
    """One run: fresh database connections, and a failure logged, never fatal."""
    close_old_connections()
    try:
        job()
    except Exception:
        logger.exception("Scheduled job %s failed", job.__name__)
    finally:
        close_old_connections()


class Command(BaseCommand):
    help = "Run the periodic jobs (waiting-list offers, heartbeats). Run one, and only one."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run every job once, then exit (for checks)."
        )

    def handle(self, *args, once=False, **options):
        if once:
            for job, _ in JOBS:
                run_job(job)
            return
        scheduler = BlockingScheduler(timezone="UTC")
        for job, minutes in JOBS:
            scheduler.add_job(
                run_job,
                "interval",
                args=[job],
                minutes=minutes,
                id=job.__name__,
                coalesce=True,
                max_instances=1,
                misfire_grace_time=60,
                next_run_time=datetime.datetime.now(datetime.UTC),  # then every interval
            )

        def stop(signum, frame):
            scheduler.shutdown(wait=False)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write("Scheduler running: " + ", ".join(j.__name__ for j, _ in JOBS))
        scheduler.start()
