"""Member file journeys: create a file in five steps (French); log in with the e-mail, change
an address, add a function and end the old one (English)."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from home.colours import contrast_ratio
from members.models import Address, Function, User
from tests.factories import FunctionFactory, OrganizationFactory, UserFactory

from .conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _hex(css_colour):
    """`rgb(179, 89, 0)` as `#b35900`."""
    red, green, blue = (int(n) for n in re.findall(r"\d+", css_colour)[:3])
    return f"#{red:02x}{green:02x}{blue:02x}"


def test_create_a_file_in_five_steps(demo, page):
    page.goto("/fr/account/login/")
    assert_accessible(page)
    page.get_by_role("link", name="Créer un dossier").click()

    expect(page.get_by_role("heading", level=2)).to_contain_text("Étape 1 de 5")
    assert_accessible(page)
    # The browser may fill in what it knows of the person (WCAG 1.3.5), and a screen reader
    # reads "English" in English on this French page.
    expect(page.get_by_label("Prénom")).to_have_attribute("autocomplete", "given-name")
    expect(page.get_by_label("Courriel professionnel")).to_have_attribute(
        "autocomplete", "work email"
    )
    expect(page.get_by_label("Langue préférée").locator("option[value=en]")).to_have_attribute(
        "lang", "en"
    )
    page.get_by_label("Prénom").fill("Rosalie")
    page.get_by_label("Nom", exact=True).fill("Bergeron")
    page.get_by_label("Courriel professionnel").fill("rosalie.bergeron@example.org")
    page.get_by_label("Nom d’utilisateur").fill("rbergeron")
    page.get_by_label("Mot de passe", exact=True).fill("Baie-des-Sables-26")
    page.get_by_label("Mot de passe (confirmation)").fill("Baie-des-Sables-26")
    page.get_by_role("button", name="Continuer").click()

    expect(page.get_by_role("heading", level=2)).to_contain_text("Étape 2 de 5")
    # Bad input is explained on the field, which the focus goes to; the title says so first.
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#id_work-street_error")).to_be_visible()
    expect(page).to_have_title(re.compile("^Erreur : Créer un dossier — "))
    work = page.get_by_role("group", name="Adresse au travail")
    expect(work.get_by_label("Adresse")).to_be_focused()
    expect(work.get_by_label("Adresse")).to_have_attribute(
        "autocomplete", "section-work street-address"
    )
    assert_accessible(page)
    work.get_by_label("Adresse").fill("250, boulevard des Érables")
    work.get_by_label("Ville").fill("Saint-Exemple")
    work.get_by_label("Code postal").fill("G0X 2Z0")
    page.get_by_role("button", name="Continuer").click()

    expect(page.get_by_role("heading", level=2)).to_contain_text("Étape 3 de 5")
    assert_accessible(page)
    # "Précédent" comes before "Continuer", in the Tab order as on the screen.
    page.get_by_role("button", name="Précédent").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Continuer")).to_be_focused()
    # Going back keeps what was typed.
    page.get_by_role("button", name="Précédent").click()
    expect(
        page.get_by_role("group", name="Adresse au travail").get_by_label("Ville")
    ).to_have_value("Saint-Exemple")
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Employeur", exact=True).select_option(label="Ville de Saint-Exemple")
    page.get_by_label("Titre du poste").fill("Conseillère en communication")
    page.get_by_role("button", name="Continuer").click()

    expect(page.get_by_role("heading", level=2)).to_contain_text("Étape 4 de 5")
    assert_accessible(page)
    page.get_by_label("Expertises").fill("Communication municipale")
    page.get_by_label("Profil LinkedIn").fill("https://www.linkedin.com/in/rbergeron")
    page.get_by_label("Profil LinkedIn").press("Enter")  # Enter in a field goes on

    expect(page.get_by_role("heading", level=2)).to_contain_text("Étape 5 de 5")
    assert_accessible(page)
    page.get_by_label("Infolettre").check()
    page.get_by_label("Urbanisme et aménagement").check()
    assert not User.objects.filter(username="rbergeron").exists()
    page.get_by_role("button", name="Créer mon dossier").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mon dossier")
    expect(page.get_by_text("Votre dossier est créé")).to_be_visible()
    expect(page.get_by_text("Urbanisme et aménagement")).to_be_visible()
    expect(page.get_by_role("status").get_by_role("list")).to_be_focused()  # read first
    expect(page.locator("dd", has_text="Français")).to_have_attribute("lang", "fr")
    assert_accessible(page)
    user = User.objects.get(username="rbergeron")
    assert user.current_function.title == "Conseillère en communication"


def test_log_in_with_email_change_address_and_functions(demo, english_page):
    page = english_page
    old_employer = OrganizationFactory(name="Old Town Test")
    new_employer = OrganizationFactory(name="New City Test")
    user = UserFactory(
        username="lgirard",
        email="l.girard@example.org",
        language="en",
        first_name="Louis",
        last_name="Girard",
    )
    FunctionFactory(
        user=user, organization=old_employer, title="Analyst", start_date=datetime.date(2019, 4, 1)
    )

    page.goto("/en/account/login/")
    assert_accessible(page)
    # The focus ring stands out from the white page (WCAG 1.4.11: 3:1).
    username = page.get_by_label("Username or e-mail")
    expect(username).to_be_focused()
    ring = username.evaluate("(field) => getComputedStyle(field).outlineColor")
    assert contrast_ratio(_hex(ring), "#ffffff") >= 3, ring
    username.fill("l.girard@example.org")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    # A wrong password: the title says so and the focus is on the error, read at once.
    expect(page).to_have_title(re.compile("^Error: Log in · "))
    expect(page.get_by_role("alert")).to_be_focused()
    page.get_by_label("Password").fill("secret-pass-2026")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My account")
    assert_accessible(page)

    page.get_by_role("link", name="My file").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My file")
    assert_accessible(page)
    page.get_by_role("link", name="Edit my addresses").click()
    assert_accessible(page)
    personal = page.get_by_role("group", name="Personal address")
    personal.get_by_label("Street address").fill("12 Maple Street")
    personal.get_by_label("City").fill("Lévis")
    personal.get_by_label("Postal code").fill("G6V 1A1")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your addresses were updated.")).to_be_visible()
    expect(page.get_by_text("12 Maple Street")).to_be_visible()
    assert Address.objects.get(user=user, kind=Address.Kind.PERSONAL).city == "Lévis"

    page.get_by_role("link", name="Manage my functions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My functions")
    assert_accessible(page)
    page.get_by_label("Employer", exact=True).select_option(label="New City Test")
    page.get_by_label("Job title").fill("Director")
    page.get_by_label("Start date").fill("2025-09-02")
    page.get_by_role("button", name="Add the function").click()
    expect(page.get_by_text("The new function was added.")).to_be_visible()
    assert_accessible(page)
    old = Function.objects.get(user=user, title="Analyst")
    page.locator(f"#id_end_date_{old.pk}").fill("2025-08-29")
    page.get_by_role("button", name="End “Analyst”").click()
    expect(page.get_by_text("The function was ended")).to_be_visible()
    assert_accessible(page)
    old.refresh_from_db()
    assert old.end_date == datetime.date(2025, 8, 29)
    user = User.objects.get(pk=user.pk)
    assert user.current_organization == new_employer
    expect(page.get_by_role("row", name=re.compile("Analyst"))).to_contain_text("2025")
