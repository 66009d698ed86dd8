"""Demo registrations: the member `membre` attended last month's training (attendance recorded),
the delegate `delegue` of the Ville de Saint-Exemple can register colleagues `collegue1` to
`collegue6`. Dietary questions of the demo events are marked as health information.

Accounts are taken by username (members/demo.py may have created them first) or created here,
so the demo loads whichever app's demo runs first."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from invoices.services import LineSpec, issue_invoice
from members.models import DelegateGrant, Function, Organization

from .models import Attendance, EventPage, Registration

ORGANIZATION = "Ville de Saint-Exemple"

COLLEAGUES = [
    ("collegue1", "Dominique", "Exemple", "Directrice des finances"),
    ("collegue2", "Alexis", "Modèle", "Greffier adjoint"),
    ("collegue3", "Sacha", "Démo", "Directrice des travaux publics"),
    ("collegue4", "Charlie", "Essai", "Conseiller en ressources humaines"),
    ("collegue5", "Maxime", "Fictif-Tremblay", "Urbaniste"),
    ("collegue6", "Noa", "Prototype", "Technicienne en loisirs"),
]


def load(command):
    User = get_user_model()
    organization, _ = Organization.objects.get_or_create(
        name=ORGANIZATION,
        defaults={
            "street": "1, place de l’Hôtel-de-Ville",
            "city": "Saint-Exemple",
            "province": "QC",
            "postal_code": "G0A 9Z9",
            "region": "Chaudière-Appalaches",
        },
    )
    member = _user(
        User,
        command.password,
        "membre",
        "Camille",
        "Fictif",
        is_member=True,
        organization=organization,
        title="Directrice générale",
    )
    delegate = _user(
        User,
        command.password,
        "delegue",
        "Jordan",
        "Délégué",
        is_member=True,
        organization=organization,
        title="Adjoint à la direction générale",
    )
    DelegateGrant.objects.get_or_create(user=delegate, organization=organization)
    for username, first, last, title in COLLEAGUES:
        _user(
            User,
            command.password,
            username,
            first,
            last,
            is_member=username in ("collegue1", "collegue2"),
            organization=organization,
            title=title,
        )
    _past_training_attendance(member)
    command.stdout.write("Demo registrations, delegate and colleagues are in place.")


def _user(User, password, username, first, last, *, is_member, organization, title):
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(
            username=username,
            password=password,
            email=f"{username}@quorum.example",
            first_name=first,
            last_name=last,
            is_member=is_member,
        )
    if not user.functions.filter(end_date__isnull=True).exists():
        Function.objects.create(
            user=user,
            organization=organization,
            title=title,
            start_date=datetime.date(2021, 3, 1),
        )
    return user


def _past_training_attendance(member):
    training = (
        EventPage.objects.filter(
            kind="training", locale__language_code="fr", end__lt=timezone.now()
        )
        .order_by("-start")
        .first()
    )
    if training is None:
        return
    registration = Registration.objects.filter(event=training, person=member).first()
    if registration is None:
        option = training.options.filter(is_companion=False).first()
        invoice = issue_invoice(
            lines=[
                LineSpec(
                    f"{training.title} — {option.label}"[:255],
                    option.member_price,
                    1,
                    option.taxable,
                )
            ],
            customer=member,
            by=member,
            language=member.language,
        )
        registration = Registration.objects.create(
            event=training,
            person=member,
            registered_by=member,
            option=option,
            answers={},
            invoice=invoice,
            created_at=training.start - datetime.timedelta(days=20),
        )
    Attendance.objects.get_or_create(
        registration=registration,
        defaults={"attended": True, "recorded_by": None, "recorded_at": training.end},
    )
