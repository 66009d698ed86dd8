"""Grow the database to a given size with rows shaped like the association's: people in
organizations with a history of functions, delegates, event pages with many registrations,
membership periods paid by their dues invoices, invoices with their lines, payments and credit
notes, attendance, credits and attestations.

Rows are written with `bulk_create` in batches, not through the services (one service call per
row would take hours at 50,000 members), so this module keeps the services' invariants itself:
- invoice and credit-note numbers come from the numbering sequence, in issue order, and the
  sequence is advanced past them (documents issued later follow without a gap or a clash);
- an invoice's subtotal, taxes and total are computed from its lines as `issue_invoice` does;
- a paid invoice has payments for its total, a partly paid one for part of it, a cancelled one
  a credit note for all of it and no payment; a membership period is active because its dues
  invoice is paid;
- a person has at most one confirmed registration per event; attended trainings give their
  credit entry and attestation, and the title attestation once the credits reach the rule.

Each run adds on top of what is there: its people, organizations and events carry the run's
number (`scale3-000042`), so running it twice doubles the data set. It needs the demo (the
event index page, the settings) and refuses to run without it.

Not written: Wagtail's audit log entries (the services' `record`), e-mails, English
translations of the event pages (the French pages are the ones registrations point to).
"""

import datetime
import random
import time
from collections.abc import Callable, Sequence
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Locale

from events.models import (
    Attendance,
    EventIndexPage,
    EventKind,
    EventOption,
    EventPage,
    EventSeats,
    Registration,
    RegistrationStatus,
    TrainingProgram,
)
from home.formatting import quantize
from home.text import fold
from invoices.models import Invoice, InvoiceLine, Method, NumberSequence, Payment, Series, Status
from invoices.services import PREFIXES, issuer_snapshot
from invoices.taxes import compute_totals
from members.models import Address, DelegateGrant, Function, Organization, Subscription, User
from membership import periods
from membership.models import (
    Attestation,
    CreditEntry,
    MemberNumberSequence,
    Membership,
    TitleSettings,
)

FIRST_NAMES = [
    "Hélène", "Éric", "Chloé", "François", "Geneviève", "André", "Renée", "Jérôme", "Noémie",
    "Zoé", "Mélanie", "Stéphane", "Frédéric", "Amélie", "Benoît", "Josée", "Gaétan", "Réjean",
    "Ginette", "Sébastien", "Marc", "Julie", "Nathalie", "Martin", "Isabelle", "Louis",
    "Sophie", "Luc", "Annie", "Pierre", "Marie", "Jean", "Catherine", "Simon", "Caroline",
    "Daniel", "Émilie", "Olivier", "Valérie", "Mathieu", "Anaïs", "Maxime", "Karine", "Yves",
    "Lucie", "Raphaël", "Élodie", "Guillaume", "Myriam", "Félix",
]  # fmt: skip
LAST_NAMES = [
    "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin",
    "Gagné", "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc",
    "Paquette", "Girard", "Simard", "Boucher", "Caron", "Beaulieu", "Cloutier", "Dubé",
    "Poirier", "Fournier", "Lapointe", "Leclerc", "Lefebvre", "Poulin", "Thibault",
    "St-Pierre", "Nadeau", "Landry", "Martel", "Bédard", "Grenier", "Lessard", "Bérubé",
    "Hébert", "Séguin", "Ménard", "Desjardins", "Létourneau", "Champagne", "Rivard",
]  # fmt: skip
SAINTS = [
    "Saint-Alban", "Sainte-Agathe", "Saint-Boniface", "Sainte-Brigitte", "Saint-Cyprien",
    "Saint-Damase", "Sainte-Émélie", "Saint-Fabien", "Sainte-Flore", "Saint-Gédéon",
    "Saint-Honoré", "Sainte-Hénédine", "Saint-Isidore", "Saint-Jude", "Sainte-Justine",
    "Saint-Lazare", "Sainte-Luce", "Saint-Mathias", "Sainte-Monique", "Saint-Narcisse",
    "Saint-Octave", "Sainte-Pétronille", "Saint-Prime", "Saint-Roch", "Sainte-Rose",
    "Saint-Siméon", "Sainte-Sophie", "Saint-Tite", "Saint-Ubalde", "Saint-Zénon",
]  # fmt: skip
PLACES = [
    "du-Lac", "des-Érables", "de-la-Rivière", "des-Monts", "du-Rocher", "des-Pins",
    "de-la-Baie", "du-Nord", "des-Cèdres", "de-l’Anse", "des-Bois", "du-Ruisseau",
    "de-la-Pointe", "des-Prés", "du-Cap", "des-Îles", "de-la-Montagne", "des-Saules",
]  # fmt: skip
ORGANIZATION_KINDS = [
    ("Ville de", Organization.Kind.MUNICIPALITY),
    ("Municipalité de", Organization.Kind.MUNICIPALITY),
    ("MRC de", Organization.Kind.REGIONAL),
]
REGIONS = [
    "Bas-Saint-Laurent", "Saguenay–Lac-Saint-Jean", "Capitale-Nationale", "Mauricie",
    "Estrie", "Montréal", "Outaouais", "Abitibi-Témiscamingue", "Côte-Nord", "Gaspésie",
    "Chaudière-Appalaches", "Laval", "Lanaudière", "Laurentides", "Montérégie",
    "Centre-du-Québec",
]  # fmt: skip
TITLES = [
    "Directrice générale", "Directeur général", "Greffière", "Greffier", "Trésorière",
    "Trésorier", "Directrice des finances", "Directeur des travaux publics", "Urbaniste",
    "Conseillère en ressources humaines", "Technicien juridique", "Adjointe administrative",
    "Directeur des loisirs", "Inspectrice municipale", "Secrétaire-trésorier",
]  # fmt: skip
TOPICS = [
    "Gestion budgétaire municipale", "Élections municipales", "Gestion contractuelle",
    "Communication en période de crise", "Accès à l’information", "Urbanisme et zonage",
    "Relations de travail", "Gestion documentaire", "Éthique et déontologie",
    "Procès-verbaux et résolutions", "Taxation et évaluation", "Sécurité civile",
    "Leadership de direction", "Cybersécurité municipale", "Gestion des actifs",
]  # fmt: skip
EXPERTISE = [
    "Budget et fiscalité", "Appels d’offres", "Greffe", "Ressources humaines", "Urbanisme",
    "Technologies de l’information", "Communications", "Sécurité civile",
]  # fmt: skip
MISC_LINES = [
    ("Recueil des documents de formation", Decimal("40.00"), False),
    ("Atelier de perfectionnement", Decimal("180.00"), True),
    ("Webinaire thématique", Decimal("95.00"), True),
    ("Guide de référence (édition imprimée)", Decimal("65.00"), False),
    ("Accompagnement personnalisé (heure)", Decimal("120.00"), True),
]
OFFLINE_AWAITING = [Status.AWAITING_CHEQUE, Status.AWAITING_TRANSFER, Status.AWAITING_INTERAC]
PAYMENT_METHODS = [Method.CARD, Method.CARD, Method.CHEQUE, Method.TRANSFER, Method.INTERAC]


class ScaleDataError(Exception):
    """The data set cannot be built (the demo is missing)."""


class Doc:
    """An invoice to write: what it bills, to whom, when, and what became of it."""

    __slots__ = (
        "issued_at",
        "person",
        "organization",
        "lines",
        "status",
        "payments",
        "credited_at",
        "number",
        "credit_number",
        "pk",
        "issued_by_person",
    )

    def __init__(self, issued_at, person, organization, lines, issued_by_person=True):
        self.issued_at = issued_at
        self.person = person  # index in the builder's people, or None (billed to organization)
        self.organization = organization  # index in the builder's organizations
        self.lines = lines  # ((description, unit price, quantity, taxable), ...)
        self.status = Status.TO_PAY
        self.payments = ()  # ((amount, method, received on), ...)
        self.credited_at = None
        self.number = self.credit_number = self.pk = None
        self.issued_by_person = issued_by_person


class ScaleBuilder:
    def __init__(
        self,
        *,
        members: int,
        invoices: int | None = None,
        registrations: int | None = None,
        events: int | None = None,
        seed: int = 2026,
        batch_size: int = 2000,
        write: Callable[[str], None] = print,
    ):
        self.n_people = members
        self.n_invoices = 10 * members if invoices is None else invoices
        self.n_registrations = 4 * members if registrations is None else registrations
        self.n_events = max(10, members // 250) if events is None else events
        self.rng = random.Random(seed)
        self.batch_size = batch_size
        self.write = write
        self.counts: dict[str, int] = {}
        self.started = time.monotonic()

    # --- entry point ----------------------------------------------------------------------

    def build(self) -> dict[str, int]:
        self.index = EventIndexPage.objects.filter(locale__language_code="fr").first()
        if self.index is None:
            raise ScaleDataError("No French event index page: load the demo first (load_demo).")
        self.run = 1
        while User.objects.filter(username__startswith=f"scale{self.run}-").exists():
            self.run += 1
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.tz = timezone.get_current_timezone()
        self.write(
            f"Run {self.run}: {self.n_people} people, {self.n_events} events, "
            f"about {self.n_registrations} registrations and {self.n_invoices} invoices."
        )
        with transaction.atomic():
            self.organizations()
            self.people()
            self.functions()
            self.events()
            docs = self.plan_registrations()
            docs += self.plan_memberships()
            docs += self.plan_other_invoices(len(docs))
            self.number(docs)
            self.write_invoices(docs)
            self.write_registrations()
            self.write_memberships()
        if connection.vendor == "postgresql" and connection.get_autocommit():
            # What autovacuum would do later: the planner's statistics, and the visibility map
            # that lets counts and lookups read an index alone. The pages measured right after
            # the load are then planned and run as on a database in service.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            self.progress("vacuumed and analysed (VACUUM ANALYZE)")
        self.progress("done")
        return self.counts

    def progress(self, text: str) -> None:
        self.write(f"[{time.monotonic() - self.started:7.1f} s] {text}")

    def _count(self, name: str, n: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    def _bulk(self, model, objects: Sequence, name: str | None = None) -> list:
        created = []
        for start in range(0, len(objects), self.batch_size):
            created += model.objects.bulk_create(objects[start : start + self.batch_size])
        self._count(name or model._meta.model_name, len(objects))
        return created

    def _moment(self, day: datetime.date, hour: int | None = None) -> datetime.datetime:
        hour = self.rng.randint(8, 17) if hour is None else hour
        return datetime.datetime.combine(
            day, datetime.time(hour, self.rng.randint(0, 59)), tzinfo=self.tz
        )

    # --- people and organizations ---------------------------------------------------------

    def organizations(self) -> None:
        rng = self.rng
        n = max(3, self.n_people // 15)
        taken = set(Organization.objects.values_list("name", flat=True))
        rows = []
        while len(rows) < n:
            prefix, kind = rng.choice(ORGANIZATION_KINDS)
            place = f"{rng.choice(SAINTS)}-{rng.choice(PLACES)}"
            name = f"{prefix} {place}"
            if name in taken:
                name = f"{name} ({self.run}-{len(rows) + 1})"
            taken.add(name)
            rows.append(
                Organization(
                    name=name,
                    kind=kind,
                    street=f"{rng.randint(1, 999)}, rue Principale",
                    city=place,
                    postal_code=f"G{rng.randint(0, 9)}X {rng.randint(0, 9)}A{rng.randint(0, 9)}",
                    region=rng.choice(REGIONS),
                )
            )
        self.orgs = self._bulk(Organization, rows)
        # Some employers are large (a city), most small: people are spread unevenly.
        self.org_weights = [rng.paretovariate(1.2) for _ in self.orgs]
        self.org_text = [("\n".join([o.name, *o.address_lines()]), o.name) for o in self.orgs]
        self.progress(f"{len(self.orgs)} organizations")

    def people(self) -> None:
        rng = self.rng
        password = make_password("quorum-scale")  # hashed once: the hash is slow on purpose
        numbers = MemberNumberSequence.objects.select_for_update().get_or_create(pk=1)[0]
        taken = set(User.objects.exclude(member_number="").values_list("member_number", flat=True))
        number = max(numbers.last_number, 1000)
        org_cum = _cumulative(self.org_weights)  # once: choices() would sum them per person
        self.person_org = [
            rng.choices(range(len(self.orgs)), cum_weights=org_cum)[0] for _ in range(self.n_people)
        ]
        rows = []
        for i in range(self.n_people):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            employer = self.orgs[self.person_org[i]].name
            username = f"scale{self.run}-{i + 1:06d}"
            is_member = rng.random() < 0.6
            member_number = ""
            if is_member:
                number += 1
                while f"M-{number}" in taken:
                    number += 1
                member_number = f"M-{number}"
            in_directory = is_member and rng.random() < 0.5
            rows.append(
                User(
                    username=username,
                    password=password,
                    first_name=first,
                    last_name=last,
                    email=f"{username}@scale.quorum.example",
                    language="fr" if rng.random() < 0.8 else "en",
                    is_member=is_member,
                    member_number=member_number,
                    date_joined=self._moment(
                        self.today - datetime.timedelta(days=rng.randint(30, 6 * 365))
                    ),
                    work_phone=f"418 555-{rng.randint(0, 9999):04d}",
                    expertise=rng.choice(EXPERTISE) if rng.random() < 0.4 else "",
                    in_directory=in_directory,
                    directory_show_email=in_directory and rng.random() < 0.5,
                    directory_show_phone=in_directory and rng.random() < 0.3,
                    # What User.save() keeps (bulk_create does not call it): the name and
                    # the current employer, shown by default.
                    directory_search=fold(f"{first} {last} {employer}"),
                )
            )
        self.users = self._bulk(User, rows)
        numbers.last_number = number
        numbers.save(update_fields=["last_number"])
        # A few people are billed a lot (a treasurer who registers often, a long career).
        self.person_weights = [min(rng.paretovariate(1.3), 60.0) for _ in self.users]
        for i in rng.sample(range(len(self.users)), k=min(5, len(self.users))):
            self.person_weights[i] = 400.0
        self.progress(f"{len(self.users)} people")

    def functions(self) -> None:
        rng = self.rng
        functions, addresses, subscriptions, grants = [], [], [], []
        for i, user in enumerate(self.users):
            org = self.orgs[self.person_org[i]]
            start = self.today - datetime.timedelta(days=rng.randint(60, 9 * 365))
            if rng.random() < 0.35:  # an earlier employer
                previous = rng.randrange(len(self.orgs))
                earlier = start - datetime.timedelta(days=rng.randint(365, 8 * 365))
                functions.append(
                    Function(
                        user=user,
                        organization=self.orgs[previous],
                        title=rng.choice(TITLES),
                        start_date=earlier,
                        end_date=start - datetime.timedelta(days=rng.randint(1, 30)),
                    )
                )
            functions.append(
                Function(user=user, organization=org, title=rng.choice(TITLES), start_date=start)
            )
            if rng.random() < 0.5:
                addresses.append(
                    Address(
                        user=user,
                        kind=Address.Kind.WORK,
                        street=org.street,
                        city=org.city,
                        postal_code=org.postal_code,
                        phone=user.work_phone,
                    )
                )
            subscriptions.append(
                Subscription(
                    user=user, list=Subscription.List.NEWSLETTER, subscribed=rng.random() < 0.6
                )
            )
        self._bulk(Function, functions)
        self._bulk(Address, addresses)
        self._bulk(Subscription, subscriptions)
        # One delegate for about a third of the organizations: a member who works there.
        staff = {}
        for i, org_index in enumerate(self.person_org):
            if self.users[i].is_member:
                staff.setdefault(org_index, i)
        for org_index, i in staff.items():
            if rng.random() < 0.33:
                grants.append(DelegateGrant(user=self.users[i], organization=self.orgs[org_index]))
        self._bulk(DelegateGrant, grants)
        self.progress(f"{len(functions)} functions, {len(grants)} delegates")

    # --- events ---------------------------------------------------------------------------

    def events(self) -> None:
        rng = self.rng
        french = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
        programs = list(TrainingProgram.objects.filter(locale=french))
        kinds = [EventKind.TRAINING] * 7 + [EventKind.SEMINAR, EventKind.TECHDAY]
        self.event_pages = []
        for i in range(self.n_events):
            kind = EventKind.CONGRESS if i % 40 == 0 else rng.choice(kinds)
            day = self.today + datetime.timedelta(days=rng.randint(-3 * 365, 330))
            days = 3 if kind == EventKind.CONGRESS else 1
            start = self._moment(day, 8)
            end = self._moment(day + datetime.timedelta(days=days - 1), 16)
            topic = rng.choice(TOPICS)
            title = {
                EventKind.CONGRESS: f"Congrès annuel {day.year}",
                EventKind.SEMINAR: f"Séminaire : {topic.lower()}",
                EventKind.TECHDAY: f"Journée techno : {topic.lower()}",
                EventKind.TRAINING: f"Formation : {topic.lower()}",
            }[kind]
            price = Decimal(rng.choice([95, 150, 225, 275, 350]))
            if kind == EventKind.CONGRESS:
                price = Decimal("650")
            options = [
                EventOption(
                    label="Inscription complète",
                    member_price=price,
                    non_member_price=quantize(price * Decimal("1.35")),
                    locale=french,
                ),
                EventOption(
                    label="Inscription en ligne",
                    member_price=quantize(price * Decimal("0.6")),
                    non_member_price=quantize(price * Decimal("0.8")),
                    locale=french,
                ),
            ]
            if kind == EventKind.CONGRESS:
                options.append(
                    EventOption(
                        label="Soirée gala (accompagnateur)",
                        member_price=Decimal("120"),
                        non_member_price=Decimal("120"),
                        is_companion=True,
                        card_only=True,
                        locale=french,
                    )
                )
            page = EventPage(
                title=f"{title} ({start:%Y-%m-%d})",
                slug=f"scale{self.run}-{i + 1}-{slugify(title)}"[:80],
                kind=kind,
                program=rng.choice(programs) if kind == EventKind.TRAINING and programs else None,
                intro=f"{topic} : une journée pour les gestionnaires municipaux.",
                start=start,
                end=end,
                place=f"{rng.choice(SAINTS)}-{rng.choice(PLACES)}",
                registration_opens=start - datetime.timedelta(days=180),
                registration_closes=start - datetime.timedelta(days=2),
                modification_deadline=start - datetime.timedelta(days=7),
                cancellation_deadline=start - datetime.timedelta(days=14),
                credits=Decimal(rng.choice([3, 6, 7])) if kind == EventKind.TRAINING else 0,
                locale=french,
            )
            page.options = options
            self.index.add_child(instance=page)
            page.save_revision().publish()
            EventSeats.objects.get_or_create(event_key=page.translation_key)
            self.event_pages.append(page)
            if (i + 1) % 50 == 0:
                self.progress(f"{i + 1} event pages")
        self._count("eventpage", len(self.event_pages))
        self.event_options = [
            [o for o in page.options.all() if not o.is_companion] for page in self.event_pages
        ]
        self.progress(f"{len(self.event_pages)} event pages")

    # --- what to bill ---------------------------------------------------------------------

    def _settle(self, doc: Doc, *, payable: bool = True) -> None:
        """Decide what became of an issued invoice: paid, partly paid, awaited or unpaid,
        more often paid the older it is, with payments received after its issue."""
        rng = self.rng
        if not payable:
            return
        age = (self.now - doc.issued_at).days
        r = rng.random()
        paid, partly = (0.88, 0.92) if age > 45 else (0.45, 0.50)
        total = self._totals(doc.lines).total
        if r < partly:
            amount = total if r < paid else quantize(total / 2)
            if amount <= 0 or amount >= total:
                amount = total
            received = doc.issued_at.astimezone(self.tz).date() + datetime.timedelta(
                days=rng.randint(0, max(0, min(40, age)))
            )
            doc.payments = ((amount, rng.choice(PAYMENT_METHODS), min(received, self.today)),)
            doc.status = Status.PAID if amount == total else Status.PARTLY_PAID
        elif r < partly + (1 - partly) / 2:
            doc.status = rng.choice(OFFLINE_AWAITING)

    @staticmethod
    def _totals(lines):
        return compute_totals(
            (quantize(price * quantity), taxable) for _d, price, quantity, taxable in lines
        )

    def plan_registrations(self) -> list[Doc]:
        rng = self.rng
        open_events = [
            i
            for i, page in enumerate(self.event_pages)
            if page.registration_opens < self.now - datetime.timedelta(days=1)
        ]
        if not open_events:
            self.registration_plan = []
            return []
        event_weights = [
            8.0 if self.event_pages[i].kind == EventKind.CONGRESS else rng.uniform(0.5, 2.0)
            for i in open_events
        ]
        people = range(len(self.users))
        person_cum = _cumulative(self.person_weights)
        event_cum = _cumulative(event_weights)
        taken = set()
        plan, docs = [], []
        for _ in range(self.n_registrations):
            for _attempt in range(20):
                person = rng.choices(people, cum_weights=person_cum)[0]
                event = open_events[rng.choices(range(len(open_events)), cum_weights=event_cum)[0]]
                if (event, person) not in taken:
                    break
            else:
                continue
            taken.add((event, person))
            page = self.event_pages[event]
            latest = min(page.registration_closes, self.now - datetime.timedelta(hours=1))
            span = max(1, int((latest - page.registration_opens).total_seconds()))
            created = page.registration_opens + datetime.timedelta(seconds=rng.randrange(span))
            option = rng.choice(self.event_options[event])
            user = self.users[person]
            price = option.member_price if user.is_member else option.non_member_price
            doc = Doc(
                created,
                person,
                self.person_org[person],
                ((f"{page.title} — {option.label}"[:255], price, 1, option.taxable),),
            )
            cancelled = rng.random() < 0.08 and created < self.now - datetime.timedelta(days=3)
            if cancelled:
                latest_cancel = min(page.start, self.now)
                doc.credited_at = created + (latest_cancel - created) * rng.uniform(0.1, 0.9)
                doc.status = Status.CANCELLED
            else:
                self._settle(doc)
            docs.append(doc)
            plan.append((event, person, option, created, doc))
        self.registration_plan = plan
        self.progress(f"{len(plan)} registrations planned")
        return docs

    def plan_memberships(self) -> list[Doc]:
        rng = self.rng
        category = periods.default_category()
        taxable = TitleSettings.load().dues_taxable
        month = periods.rules().year_start_month  # read once, not once per period
        current_start, _current_end = periods.year_containing(self.today, start_month=month)
        plan, docs = [], []
        for i, user in enumerate(self.users):
            if user.is_member:
                years = range(rng.randint(1, 4))  # this year and up to three before
            elif rng.random() < 0.15:
                years = [rng.randint(2, 4)]  # a former member, lapsed long ago
            else:
                continue
            for back in years:
                starts_on = current_start.replace(year=current_start.year - back)
                ends_on = periods.year_containing(starts_on, start_month=month)[1]
                issued = self._moment(
                    max(
                        starts_on - datetime.timedelta(days=20),
                        user.date_joined.astimezone(self.tz).date(),
                    )
                )
                if issued > self.now:
                    issued = self.now - datetime.timedelta(hours=1)
                label = f"Cotisation annuelle {starts_on.year}-{starts_on.year + 1}"
                doc = Doc(issued, i, self.person_org[i], ((label, category.dues, 1, taxable),))
                # An active period is a paid one: its dues invoice has its payment.
                received = min(
                    issued.astimezone(self.tz).date() + datetime.timedelta(days=rng.randint(0, 30)),
                    self.today,
                )
                total = self._totals(doc.lines).total
                doc.payments = ((total, rng.choice(PAYMENT_METHODS), received),)
                doc.status = Status.PAID
                docs.append(doc)
                plan.append((i, category, starts_on, ends_on, doc))
        self.membership_plan = plan
        self.progress(f"{len(plan)} membership periods planned")
        return docs

    def plan_other_invoices(self, already: int) -> list[Doc]:
        rng = self.rng
        people = range(len(self.users))
        person_cum = _cumulative(self.person_weights)
        docs = []
        for _ in range(max(0, self.n_invoices - already)):
            issued = self.now - datetime.timedelta(seconds=rng.randrange(3 * 365 * 86400))
            lines = tuple(
                (description, price, rng.randint(1, 3) if not taxable else 1, taxable)
                for description, price, taxable in rng.sample(MISC_LINES, k=rng.randint(1, 2))
            )
            if rng.random() < 0.15:  # billed to an employer, not to a person
                doc = Doc(issued, None, rng.randrange(len(self.orgs)), lines, False)
            else:
                person = rng.choices(people, cum_weights=person_cum)[0]
                doc = Doc(issued, person, self.person_org[person], lines)
            if rng.random() < 0.01:
                doc.credited_at = issued + datetime.timedelta(days=rng.randint(1, 20))
                doc.credited_at = min(doc.credited_at, self.now)
                doc.status = Status.CANCELLED
            else:
                self._settle(doc)
            docs.append(doc)
        self.progress(f"{len(docs)} other invoices planned")
        return docs

    # --- numbering and writing ------------------------------------------------------------

    def _reserve(self, series: str, count: int) -> int:
        """Take `count` numbers of a series at once; the sequence continues after them."""
        sequence = NumberSequence.objects.select_for_update().get_or_create(series=series)[0]
        first = sequence.last_number + 1
        sequence.last_number += count
        sequence.save(update_fields=["last_number"])
        return first

    def number(self, docs: list[Doc]) -> None:
        docs.sort(key=lambda d: d.issued_at)
        first = self._reserve(Series.INVOICE, len(docs))
        for n, doc in enumerate(docs):
            doc.number = f"{PREFIXES[Series.INVOICE]}-{first + n:06d}"
        notes = sorted((d for d in docs if d.credited_at), key=lambda d: d.credited_at)
        first = self._reserve(Series.CREDIT_NOTE, len(notes))
        for n, doc in enumerate(notes):
            doc.credit_number = f"{PREFIXES[Series.CREDIT_NOTE]}-{first + n:06d}"
        self.progress(f"{len(docs)} invoice numbers and {len(notes)} credit-note numbers taken")

    def write_invoices(self, docs: list[Doc]) -> None:
        snapshots = {language: issuer_snapshot(language) for language, _n in settings.LANGUAGES}
        for start in range(0, len(docs), self.batch_size):
            chunk = docs[start : start + self.batch_size]
            invoices = [self._invoice(doc, snapshots) for doc in chunk]
            Invoice.objects.bulk_create(invoices)
            for doc, invoice in zip(chunk, invoices, strict=True):
                doc.pk = invoice.pk
            lines, payments, notes = [], [], []
            for doc, invoice in zip(chunk, invoices, strict=True):
                lines += self._lines(invoice.pk, doc.lines)
                balance = invoice.total
                for amount, method, received in doc.payments:
                    balance -= amount
                    payments.append(
                        Payment(
                            invoice_id=invoice.pk,
                            amount=amount,
                            method=method,
                            received_at=received,
                            reference=f"SCALE-{invoice.number}",
                            stripe_payment_intent_id=(
                                f"pi_scale_{invoice.number}" if method == Method.CARD else ""
                            ),
                            issued_snapshot={
                                **snapshots[invoice.language],
                                "invoice_total": str(invoice.total),
                                "balance_after": str(balance),
                            },
                        )
                    )
                if doc.credited_at:
                    note = self._invoice(doc, snapshots, credit_note=invoice)
                    notes.append((note, doc))
            InvoiceLine.objects.bulk_create(lines)
            Payment.objects.bulk_create(payments)
            Invoice.objects.bulk_create([note for note, _doc in notes])
            InvoiceLine.objects.bulk_create(
                [line for note, doc in notes for line in self._lines(note.pk, doc.lines)]
            )
            self._count("invoice", len(invoices))
            self._count("credit note", len(notes))
            self._count("invoiceline", len(lines) + sum(len(d.lines) for _n, d in notes))
            self._count("payment", len(payments))
            done = start + len(chunk)
            if done % (self.batch_size * 25) < self.batch_size or done == len(docs):
                self.progress(f"{done} / {len(docs)} invoices written")

    def _lines(self, invoice_id: int, lines) -> list[InvoiceLine]:
        return [
            InvoiceLine(
                invoice_id=invoice_id,
                position=position,
                description=description,
                unit_price=price,
                quantity=quantity,
                taxable=taxable,
                amount=quantize(price * quantity),
            )
            for position, (description, price, quantity, taxable) in enumerate(lines)
        ]

    def _invoice(self, doc: Doc, snapshots: dict, credit_note: Invoice | None = None) -> Invoice:
        totals = self._totals(doc.lines)
        org_index = doc.organization
        address, org_name = self.org_text[org_index]
        if doc.person is not None:
            user = self.users[doc.person]
            name, email, language = f"{user.first_name} {user.last_name}", user.email, user.language
        else:
            user, name, email, language = None, org_name, "", "fr"
            address = "\n".join(self.orgs[org_index].address_lines())
        values = {
            "customer": user,
            "organization": self.orgs[org_index],
            "issued_by": user if doc.issued_by_person else None,
            "billed_name": name,
            "billed_address": address,
            "billed_email": email,
            "language": language,
            "subtotal": totals.subtotal,
            "gst": totals.gst,
            "qst": totals.qst,
            "total": totals.total,
            "issued_snapshot": {**snapshots[language], "organization": org_name},
        }
        if credit_note is not None:
            return Invoice(
                series=Series.CREDIT_NOTE,
                number=doc.credit_number,
                issued_at=doc.credited_at,
                credited_invoice=credit_note,
                reason="Annulation de l'inscription",
                status=Status.ISSUED,
                **values,
            )
        return Invoice(
            series=Series.INVOICE,
            number=doc.number,
            issued_at=doc.issued_at,
            due_date=doc.issued_at.astimezone(self.tz).date() + datetime.timedelta(days=30),
            status=doc.status,
            **values,
        )

    def write_registrations(self) -> None:
        rng = self.rng
        title_rules = TitleSettings.load()
        title_rule = title_rules.credits_to_obtain
        registrations = []
        for event, person, option, created, doc in self.registration_plan:
            cancelled = doc.credited_at is not None
            registrations.append(
                Registration(
                    event=self.event_pages[event],
                    person=self.users[person],
                    registered_by=self.users[person],
                    option=option,
                    status=RegistrationStatus.CANCELLED
                    if cancelled
                    else (RegistrationStatus.CONFIRMED),
                    invoice_id=doc.pk,
                    created_at=created,
                    cancelled_at=doc.credited_at,
                )
            )
        self._bulk(Registration, registrations)
        attendance, entries, attestations = [], [], []
        codes = set(Attestation.objects.values_list("code", flat=True))
        credits_by_person: dict[int, list] = {}
        for registration, (event, person, *_rest) in zip(
            registrations, self.registration_plan, strict=True
        ):
            page = self.event_pages[event]
            if registration.status != RegistrationStatus.CONFIRMED or page.end >= self.now:
                continue
            attended = rng.random() < 0.92
            attendance.append(
                Attendance(registration=registration, attended=attended, recorded_at=page.end)
            )
            if attended and page.kind == EventKind.TRAINING and page.credits > 0:
                user = self.users[person]
                earned_on = page.end.astimezone(self.tz).date()
                key = str(page.translation_key)
                entries.append(
                    CreditEntry(
                        user=user,
                        earned_on=earned_on,
                        credits=page.credits,
                        label_fr=page.title,
                        label_en=page.title,
                        source_key=key,
                    )
                )
                attestations.append(
                    Attestation(
                        user=user,
                        kind=Attestation.Kind.TRAINING,
                        holder_name=f"{user.first_name} {user.last_name}",
                        subject_fr=page.title,
                        subject_en=page.title,
                        credits=page.credits,
                        achieved_on=earned_on,
                        source_key=key,
                        code=_code(rng, codes),
                    )
                )
                credits_by_person.setdefault(person, []).append((earned_on, page.credits))
        for person, earned in credits_by_person.items():
            total, obtained = Decimal(0), None
            for day, credits in sorted(earned):
                total += credits
                if obtained is None and total >= title_rule:
                    obtained = day
            if obtained is not None:
                user = self.users[person]
                attestations.append(
                    Attestation(
                        user=user,
                        kind=Attestation.Kind.TITLE,
                        holder_name=f"{user.first_name} {user.last_name}",
                        subject_fr=title_rules.title_name,
                        subject_en=title_rules.title_name,
                        credits=total,
                        achieved_on=obtained,
                        source_key=Attestation.TITLE_SOURCE,
                        code=_code(rng, codes),
                    )
                )
        self._bulk(Attendance, attendance)
        self._bulk(CreditEntry, entries)
        self._bulk(Attestation, attestations)
        self.progress(
            f"{len(registrations)} registrations, {len(attendance)} attendance records, "
            f"{len(attestations)} attestations"
        )

    def write_memberships(self) -> None:
        rows = [
            Membership(
                user=self.users[person],
                category=category,
                starts_on=starts_on,
                ends_on=ends_on,
                status=Membership.Status.ACTIVE,
                invoice_id=doc.pk,
            )
            for person, category, starts_on, ends_on, doc in self.membership_plan
        ]
        self._bulk(Membership, rows)
        self.progress(f"{len(rows)} membership periods")


def _cumulative(weights: Sequence[float]) -> list[float]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


def _code(rng: random.Random, taken: set[str]) -> str:
    """An attestation's verification code, in the services' shape (ABCD-EFGH-JKLM)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        code = "-".join("".join(rng.choice(alphabet) for _ in range(4)) for _ in range(3))
        if code not in taken:
            taken.add(code)
            return code
