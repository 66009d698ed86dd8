from decimal import Decimal
from pathlib import Path

import pytest

from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from home.errors import QuorumError
from invoices.models import Invoice
from members.models import User
from membership import services
from membership.models import ApplicationDecision, ApplicationDocument, MembershipApplication
from membership.uploads import MAX_PAGES, MAX_UPLOAD_SIZE
from tests.factories import FunctionFactory, OrganizationFactory, UserFactory
from tests.responses import close_file

from .pdfs import encrypted_pdf, javascript_pdf, link_launch_pdf, open_action_pdf, valid_pdf

pytestmark = pytest.mark.django_db

STEP = "/{lang}/account/membership/step/{n}/"


def stored_files():
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def application_for(user, **values):
    application = services.start_application(user, by=user)
    for name, value in values.items():
        setattr(application, name, value)
    application.save()
    return application


def submitted_application(user=None):
    user = user or FunctionFactory().user
    application = application_for(
        user, phone="418 555-0100", accepts_code_of_ethics=True, certifies_accuracy=True
    )
    services.attach_document(
        application,
        kind=ApplicationDocument.Kind.HIRING_RESOLUTION,
        upload=SimpleUploadedFile("resolution.pdf", valid_pdf()),
        by=user,
    )
    return services.submit_application(application, by=user)


BAD_FILES = [
    ("setup.pdf", b"MZ\x90\x00" + b"\x00" * 200, "not a PDF document"),
    ("page.pdf", b"<!DOCTYPE html><html><body>hello</body></html>", "not a PDF document"),
    ("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "not a PDF document"),
    ("empty.pdf", b"", "empty"),
    ("cut.pdf", valid_pdf(3)[:180], "damaged or incomplete"),
    ("locked.pdf", encrypted_pdf(), "protected by a password"),
    ("resolution.docx", valid_pdf(), "Only PDF files"),
    ("big.pdf", b"%PDF-1.4\n" + b"0" * (MAX_UPLOAD_SIZE + 1), "too large"),
    ("fake.pdf", b"%PDF-1.7\nthis is not really a pdf at all", "damaged or incomplete"),
    ("long.pdf", valid_pdf(MAX_PAGES + 1), "has 201 pages; the limit is 200"),
    ("script.pdf", javascript_pdf(), "contains JavaScript or actions"),
    ("opens.pdf", open_action_pdf(), "contains JavaScript or actions"),
    ("link.pdf", link_launch_pdf(), "contains JavaScript or actions"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES, ids=[f[0] for f in BAD_FILES])
def test_bad_files_are_refused_with_a_message_and_nothing_is_kept(client, name, content, message):
    user = FunctionFactory().user
    user.language = "en"
    user.save()
    application_for(user)
    client.force_login(user)
    before = stored_files()
    response = client.post(STEP.format(lang="en", n=4), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ApplicationDocument.objects.count() == 0
    assert stored_files() == before


def test_a_pdf_of_exactly_the_page_limit_is_accepted(client):
    user = FunctionFactory().user
    application = application_for(user)
    services.attach_document(
        application,
        kind=ApplicationDocument.Kind.HIRING_RESOLUTION,
        upload=SimpleUploadedFile("long.pdf", valid_pdf(MAX_PAGES)),
        by=user,
    )
    assert application.documents.count() == 1


def test_bad_file_message_is_in_the_page_language(client):
    user = FunctionFactory().user
    application_for(user)
    client.force_login(user)
    response = client.post(
        STEP.format(lang="fr", n=4), {"file": SimpleUploadedFile("x.pdf", b"<html>")}
    )
    assert "n’est pas un document PDF" in response.content.decode()


def test_valid_pdf_is_kept_privately_under_a_random_name(client):
    user = FunctionFactory().user
    application_for(user)
    client.force_login(user)
    before = set(stored_files())
    response = client.post(
        STEP.format(lang="fr", n=4),
        {"file": SimpleUploadedFile("Résolution Tremblay.pdf", valid_pdf())},
    )
    assert response.status_code == 302
    document = ApplicationDocument.objects.get()
    assert "Tremblay" not in document.file.name
    [path] = set(stored_files()) - before
    assert not str(path).startswith(str(settings.MEDIA_ROOT))
    assert client.get(f"/media/{document.file.name}").status_code == 404


def test_document_is_served_to_the_applicant_and_staff_only_as_attachment(client):
    application = submitted_application()
    document = application.documents.get()
    url = f"/fr/account/membership/documents/{document.pk}/"

    client.force_login(application.user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    close_file(response)

    client.force_login(UserFactory())
    assert client.get(url).status_code == 404

    staff = UserFactory(is_staff=True)
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(Permission.objects.get(codename="review_application"))
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    close_file(response)


def test_anonymous_is_sent_to_login(client):
    for url in [
        STEP.format(lang="fr", n=2),
        "/fr/account/membership/status/",
        "/fr/account/title/",
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_seven_steps_without_a_file(client, django_capture_on_commit_callbacks):
    organization = OrganizationFactory(name="Ville de Clairlac")
    response = client.get("/fr/account/membership/")
    assert response["Location"] == STEP.format(lang="fr", n=1)
    page = client.get(STEP.format(lang="fr", n=1)).content.decode()
    assert "Étape 1 de 7" in page

    response = client.post(
        STEP.format(lang="fr", n=1),
        {
            "first_name": "Noémie",
            "last_name": "Exemple",
            "email": "noemie@example.org",
            "username": "noemie",
            "password1": "Une-phrase-de-passe-2026",
            "password2": "Une-phrase-de-passe-2026",
            "language": "fr",
        },
    )
    assert response["Location"] == STEP.format(lang="fr", n=2)
    user = User.objects.get(username="noemie")
    client.post(
        STEP.format(lang="fr", n=2),
        {
            "phone": "418 555-0199",
            "street": "1, rue A",
            "city": "Clairlac",
            "postal_code": "G0A 1A0",
        },
    )
    client.post(
        STEP.format(lang="fr", n=3),
        {"organization": organization.pk, "job_title": "Greffière", "hired_on": "2025-04-01"},
    )
    client.post(STEP.format(lang="fr", n=4), {"file": SimpleUploadedFile("r.pdf", valid_pdf())})
    # Stop here and come back later: the application resumes at the next step.
    client.logout()
    client.force_login(user)
    assert client.get("/fr/account/membership/")["Location"] == STEP.format(lang="fr", n=5)
    client.post(STEP.format(lang="fr", n=5), {"file": SimpleUploadedFile("d.pdf", valid_pdf())})
    client.post(
        STEP.format(lang="fr", n=6),
        {"statement": "", "accepts_code_of_ethics": "on", "certifies_accuracy": "on"},
    )
    review = client.get(STEP.format(lang="fr", n=7)).content.decode()
    assert "Ville de Clairlac" in review and "Greffière" in review and "Étape 7 de 7" in review
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(STEP.format(lang="fr", n=7), {"submit": "1"})
    assert response["Location"] == "/fr/account/membership/status/"
    application = MembershipApplication.objects.get(user=user)
    assert application.status == MembershipApplication.Status.SUBMITTED
    assert application.documents.count() == 2
    assert mail.outbox[-1].subject == "Nous avons reçu votre demande d’adhésion"


def test_an_email_longer_than_a_file_keeps_is_refused_on_the_first_step(client):
    too_long = "a" * 64 + "@" + ".".join(["b" * 63, "c" * 63, "d" * 63]) + ".ca"
    response = client.post(
        STEP.format(lang="en", n=1),
        {
            "first_name": "Noémie",
            "last_name": "Exemple",
            "email": too_long,
            "username": "noemie",
            "password1": "Une-phrase-de-passe-2026",
            "password2": "Une-phrase-de-passe-2026",
            "language": "en",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_email_error"' in html and "at most 254 characters" in html
    assert not User.objects.filter(username="noemie").exists()


def test_an_email_another_account_took_meanwhile_is_refused_as_in_create_a_file():
    # The first step's form checked the address; another account took it, in another case,
    # before the file was created: refused as "Créer un dossier" refuses it, no second account.
    UserFactory(email="noemie@example.org")
    with pytest.raises(QuorumError) as refused:
        services.create_file_for_application(
            first_name="Noémie",
            last_name="Exemple",
            email="Noemie@Example.org",
            username="noemie",
            password1="Une-phrase-de-passe-2026",
            language="fr",
        )
    assert refused.value.code == "email_taken"
    assert User.objects.filter(email__iexact="noemie@example.org").count() == 1


def test_from_an_existing_file_six_steps_prefilled_in_english(client):
    function = FunctionFactory(title="Town clerk")
    user = function.user
    client.force_login(user)
    response = client.get("/en/account/membership/")
    assert response["Location"] == STEP.format(lang="en", n=2)
    page = client.get(STEP.format(lang="en", n=3)).content.decode()
    assert "Step 2 of 6" in page
    assert 'value="Town clerk"' in page
    assert client.get(STEP.format(lang="en", n=1))["Location"] == "/en/account/membership/"


def test_previous_keeps_the_application_and_goes_back(client):
    user = FunctionFactory().user
    application_for(user)
    client.force_login(user)
    response = client.post(STEP.format(lang="fr", n=3), {"back": "1"})
    assert response["Location"] == STEP.format(lang="fr", n=2)


def test_resolution_is_required_and_declarations_are_required(client):
    user = FunctionFactory().user
    application_for(user)
    client.force_login(user)
    response = client.post(STEP.format(lang="en", n=4), {})
    assert "This field is required" in response.content.decode()
    response = client.post(STEP.format(lang="en", n=6), {"statement": "x"})
    assert response.status_code == 200
    response = client.post(STEP.format(lang="en", n=7), {"submit": "1"}, follow=True)
    assert "The hiring resolution (PDF) is required." in response.content.decode()
    assert MembershipApplication.objects.get().status == MembershipApplication.Status.DRAFT


def test_approving_twice_creates_one_membership_and_one_dues_invoice():
    application = submitted_application()
    staff = UserFactory(is_staff=True)
    services.approve_application(application, by=staff)
    services.approve_application(application, by=staff)
    user = User.objects.get(pk=application.user_id)
    assert user.is_member and user.member_number.startswith("M")
    invoices = Invoice.objects.filter(customer=user)
    assert invoices.count() == 1
    assert invoices.get().subtotal == Decimal("325.00")
    application.refresh_from_db()
    assert application.decisions.filter(action=ApplicationDecision.Action.APPROVED).count() == 1
    assert application.decisions.get().by == staff


def test_reject_needs_a_reason_and_tells_the_applicant(django_capture_on_commit_callbacks):
    application = submitted_application()
    staff = UserFactory(is_staff=True)
    with pytest.raises(QuorumError, match="motif du refus"):
        services.reject_application(application, by=staff, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_application(application, by=staff, reason="Poste hors champ")
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.REJECTED
    assert "Poste hors champ" in mail.outbox[-1].body


def test_missing_document_request_then_upload_again_and_resubmit(
    client, django_capture_on_commit_callbacks
):
    application = submitted_application()
    staff = UserFactory(is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_document(application, by=staff, message="Il manque le diplôme.")
    assert "Il manque le diplôme." in mail.outbox[-1].body
    client.force_login(application.user)
    status = client.get("/fr/account/membership/status/").content.decode()
    assert "Il manque le diplôme." in status
    client.post(STEP.format(lang="fr", n=5), {"file": SimpleUploadedFile("d.pdf", valid_pdf())})
    client.post(STEP.format(lang="fr", n=7), {"submit": "1"})
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.SUBMITTED
    assert [d.action for d in application.decisions.all()] == [
        "document_requested",
        "resubmitted",
    ]


def test_another_members_application_pages_show_only_their_own(client):
    mine = submitted_application()
    other = UserFactory()
    client.force_login(other)
    assert "resolution.pdf" not in client.get("/fr/account/membership/status/").content.decode()
    document = mine.documents.get()
    assert client.get(f"/fr/account/membership/documents/{document.pk}/").status_code == 404
