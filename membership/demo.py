"""Demo for membership applications, periods and the title: an applicant whose application
waits for staff with two small PDFs; the categories; a current period for every member; a
member due to renew (renewal invoiced), one in grace and one lapsed; credits and attestations
for the demo member."""

import datetime
import io
import uuid
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wagtail.models import Locale

from members.models import Function, Organization, User

from . import periods, services
from .models import (
    ApplicationDocument,
    Membership,
    MembershipApplication,
    MembershipCategory,
    MembershipSettings,
)

CATEGORIES = [
    ("Régulier", "Regular", Decimal("325.00"), True),
    ("Retraité", "Retired", Decimal("150.00"), False),
    ("Étudiant", "Student", Decimal("75.00"), False),
]

# (username, first name, last name, language, days from today to the end of their period)
RENEWALS = [
    ("renouvellement", "Rosalie", "Renouvelle", "fr", 20),
    ("grace", "Gilles", "Sursis", "en", -20),
    ("echu", "Éric", "Échéance", "fr", -90),
]
MEMBER_NUMBERS = {"renouvellement": "M-1101", "grace": "M-1102", "echu": "M-1103"}


def _pdf(title, lines):
    from xhtml2pdf import pisa

    body = "".join(f"<p>{line}</p>" for line in lines)
    html = f"<html><body><h1>{title}</h1>{body}</body></html>"
    output = io.BytesIO()
    pisa.CreatePDF(html, dest=output, encoding="utf-8")
    return output.getvalue()


def _user(username, password, **values):
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, **values)
        user.set_password(password)
        user.save()
    return user


def load(command):
    organization, _ = Organization.objects.get_or_create(
        name="Ville de Saint-Exemple",
        defaults={
            "street": "10, place de l’Hôtel-de-Ville",
            "city": "Saint-Exemple",
            "postal_code": "G0X 1X0",
            "region": "Mauricie",
        },
    )
    applicant = _user(
        "candidat",
        command.password,
        email="candidat@quorum.example",
        first_name="Alexis",
        last_name="Demandeur",
        language="fr",
    )
    if not applicant.applications.exists():
        application = MembershipApplication.objects.create(
            user=applicant,
            without_file=True,
            organization=organization,
            job_title="Directeur des finances",
            hired_on=datetime.date(2025, 9, 2),
            phone="418 555-0177",
            street="10, place de l’Hôtel-de-Ville",
            city="Saint-Exemple",
            province="QC",
            postal_code="G0X 1X0",
            statement="Je souhaite me joindre au réseau et obtenir le titre.",
            accepts_code_of_ethics=True,
            certifies_accuracy=True,
            step=6,
        )
        documents = {
            ApplicationDocument.Kind.HIRING_RESOLUTION: (
                "resolution-embauche.pdf",
                _pdf(
                    "Résolution d’embauche (démonstration)",
                    ["Document fictif produit pour la démonstration de Quorum."],
                ),
            ),
            ApplicationDocument.Kind.DIPLOMA: (
                "diplome.pdf",
                _pdf("Diplôme (démonstration)", ["Document fictif, sans valeur."]),
            ),
        }
        for kind, (name, content) in documents.items():
            services.attach_document(
                application, kind=kind, upload=SimpleUploadedFile(name, content), by=applicant
            )
        services.submit_application(application, by=applicant)

    member = User.objects.filter(username="membre").first()
    if member is None:
        member = _user(
            "membre",
            command.password,
            email="membre@quorum.example",
            first_name="Camille",
            last_name="Fictif",
            is_member=True,
        )
    today = timezone.localdate()
    # A training of last year; last month's training is recorded by events/demo.py.
    services.award_training_credits(
        member,
        source_key="demo-archive-budget",
        earned_on=today.replace(year=today.year - 1),
        credits=Decimal("7"),
        label_fr="Budget municipal : les bases",
        label_en="Municipal budgeting: the basics",
        by=None,
    )
    _periods(command, organization)
    command.stdout.write("Demo membership application, periods and attestations are in place.")


def _categories():
    fr = Locale.objects.get(language_code="fr")
    en = Locale.objects.filter(language_code="en").first()
    for order, (name_fr, name_en, dues, default) in enumerate(CATEGORIES):
        french = MembershipCategory.objects.filter(locale=fr, name=name_fr).first()
        if french is None:
            french = MembershipCategory.objects.create(
                locale=fr,
                name=name_fr,
                dues=dues,
                is_default=default,
                sort_order=order,
                translation_key=uuid.uuid4(),
            )
        if en is not None:
            MembershipCategory.objects.get_or_create(
                locale=en,
                translation_key=french.translation_key,
                defaults={
                    "name": name_en,
                    "dues": dues,
                    "is_default": default,
                    "sort_order": order,
                },
            )


def _periods(command, organization):
    today = timezone.localdate()
    if not MembershipSettings.objects.exists():
        # The association's year starts about six months before the demo is loaded, so the
        # demo members are mid-year (only the three accounts below are due, in grace, lapsed).
        MembershipSettings.objects.create(year_start_month=(today.month + 5) % 12 + 1)
    _categories()
    start, end = periods.year_containing(today)
    regular = periods.default_category()
    for member in User.objects.filter(is_member=True, memberships__isnull=True):
        Membership.objects.create(user=member, category=regular, starts_on=start, ends_on=end)
    retired = MembershipCategory.objects.get(locale__language_code="fr", name="Retraité")
    for username, first, last, language, days in RENEWALS:
        if User.objects.filter(username=username).exists():
            continue
        person = _user(
            username,
            command.password,
            email=f"{username}@quorum.example",
            first_name=first,
            last_name=last,
            language=language,
            is_member=True,
            member_number=MEMBER_NUMBERS[username],
        )
        Function.objects.create(
            user=person,
            organization=organization,
            title="Conseiller en gestion",
            start_date=datetime.date(2020, 5, 4),
        )
        ends_on = today + datetime.timedelta(days=days)
        starts_on = ends_on - datetime.timedelta(days=364)
        Membership.objects.create(
            user=person,
            category=retired if username == "grace" else regular,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        # The renewal as the daily command issued it, on its day.
        notice = periods.rules().renewal_notice_days
        issued_on = min(today, ends_on - datetime.timedelta(days=notice))
        renewal = periods.issue_renewal(person, by=None, today=issued_on)
        if username == "echu":
            periods.lapse(renewal, today=today)
        periods.sync_is_member(person, today=today)
