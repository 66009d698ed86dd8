"""Demo for membership applications and the title: an applicant whose application waits for
staff with two small PDFs, and credits and attestations for the demo member."""

import datetime
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from members.models import Organization, User

from . import services
from .models import ApplicationDocument, MembershipApplication


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
            "street": "10, place de l'Hôtel-de-Ville",
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
            street="10, place de l'Hôtel-de-Ville",
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
                    "Résolution d'embauche (démonstration)",
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
    command.stdout.write("Demo membership application and attestations are in place.")
