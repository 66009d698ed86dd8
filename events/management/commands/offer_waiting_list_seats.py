from django.core.management.base import BaseCommand

from events.services import offer_all_freed_seats


class Command(BaseCommand):
    help = (
        "Pass expired waiting-list offers on and offer every free seat to the next people "
        "waiting. Run it periodically (e.g. every hour from cron)."
    )

    def handle(self, *args, **options):
        offered = offer_all_freed_seats()
        self.stdout.write(f"{offered} seat offer(s) sent.")
