"""Badges and tickets (issue 13 point 5): a confirmed registration's PDF badge, in the person's
language, with a QR code that carries the registration's ticket code; downloaded from "Mes
évènements" and attached to the confirmation e-mail."""

import io
import re

import pytest
import zxingcpp
from pypdf import PdfReader

from django.core import mail
from django.urls import reverse

from events import services
from events.badges import badge_attachment, badge_pdf, qr_png
from events.models import CancellationRequest
from events.tickets import registration_id_from_code, ticket_code
from home.formatting import format_date_range
from members.models import Organization
from tests.factories import FunctionFactory, OrganizationFactory, UserFactory

from .factories import answers, make_event, option, organization_with_delegate

pytestmark = pytest.mark.django_db


def register(event, person, by=None, label="Journée"):
    return services.register(
        event, person, by=by or person, option=option(event, label), answers=answers(event)
    )


def page_text(page):
    """A page's text, its lines joined (a sentence may wrap); xhtml2pdf sets the narrow
    no-break space of running text as a space."""
    return re.sub(r" *\n *", " ", page.extract_text()).replace("\u202f", " ")


def pdf_text(content):
    return " ".join(page_text(page) for page in PdfReader(io.BytesIO(content)).pages)


def qr_codes(content):
    """What the QR codes drawn in the PDF read, page by page, as a scanner reads them."""
    found = []
    for page in PdfReader(io.BytesIO(content)).pages:
        for image in page.images:
            found.extend(result.text for result in zxingcpp.read_barcodes(image.image))
    return found


def person(language="fr", organization="Ville de Lévis", **fields):
    user = UserFactory(first_name="Amélie", last_name="Gagnon", language=language, **fields)
    employer = Organization.objects.filter(name=organization).first()
    FunctionFactory(user=user, organization=employer or OrganizationFactory(name=organization))
    return user


@pytest.mark.parametrize(
    ("language", "title", "option_label", "when"),
    [
        ("fr", "Congrès annuel", "Option : Journée complète", r"\d+(er)? \w+ \d{4}, \d+ h \d\d"),
        ("en", "Congrès annuel (EN)", "Option: Full day", r"[A-Z]\w+ \d+, \d{4}, \d+:\d\d [ap]\.m"),
    ],
)
def test_the_badge_is_in_the_persons_language(language, title, option_label, when):
    event = make_event(title="Congrès annuel", english=True, place="Centre des congrès")
    registration = register(event, person(language))
    content = badge_pdf(registration)
    assert content.startswith(b"%PDF-")
    text = pdf_text(content)
    for printed in ("Amélie Gagnon", "Ville de Lévis", title, option_label, "Centre des congrès"):
        assert printed in text
    assert ticket_code(registration.pk) in text
    # The dates as the person's locale writes them.
    assert format_date_range(event.start, event.end, language) in text
    assert re.search(when, text)
    if language == "en":
        assert "Journée complète" not in text


def test_the_qr_code_carries_exactly_the_ticket_code():
    event = make_event()
    registration = register(event, person())
    code = ticket_code(registration.pk)
    assert qr_codes(badge_pdf(registration)) == [code]
    assert registration_id_from_code(code) == registration.pk


def test_the_qr_code_is_a_regular_one_that_phones_read():
    # segno would pick a Micro QR for such short data, which most scanners ignore.
    [result] = zxingcpp.read_barcodes(_png_image(qr_png("1234-K7QX2M")))
    assert result.text == "1234-K7QX2M"
    assert result.format == zxingcpp.BarcodeFormat.QRCode


def _png_image(data):
    from PIL import Image

    return Image.open(io.BytesIO(data))


def test_the_badge_names_the_organization_of_the_registration():
    participant = person(organization="Ville de Lévis")
    registration = register(make_event(), participant)
    # The person changes employer afterwards: the badge keeps the one they registered with.
    participant.functions.update(end_date="2026-01-01")
    FunctionFactory(user=participant, organization=OrganizationFactory(name="MRC de Bellechasse"))
    text = pdf_text(badge_pdf(registration))
    assert "Ville de Lévis" in text and "Bellechasse" not in text


def test_confirmed_companions_get_a_ticket_page_each():
    event = make_event(title="Soirée gala", english=True)
    registration = register(event, person("en"))
    services.add_companion(registration, by=registration.person, name="Jules Tremblay")
    content = badge_pdf(registration)
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 2
    ticket = page_text(reader.pages[1])
    assert "Jules Tremblay" in ticket and "Guest of Amélie Gagnon" in ticket
    assert "Companion — gala evening" in ticket
    # The companion's ticket carries the registration they came with.
    assert qr_codes(content) == [ticket_code(registration.pk)] * 2


def test_a_french_companion_ticket_elides_before_a_vowel():
    event = make_event(title="Soirée gala")
    registration = register(event, person("fr"))
    services.add_companion(registration, by=registration.person, name="Jules Tremblay")
    text = pdf_text(badge_pdf(registration))
    assert "Accompagne Amélie Gagnon" in text
    assert "Ce billet porte le code de l’inscription d’Amélie Gagnon :" in text


# --- Mes évènements, the registration page and the download -----------------------------------


def test_my_events_links_each_confirmed_registrations_badge(client):
    participant = person()
    kept = register(make_event(title="Colloque"), participant)
    cancelled = register(make_event(title="Atelier"), participant)
    cancelled.status = "cancelled"
    cancelled.save()
    client.force_login(participant)
    html = client.get(reverse("events:my_events")).content.decode()
    assert reverse("events:badge", kwargs={"pk": kept.pk}) in html
    assert reverse("events:badge", kwargs={"pk": cancelled.pk}) not in html
    assert "Badge (PDF)" in html
    detail = client.get(reverse("events:registration", kwargs={"pk": kept.pk})).content.decode()
    assert reverse("events:badge", kwargs={"pk": kept.pk}) in detail


def test_the_badge_downloads_as_a_private_pdf(client):
    participant = person("en")
    registration = register(make_event(title="Colloque", english=True), participant)
    client.force_login(participant)
    # Read from the French site, the badge stays in the person's language.
    response = client.get(reverse("events:badge", kwargs={"pk": registration.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="badge-{registration.pk}.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert "Colloque (EN)" in pdf_text(response.content)


def test_only_the_person_and_their_delegate_get_the_badge(client):
    _organization, delegate, (colleague, _other) = organization_with_delegate()
    registration = register(make_event(), colleague, by=delegate)
    url = reverse("events:badge", kwargs={"pk": registration.pk})
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(delegate)
    assert client.get(url).status_code == 200
    client.force_login(colleague)
    assert client.get(url).status_code == 200


def test_a_cancelled_registration_has_no_badge(client, admin_user):
    participant = person()
    registration = register(make_event(), participant)
    request = CancellationRequest.objects.create(
        registration=registration, reason="Malade", requested_by=participant
    )
    services.approve_cancellation(request, by=admin_user)
    client.force_login(participant)
    assert client.get(reverse("events:badge", kwargs={"pk": registration.pk})).status_code == 404
    assert badge_attachment(registration.pk) is None


# --- The confirmation e-mail --------------------------------------------------------------------


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.mark.parametrize(
    ("language", "subject", "title", "sentence"),
    [
        ("fr", "Inscription confirmée", "Congrès", "Votre badge est joint"),
        ("en", "Registration confirmed", "Congrès (EN)", "Your badge is attached"),
    ],
)
def test_the_confirmation_email_carries_the_badge(sent, language, subject, title, sentence):
    participant = person(language, email="amelie@example.org")
    event = make_event(title="Congrès", english=True)
    with sent():
        registration = register(event, participant)
    [confirmation] = [m for m in mail.outbox if m.subject.startswith(subject)]
    assert sentence in confirmation.body
    [(filename, content, mimetype)] = confirmation.attachments
    assert (filename, mimetype) == (f"badge-{registration.pk}.pdf", "application/pdf")
    text = pdf_text(content)
    assert title in text and "Amélie Gagnon" in text and ticket_code(registration.pk) in text


def test_the_delegates_copy_carries_the_colleagues_badge_in_the_colleagues_language(sent):
    _organization, delegate, (colleague, _other) = organization_with_delegate()
    delegate.language = "en"
    delegate.save()
    event = make_event(title="Colloque", english=True)
    with sent():
        register(event, colleague, by=delegate)
    subject = "Copy: Registration confirmed: Colloque (EN)"
    copy = next(m for m in mail.outbox if m.subject == subject)
    [(_filename, content, _mimetype)] = copy.attachments
    text = pdf_text(content)
    assert colleague.get_full_name() in text
    assert "Colloque" in text and "Colloque (EN)" not in text  # the colleague reads French


def test_a_change_of_option_mails_the_updated_badge(sent):
    participant = person(email="amelie@example.org")
    event = make_event()
    registration = register(event, participant)
    mail.outbox.clear()
    with sent():
        services.change_registration(
            registration, by=participant, option=option(event, "Demi"), answers=answers(event)
        )
    [changed] = [m for m in mail.outbox if m.subject.startswith("Inscription modifiée")]
    [(_filename, content, _mimetype)] = changed.attachments
    assert "Demi-journée" in pdf_text(content)
