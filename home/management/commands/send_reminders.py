"""Send the reminders that are due (events, deadlines, unpaid invoices, title cycle: the
functions listed in `settings.REMINDERS`, see home/reminders.py). Each occasion is mailed once,
so running it often is safe: the scheduler (`run_scheduler`) runs it every hour."""

from django.core.management.base import BaseCommand, CommandError

from home import reminders


class Command(BaseCommand):
    help = "Send the reminders that are due (each once). Safe to run at any time."

    def handle(self, *args, **options):
        result = reminders.run()
        self.stdout.write(
            ", ".join(f"{path}: {count}" for path, count in result.counts.items()) or "-"
        )
        if result.failed:
            raise CommandError("Reminders failed: " + ", ".join(result.failed))
