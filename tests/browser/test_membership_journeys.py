import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from invoices.models import Invoice
from members.models import User
from membership import services
from membership.models import MembershipApplication
from tests.factories import OrganizationFactory, UserFactory
from tests.membership.pdfs import valid_pdf

from .conftest import assert_accessible, login_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_apply_without_a_file_in_seven_steps_then_staff_approve(demo, page, live_server, tmp_path):
    OrganizationFactory(name="Ville de Clairlac")
    resolution = tmp_path / "resolution.pdf"
    resolution.write_bytes(valid_pdf())
    diploma = tmp_path / "diplome.pdf"
    diploma.write_bytes(valid_pdf())

    page.goto("/fr/account/membership/")
    expect(page.get_by_role("heading", level=2)).to_contain_text("Étape 1 de 7")
    assert_accessible(page)
    page.get_by_label("Prénom").fill("Noémie")
    page.get_by_label("Nom", exact=True).fill("Exemple")
    page.get_by_label("Courriel", exact=True).fill("noemie@example.org")
    page.get_by_label("Nom d’utilisateur").fill("noemie")
    page.get_by_label("Mot de passe", exact=True).fill("Une-phrase-de-passe-2026")
    page.get_by_label("Mot de passe (confirmation)").fill("Une-phrase-de-passe-2026")
    page.get_by_role("button", name="Continuer").click()

    expect(page.get_by_role("heading", level=2)).to_contain_text("Étape 2 de 7")
    assert_accessible(page)
    page.get_by_label("Téléphone au travail").fill("418 555-0199")
    page.get_by_label("Adresse", exact=True).fill("1, rue des Érables")
    page.get_by_label("Ville").fill("Clairlac")
    page.get_by_label("Code postal").fill("g0a 1a0")
    # "Précédent" comes before "Continuer", as on the screen; Enter in a field still goes on.
    page.get_by_role("button", name="Précédent").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Continuer")).to_be_focused()
    page.get_by_label("Code postal").press("Enter")

    expect(page.get_by_role("heading", level=2)).to_contain_text("Étape 3 de 7")
    page.get_by_label("Employeur", exact=True).select_option(label="Ville de Clairlac")
    page.get_by_label("Titre du poste").fill("Greffière")
    page.get_by_label("Date d’embauche").fill("2025-04-01")
    assert_accessible(page)
    page.get_by_role("button", name="Continuer").click()

    expect(page.get_by_role("heading", level=2)).to_contain_text("Étape 4 de 7")
    assert_accessible(page)
    page.get_by_label("Fichier PDF").set_input_files(str(resolution))
    page.get_by_role("button", name="Continuer").click()

    expect(page.get_by_role("heading", level=2)).to_contain_text("Étape 5 de 7")
    page.get_by_label("Fichier PDF").set_input_files(str(diploma))
    page.get_by_role("button", name="Continuer").click()

    expect(page.get_by_role("heading", level=2)).to_contain_text("Étape 6 de 7")
    page.get_by_label("J’accepte le code de déontologie").check()
    page.get_by_label("J’atteste que les renseignements fournis sont exacts").check()
    assert_accessible(page)
    page.get_by_role("button", name="Continuer").click()

    expect(page.get_by_role("heading", level=2)).to_contain_text("Étape 7 de 7")
    expect(page.get_by_text("Greffière")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_text("Votre demande est envoyée.")).to_be_visible()
    assert_accessible(page)

    application = MembershipApplication.objects.get(user__username="noemie")
    assert application.status == "submitted" and application.documents.count() == 2

    # A staff member approves it in the Wagtail admin.
    page.context.clear_cookies()
    login_browser(page, User.objects.get(username="admin"), live_server)
    page.goto("/admin/membership-applications/")
    page.get_by_role("link", name="Noémie Exemple").click()
    expect(page.get_by_text("résolution", exact=False).first).to_be_visible()
    page.get_by_role("button", name="Approuver").click()
    expect(page.get_by_text("Demande approuvée")).to_be_visible()
    assert_accessible(page)
    user = User.objects.get(username="noemie")
    assert user.is_member and Invoice.objects.filter(customer=user).count() == 1


def test_member_downloads_an_attestation_in_english(demo, english_page, live_server):
    member = UserFactory(first_name="Camille", last_name="Fictif", language="en")
    services.award_training_credits(
        member,
        source_key="t1",
        earned_on=datetime.date.today() - datetime.timedelta(days=3),
        credits=Decimal("7"),
        label_fr="Budget municipal 101",
        label_en="Municipal budgeting 101",
        by=None,
    )
    login_browser(english_page, member, live_server)
    english_page.goto("/en/account/title/")
    expect(english_page.get_by_role("heading", level=1)).to_have_text("Title and attestations")
    expect(english_page.get_by_text("7 of 60 credits earned; 53 remaining.")).to_be_visible()
    assert_accessible(english_page)
    with english_page.expect_download() as download_info:
        english_page.get_by_role("link", name=re.compile("See")).click()
    download = download_info.value
    assert download.suggested_filename.startswith("attestation-")
    assert Path(download.path()).read_bytes().startswith(b"%PDF-")
