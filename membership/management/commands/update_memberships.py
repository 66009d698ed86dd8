"""Daily: renewal invoices issued before the end of a membership, unpaid renewals lapsed after
the grace period, `is_member` kept in step with the periods. Run by `run_scheduler`; safe to
run at any time and more than once a day."""

import datetime

from django.core.management.base import BaseCommand

from membership import periods


class Command(BaseCommand):
    help = "Issue membership renewals due, lapse unpaid ones past the grace, sync is_member."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=datetime.date.fromisoformat, help="Run as of this date (YYYY-MM-DD)."
        )

    def handle(self, *args, today=None, **options):
        counts = periods.update_memberships(today=today)
        self.stdout.write(", ".join(f"{what}: {count}" for what, count in sorted(counts.items())))
