"""Law 25: delete login logs and expired tokens older than the retention periods set in the
admin (Settings → Privacy settings), expired sessions and what the apps registered
(home/privacy.py). Run daily by `run_scheduler`; safe to run at any time."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from home import privacy
from home.models import PrivacySettings


class Command(BaseCommand):
    help = "Delete login logs and expired tokens older than the privacy settings allow."

    def handle(self, *args, **options):
        settings = PrivacySettings.load()
        now = timezone.now()
        counts = privacy.purge(
            login_before=now - datetime.timedelta(days=settings.login_log_days),
            tokens_before=now - datetime.timedelta(days=settings.expired_token_days),
        )
        self.stdout.write(", ".join(f"{what}: {count}" for what, count in sorted(counts.items())))
