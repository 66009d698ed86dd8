"""No French on English pages, no English on French ones (issue 14, point 3)."""

import pytest

from django.apps import apps
from django.utils.functional import Promise

from wagtail.models import Collection, Page, Task, Workflow

from events.models import WaitingListEntry
from members.models import User

pytestmark = pytest.mark.django_db

PROJECT_APPS = ["home", "guide", "members", "membership", "events"]
# Fields that Wagtail and modelcluster add to the project's models, labelled by them.
FRAMEWORK_FIELDS = {"translation_key", "sort_order", "index_entries", "site"}


def test_the_privacy_officer_line_is_in_the_reader_language(demo, client):
    en = client.get("/en/legal/").content.decode()
    assert "Person in charge of personal information" in en
    assert "Claudine Exemple-Fictif" in en and "Responsable" not in en
    fr = client.get("/fr/legal/").content.decode()
    assert "Personne responsable de la protection des renseignements personnels" in fr
    assert "Claudine Exemple-Fictif" in fr


def test_the_waiting_list_shows_the_event_title_in_the_reader_language(demo, client):
    from events.models import EventPage

    congress = EventPage.objects.get(kind="congress", locale__language_code="fr")
    person = User.objects.get(username="participant")
    WaitingListEntry.objects.create(
        event=congress, person=person, added_by=person, option=congress.options.first()
    )
    client.force_login(person)
    english = congress.localized_for("en").title
    html = client.get("/en/account/events/").content.decode()
    assert english in html and congress.title not in html
    html = client.get("/fr/account/events/").content.decode()
    assert congress.title in html and english not in html


def test_every_field_of_the_project_has_a_translated_label():
    missing = []
    for app in PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            if not isinstance(model._meta.verbose_name, Promise):
                missing.append(model.__name__)
            for field in model._meta.get_fields(include_parents=False):
                if (
                    field.auto_created
                    or not hasattr(field, "verbose_name")
                    or field.name.startswith("_")
                    or field.name in FRAMEWORK_FIELDS
                ):
                    continue
                if not isinstance(field.verbose_name, Promise):
                    missing.append(f"{model.__name__}.{field.name}")
    assert missing == []


def test_admin_labels_read_in_french(demo, client):
    client.force_login(User.objects.get(username="admin"))
    html = client.get("/admin/members/delegates/").content.decode()
    for french in ("Utilisateur", "Organisme", "Accordé par"):
        assert french in html
    for english in ("User", "Organization", "Granted by"):
        assert f">{english}<" not in html and f"{english}\n" not in html


def test_wagtail_default_names_are_french(demo):
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert Workflow.objects.filter(name="Approbation des modérateurs").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
    assert Collection.get_first_root_node().name == "Racine"
    assert Page.get_first_root_node().title == "Racine"


def test_the_french_admin_shows_no_wagtail_default_in_english(demo, client):
    client.force_login(User.objects.get(username="admin"))
    html = client.get("/admin/workflows/list/").content.decode()
    assert "Approbation des modérateurs" in html and "Moderators approval" not in html
    # The collection field of the upload form starts with the root collection.
    html = client.get("/admin/documents/multiple/add/").content.decode()
    assert "Racine" in html and "Root" not in html
