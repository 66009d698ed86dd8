"""Remove the exports built by the task worker (home/exports.py) older than EXPORT_KEEP_DAYS,
rows and files. Run daily by `run_scheduler`; safe to run at any time."""

from django.core.management.base import BaseCommand

from home.exports import delete_expired_exports


class Command(BaseCommand):
    help = "Remove the exports older than EXPORT_KEEP_DAYS (their files too)."

    def handle(self, *args, **options):
        count = delete_expired_exports()
        self.stdout.write(f"{count} export(s) removed.")
