import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from events import services
from events.models import EventPage, Registration
from events.tickets import ticket_code
from members.models import User

from .conftest import assert_accessible, login_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_registers_for_a_training_in_english(demo, english_page, live_server):
    page = english_page
    member = User.objects.get(username="membre")
    login_browser(page, member, live_server)
    training = EventPage.objects.get(
        slug="preparer-et-presenter-le-budget-municipal", locale__language_code="fr"
    )
    english = training.localized_for("en")
    page.goto(english.url)
    assert_accessible(page)
    page.get_by_role("link", name="Register", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Registration")
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    # The title says so first, and the focus is on the first field in error.
    expect(page).to_have_title(re.compile("^Error: Register — "))
    expect(page.locator("input[name=option]").first).to_be_focused()
    assert_accessible(page)
    page.locator("input[name=option]").first.check()
    for group in page.locator("fieldset.choice-group").all()[1:]:
        group.locator("input").first.check()
    for text in page.locator(".field input[type=text], .field textarea").all():
        text.fill("Nothing to add")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review the registration")
    assert_accessible(page)
    page.get_by_role("link", name="Previous").click()
    expect(page.locator("input[name=option]").first).to_be_checked()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()
    registration = Registration.objects.get(person=member, event=training)
    expect(page.get_by_text(registration.invoice.number)).to_be_visible()
    expect(page.get_by_text("The registration is confirmed.")).to_be_visible()
    expect(page.get_by_role("link", name="Badge (PDF)")).to_be_visible()
    assert_accessible(page)


def _register_colleague(page, name):
    page.get_by_label("Personne à inscrire").select_option(label=name)
    page.get_by_role("button", name="Inscrire", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Inscription")
    page.locator("input[name=option]").first.check()
    for group in page.locator("fieldset.choice-group").all()[1:]:
        group.locator("input").first.check()
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifier l’inscription")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_text("L’inscription est confirmée.")).to_be_visible()


def test_delegate_registers_two_colleagues_and_a_companion(demo, page, live_server):
    delegate = User.objects.get(username="delegue")
    login_browser(page, delegate, live_server)
    congress = EventPage.objects.get(kind="congress", locale__language_code="fr")
    page.goto(congress.url)
    page.get_by_role("link", name="Inscrire des collègues de mon organisation").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Inscriptions de mon organisation")
    assert_accessible(page)
    page.get_by_role("searchbox", name="Chercher un collègue").fill("Bouchard")
    page.get_by_role("search", name="Chercher un collègue").get_by_role(
        "button", name="Rechercher"
    ).click()
    expect(page.get_by_label("Personne à inscrire").locator("option")).to_have_count(1)
    assert_accessible(page)
    page.get_by_label("Personne à inscrire").select_option(label="Bouchard-Test, Amélie")
    page.get_by_role("button", name="Inscrire", exact=True).click()
    # The title names whom the delegate registers (the form looks the same for each).
    expect(page).to_have_title(re.compile("^Inscrire Amélie Bouchard-Test — "))
    assert_accessible(page)
    expect(page.get_by_text("Besoins alimentaires")).to_have_count(0)
    page.locator("input[name=option]").first.check()
    for group in page.locator("fieldset.choice-group").all()[1:]:
        group.locator("input").first.check()
    page.get_by_role("button", name="Continuer").click()
    assert_accessible(page)
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_text("L’inscription est confirmée.")).to_be_visible()
    expect(page.get_by_role("status").get_by_role("list")).to_be_focused()  # read first
    assert_accessible(page)

    page.goto(page.url)  # the registration page
    page.get_by_role("link", name="Ajouter un accompagnateur à la soirée gala").click()
    assert_accessible(page)
    page.get_by_label("Nom complet de l’accompagnateur").fill("Gabriel Exemple")
    page.get_by_role("button", name="Inscrire").click()
    expect(page.get_by_text("L’accompagnateur est inscrit.")).to_be_visible()
    assert_accessible(page)

    _register_colleague(page, "Caron-Test, Bruno")
    page.goto(congress.url)
    page.get_by_role("link", name="Inscrire des collègues de mon organisation").click()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    numbers = set(re.findall(r"F-\d{6}", page.locator("table").inner_text()))
    assert len(numbers) == 3
    assert_accessible(page)

    # "Mon compte" → "Factures": three separate invoices, each with its own "Visualiser".
    page.get_by_role("navigation", name="Compte").get_by_role("link", name="Mon compte").click()
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name="Factures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Factures")
    listed = set(re.findall(r"F-\d{6}", page.locator("table.invoices-table").inner_text()))
    assert numbers <= listed
    for number in numbers:
        expect(page.get_by_role("link", name=f"Visualiser {number}")).to_be_visible()
    assert_accessible(page)


def test_member_asks_to_cancel_before_the_deadline(demo, page, live_server):
    member = User.objects.get(username="membre")
    seminar = EventPage.objects.get(kind="seminar", locale__language_code="fr")
    registration = services.register(
        seminar,
        member,
        by=member,
        option=seminar.options.first(),
        answers={},
    )
    login_browser(page, member, live_server)
    page.goto("/fr/account/events/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes évènements")
    assert_accessible(page)
    # The registration's badge: a PDF with the member's name and the code its QR code carries.
    with page.expect_download() as download_info:
        page.get_by_role("link", name=f"Badge (PDF) — {seminar.title}").click()
    download = download_info.value
    assert download.suggested_filename == f"badge-{registration.pk}.pdf"
    with open(download.path(), "rb") as pdf:
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read())).pages)
    assert member.get_full_name() in text and ticket_code(registration.pk) in text
    page.get_by_role("link", name=seminar.title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Inscription — {seminar.title}")
    assert_accessible(page)
    page.get_by_role("link", name="Demander l’annulation de cette inscription").click()
    expect(page.get_by_label("Motif de l’annulation")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Motif de l’annulation").fill(
        "Un conflit d’horaire avec une séance du conseil."
    )
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_text("Votre demande d’annulation a été envoyée")).to_be_visible()
    expect(page.get_by_text("en attente d’approbation")).to_be_visible()
    assert_accessible(page)
    assert member.registrations.get(event=seminar).cancellation_requests.count() == 1
