"""Demo accounts: a member with a full history, a participant, a delegate for a fictional
city with colleagues, and the lists of interests and professional orders in French and English.
Running it twice gives the same content."""

import datetime
import uuid

from wagtail.models import Locale

from .models import (
    Address,
    DelegateGrant,
    Function,
    Interest,
    Organization,
    ProfessionalOrder,
    Subscription,
    User,
)

ORGANIZATIONS = [
    {
        "name": "Ville de Saint-Exemple",
        "kind": Organization.Kind.MUNICIPALITY,
        "street": "250, boulevard des Érables",
        "city": "Saint-Exemple",
        "postal_code": "G0X 2Z0",
        "region": "Mauricie",
    },
    {
        "name": "Municipalité de Lac-Fictif",
        "kind": Organization.Kind.MUNICIPALITY,
        "street": "12, chemin du Quai",
        "city": "Lac-Fictif",
        "postal_code": "J0T 1K0",
        "region": "Laurentides",
    },
    {
        "name": "MRC des Collines-Imaginaires",
        "kind": Organization.Kind.REGIONAL,
        "street": "8, rue de la Gare",
        "city": "Val-Imaginaire",
        "postal_code": "J0X 3A0",
        "region": "Outaouais",
    },
]

INTERESTS = [
    ("Gestion financière municipale", "Municipal financial management"),
    ("Urbanisme et aménagement", "Urban planning"),
    ("Ressources humaines", "Human resources"),
    ("Technologies de l’information", "Information technology"),
    ("Greffe et affaires juridiques", "Clerk's office and legal affairs"),
]

ORDERS = [
    ("Ordre des comptables professionnels agréés", "Order of chartered professional accountants"),
    ("Barreau du Québec", "Quebec Bar"),
    ("Ordre des urbanistes", "Order of urban planners"),
    ("Association des archivistes", "Association of archivists"),
]

COLLEAGUES = [
    ("collegue1", "Amélie", "Bouchard-Test", "Greffière"),
    ("collegue2", "Bruno", "Caron-Test", "Trésorier"),
    ("collegue3", "Chloé", "Demers-Test", "Directrice des loisirs"),
    ("collegue4", "Denis", "Fortin-Test", "Directeur des travaux publics"),
    ("collegue5", "Élise", "Gagnon-Test", "Urbaniste"),
    ("collegue6", "Félix", "Hébert-Test", "Conseiller en ressources humaines"),
    ("collegue7", "Gabrielle", "Lavoie-Test", "Technicienne juridique"),
]


def _translated(model, pairs, fr, en):
    for order, (name_fr, name_en) in enumerate(pairs):
        # An older demo wrote the French name with a straight apostrophe: that row is the same.
        spellings = {name_fr, name_fr.replace("’", "'")}
        french = model.objects.filter(locale=fr, name__in=spellings).first()
        if french is None:
            french = model.objects.create(
                locale=fr, name=name_fr, sort_order=order, translation_key=uuid.uuid4()
            )
        model.objects.get_or_create(
            locale=en,
            translation_key=french.translation_key,
            defaults={"name": name_en, "sort_order": order},
        )


def _user(command, username, **fields):
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, **fields)
        user.set_password(command.password)
        user.save()
    return user


def _address(user, kind, **fields):
    Address.objects.get_or_create(user=user, kind=kind, defaults=fields)


def _function(user, organization, title, start, end=None):
    Function.objects.get_or_create(
        user=user,
        organization=organization,
        title=title,
        defaults={"start_date": start, "end_date": end},
    )


def load(command):
    fr, _ = Locale.objects.get_or_create(language_code="fr")
    en, _ = Locale.objects.get_or_create(language_code="en")
    organizations = {}
    for data in ORGANIZATIONS:
        organization, _ = Organization.objects.get_or_create(name=data["name"], defaults=data)
        organizations[data["name"]] = organization
    city = organizations["Ville de Saint-Exemple"]
    lake = organizations["Municipalité de Lac-Fictif"]
    mrc = organizations["MRC des Collines-Imaginaires"]
    _translated(Interest, INTERESTS, fr, en)
    _translated(ProfessionalOrder, ORDERS, fr, en)

    member = _user(
        command,
        "membre",
        first_name="Camille",
        last_name="Fictif",
        email="membre@quorum.example",
        is_member=True,
        member_number="M-1001",
        expertise="Budget participatif, gestion de la dette",
        linkedin_url="https://www.linkedin.com/in/exemple-membre",
        in_directory=True,
        directory_show_email=True,
        work_phone="819 555-0142",
    )
    _function(
        member,
        mrc,
        "Directrice des finances",
        datetime.date(2014, 3, 3),
        datetime.date(2021, 6, 30),
    )
    _function(member, lake, "Directrice générale", datetime.date(2021, 7, 5))
    _address(
        member,
        Address.Kind.WORK,
        street=lake.street,
        city=lake.city,
        postal_code=lake.postal_code,
        phone="819 555-0142",
    )
    _address(
        member,
        Address.Kind.PERSONAL,
        street="45, rue des Pins",
        city="Lac-Fictif",
        postal_code="J0T 1K0",
    )
    if not member.interests.exists():
        member.interests.set(Interest.objects.filter(locale=fr)[:2])
        member.professional_orders.set(ProfessionalOrder.objects.filter(locale=fr)[:1])
    for code in Subscription.List.values:
        Subscription.objects.get_or_create(user=member, list=code, defaults={"subscribed": True})

    participant = _user(
        command,
        "participant",
        first_name="Paul",
        last_name="Participant",
        email="participant@quorum.example",
        language="en",
    )
    _function(participant, mrc, "Agent de développement", datetime.date(2023, 9, 11))
    _address(
        participant,
        Address.Kind.WORK,
        street=mrc.street,
        city=mrc.city,
        postal_code=mrc.postal_code,
    )

    delegate = _user(
        command,
        "delegue",
        first_name="Diane",
        last_name="Déléguée",
        email="delegue@quorum.example",
        is_member=True,
        member_number="M-1002",
    )
    _function(delegate, city, "Directrice générale adjointe", datetime.date(2019, 1, 14))
    DelegateGrant.objects.get_or_create(user=delegate, organization=city)
    for username, first, last, title in COLLEAGUES:
        colleague = _user(
            command,
            username,
            first_name=first,
            last_name=last,
            email=f"{username}@quorum.example",
        )
        _function(colleague, city, title, datetime.date(2022, 2, 1))
