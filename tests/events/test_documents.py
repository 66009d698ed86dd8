"""Event and training documents: private by default, for registered participants only, the same
in both languages, never public (issue 14, point 1)."""

import pytest

from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.models import Collection, Locale
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import translate_object

from events import services
from events.documents import PARTICIPANTS_COLLECTION, participants_collection
from events.models import EventPage
from tests.factories import UserFactory
from tests.responses import close_file

from .factories import answers, make_event, option

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% notes\n"


def _document(title="Cahier du participant", collection=None):
    doc = Document(title=title, collection=collection or participants_collection())
    doc.file.save("cahier.pdf", ContentFile(PDF), save=True)
    return doc


def _event_with(doc):
    event = make_event()
    event.documents = [("document", doc)]
    event.save_revision().publish()
    return event


def _register(event, person):
    return services.register(event, person, by=person, option=option(event), answers=answers(event))


def test_the_participants_collection_exists_with_a_view_restriction():
    collection = participants_collection()
    assert collection.name == PARTICIPANTS_COLLECTION
    assert collection.get_parent() == Collection.get_first_root_node()
    assert collection.get_view_restrictions().exists()


def test_an_upload_from_the_event_page_chooser_defaults_to_the_participants_collection(client):
    make_event()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get("/admin/events/participant-documents/chooser/")
    assert response.status_code == 200
    html = response.json()["html"]
    selected = f'<option value="{participants_collection().pk}" selected>'
    assert selected in html


def test_the_public_document_url_refuses_participants_documents(client):
    doc = _document()
    event = _event_with(doc)
    person = UserFactory()
    _register(event, person)
    assert client.get(doc.url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(doc.url).status_code == 404
    # Even the registered person downloads it through the checked view only.
    client.force_login(person)
    assert client.get(doc.url).status_code == 404
    # Editors preview it from the admin.
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(doc.url)
    assert response.status_code == 200
    close_file(response)


def test_a_document_left_in_a_public_collection_is_still_kept_for_participants(client):
    doc = _document(collection=Collection.get_first_root_node())
    _event_with(doc)
    assert client.get(doc.url).status_code == 404


def test_an_unrelated_public_document_is_still_served(client):
    doc = _document(title="Rapport annuel", collection=Collection.get_first_root_node())
    response = client.get(doc.url)
    assert response.status_code == 200
    close_file(response)


def test_registered_person_downloads_it_as_an_attachment_others_do_not(client):
    doc = _document()
    event = _event_with(doc)
    person = UserFactory()
    registration = _register(event, person)
    url = reverse("events:document", kwargs={"pk": registration.pk, "index": 0})
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(person)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF


def test_the_english_page_shows_the_same_documents_through_synchronisation(client):
    doc = _document()
    event = _event_with(doc)
    en = Locale.objects.get(language_code="en")
    for page in [*event.get_ancestors().filter(depth__gt=1).specific(), event]:
        translate_object(page, [en])
    english = event.get_translation(en)
    assert Translation.objects.filter(target_locale=en, source__object_id=event.translation_key)
    assert [b.value for b in english.documents] == [doc]
    # A new document on the French page reaches the English one at the next synchronisation.
    second = _document(title="Présentation")
    event.documents = [("document", doc), ("document", second)]
    event.save_revision().publish()
    source, _ = TranslationSource.update_or_create_from_instance(event)
    Translation.objects.get(source=source, target_locale=en).save_target()
    english.refresh_from_db()
    assert [b.value for b in english.documents] == [doc, second]
    person = UserFactory(language="en")
    _register(event, person)
    client.force_login(person)
    html = client.get(english.url).content.decode()
    assert "Cahier du participant" in html and "Présentation" in html


def test_the_api_does_not_list_participants_documents(client):
    doc = _document()
    _event_with(doc)
    _document(title="Rapport annuel", collection=Collection.get_first_root_node())
    titles = [d["title"] for d in client.get("/api/v2/documents/").json()["items"]]
    assert titles == ["Rapport annuel"]


def test_the_event_page_documents_field_is_copied_not_translated():
    from wagtail_localize.fields import get_translatable_fields

    field = next(f for f in get_translatable_fields(EventPage) if f.field_name == "documents")
    assert not field.is_translated(EventPage()) and field.is_synchronized(EventPage())
