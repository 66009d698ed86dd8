""" "Devenir membre": an employer that is not listed can be proposed (as in "Créer un dossier"),
the work address is structured and checked as in "Mon dossier" and becomes the dues invoice's
address, and the missing-document e-mail links to the page that says what is missing."""

import pytest

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.models import Address, Organization
from membership import services
from membership.models import ApplicationDocument, MembershipApplication
from tests.factories import FunctionFactory, OrganizationFactory, UserFactory

from .pdfs import valid_pdf

pytestmark = pytest.mark.django_db

STEP = "/{lang}/account/membership/step/{n}/"


@pytest.fixture
def applicant(client):
    user = UserFactory(language="fr")
    services.start_application(user, by=user)
    client.force_login(user)
    return user


def _application(user):
    return MembershipApplication.objects.get(user=user)


def test_employer_not_listed_is_proposed_for_staff_to_validate(client, applicant):
    page = client.get(STEP.format(lang="fr", n=3)).content.decode()
    assert "Mon employeur n’est pas dans la liste : son nom" in page
    response = client.post(
        STEP.format(lang="fr", n=3),
        {
            "new_organization": "Municipalité de Lac-Nouveau",
            "new_organization_city": "Lac-Nouveau",
            "job_title": "Directrice générale",
            "hired_on": "2025-03-01",
        },
    )
    assert response.status_code == 302
    proposed = Organization.objects.get(name="Municipalité de Lac-Nouveau")
    assert not proposed.is_active and proposed.proposed_by == applicant
    assert proposed.city == "Lac-Nouveau"
    assert _application(applicant).organization == proposed
    # Coming back to the step shows the proposal in the "not listed" field.
    again = client.get(STEP.format(lang="fr", n=3)).content.decode()
    assert 'value="Municipalité de Lac-Nouveau"' in again
    # The summary (applicant and staff) says the employer is proposed.
    review = client.get(STEP.format(lang="fr", n=7)).content.decode()
    assert "Municipalité de Lac-Nouveau" in review and "proposé" in review


def test_employer_step_wants_one_employer_either_listed_or_proposed(client, applicant):
    listed = OrganizationFactory(name="Ville de Clairlac")
    values = {"job_title": "Greffière", "hired_on": "2025-03-01"}
    page = client.post(STEP.format(lang="en", n=3), values).content.decode()
    assert "Choose your employer or propose a new one." in page
    page = client.post(
        STEP.format(lang="en", n=3),
        {**values, "organization": listed.pk, "new_organization": "Autre ville"},
    ).content.decode()
    assert "not both" in page
    assert not Organization.objects.filter(name="Autre ville").exists()
    assert _application(applicant).organization is None


def test_work_address_is_structured_and_the_postal_code_checked(client, applicant):
    response = client.post(
        STEP.format(lang="fr", n=2),
        {
            "phone": "418 555-0100",
            "street": "12, rue du Port",
            "city": "Clairlac",
            "province": "QC",
            "postal_code": "12345",
        },
    )
    assert response.status_code == 200
    assert "Entrez un code postal canadien" in response.content.decode()
    response = client.post(
        STEP.format(lang="fr", n=2),
        {"phone": "418 555-0100", "street": "", "city": "", "postal_code": ""},
    )
    assert response.status_code == 200
    response = client.post(
        STEP.format(lang="fr", n=2),
        {
            "phone": "418 555-0100",
            "street": "12, rue du Port",
            "city": "Clairlac",
            "province": "QC",
            "postal_code": "g0a1a0",
        },
    )
    assert response.status_code == 302
    application = _application(applicant)
    assert (application.street, application.city, application.postal_code) == (
        "12, rue du Port",
        "Clairlac",
        "G0A 1A0",
    )


def test_application_starts_with_the_work_address_of_the_file():
    user = UserFactory()
    Address.objects.create(
        user=user,
        kind=Address.Kind.WORK,
        street="5, rue Principale",
        city="Baie-Test",
        postal_code="G5A 1B2",
    )
    application = services.start_application(user, by=user)
    assert (application.street, application.city, application.postal_code) == (
        "5, rue Principale",
        "Baie-Test",
        "G5A 1B2",
    )


def _submitted(user, **values):
    application = services.start_application(user, by=user)
    for name, value in {
        "phone": "418 555-0100",
        "accepts_code_of_ethics": True,
        "certifies_accuracy": True,
        **values,
    }.items():
        setattr(application, name, value)
    application.save()
    services.attach_document(
        application,
        kind=ApplicationDocument.Kind.HIRING_RESOLUTION,
        upload=SimpleUploadedFile("resolution.pdf", valid_pdf()),
        by=user,
    )
    return services.submit_application(application, by=user)


def test_the_work_address_becomes_the_dues_invoice_address():
    function = FunctionFactory(
        organization__street="1, place de la Mairie", organization__city="Ailleurs"
    )
    application = _submitted(
        function.user,
        street="300, boulevard du Travail, bureau 4",
        city="Clairlac",
        province="QC",
        postal_code="G0A 1A0",
    )
    application = services.approve_application(application, by=UserFactory(is_staff=True))
    address = application.dues_invoice.billed_address
    assert "300, boulevard du Travail, bureau 4" in address
    assert "Clairlac QC  G0A 1A0" in address
    assert "place de la Mairie" not in address
    assert address.splitlines()[0] == function.organization.name


def test_missing_document_mail_links_to_the_page_saying_what_is_missing(
    client, django_capture_on_commit_callbacks
):
    user = FunctionFactory(user__language="en").user
    application = _submitted(user, street="1, rue A", city="B", postal_code="G0A 1A0")
    with django_capture_on_commit_callbacks(execute=True):
        services.request_document(
            application, by=UserFactory(is_staff=True), message="Your diploma is missing."
        )
    body = mail.outbox[-1].body
    status_path = "/en/account/membership/status/"
    assert status_path in body
    link = next(line for line in body.splitlines() if status_path in line)
    client.force_login(user)
    page = client.get(link[link.index(status_path) :]).content.decode()
    assert "Your diploma is missing." in page
    assert reverse("membership:apply_step", args=[4]).replace("/fr/", "/en/") in page


def test_staff_see_the_proposed_employer_in_the_review_and_the_organizations(client, applicant):
    client.post(
        STEP.format(lang="fr", n=3),
        {"new_organization": "MRC du Lac-Test", "job_title": "Greffier", "hired_on": "2025-03-01"},
    )
    application = _application(applicant)
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    review = client.get(reverse("membership_applications:review", args=[application.pk]))
    assert "MRC du Lac-Test" in review.content.decode()
    assert "proposé, à valider par notre équipe" in review.content.decode()
    organizations = client.get(reverse("member_organizations:index")).content.decode()
    assert "MRC du Lac-Test" in organizations and str(applicant) in organizations
