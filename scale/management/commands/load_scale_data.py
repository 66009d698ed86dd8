import time

from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from scale.builder import ScaleBuilder, ScaleDataError


class Command(BaseCommand):
    help = (
        "Grow the database to a given size for measuring (not the demo): people in "
        "organizations, event pages with registrations, membership periods, invoices with "
        "payments and credit notes, attendance and attestations. Each run adds on top of the "
        "last; the demo must be loaded first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=1000, help="People to add.")
        parser.add_argument(
            "--invoices", type=int, default=None, help="Invoices to add (10 per person)."
        )
        parser.add_argument(
            "--registrations",
            type=int,
            default=None,
            help="Registrations to add (4 per person).",
        )
        parser.add_argument(
            "--events", type=int, default=None, help="Event pages to add (1 per 250 people)."
        )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, **options):
        if options["members"] < 1:
            raise CommandError("--members must be at least 1.")
        builder = ScaleBuilder(
            members=options["members"],
            invoices=options["invoices"],
            registrations=options["registrations"],
            events=options["events"],
            seed=options["seed"],
            batch_size=options["batch_size"],
            write=lambda text: self.stdout.write(text, ending="\n") or self.stdout.flush(),
        )
        started = time.monotonic()
        try:
            # Publishing the event pages must not e-mail anyone.
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                counts = builder.build()
        except ScaleDataError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{n} {name}" for name, n in counts.items())
        self.stdout.write(
            self.style.SUCCESS(f"Scale data added in {time.monotonic() - started:.1f} s: {summary}")
        )
