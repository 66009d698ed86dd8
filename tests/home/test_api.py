import pytest

from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

pytestmark = pytest.mark.django_db


def test_pages_listing_filters_by_locale(demo, client):
    for code in ("fr", "en"):
        items = client.get("/api/v2/pages/", {"locale": code, "limit": 100}).json()["items"]
        assert items
        assert {item["meta"]["locale"] for item in items} == {code}


def test_guide_exposes_its_body(demo, client):
    items = client.get(
        "/api/v2/pages/", {"type": "guide.GuidePage", "locale": "en", "fields": "intro,body"}
    ).json()["items"]
    assert len(items) == 2
    guide = next(i for i in items if i["meta"]["slug"] == "participant-guide")
    assert {block["type"] for block in guide["body"]} >= {"steps", "callout", "cta"}


def test_event_exposes_its_content_fields(demo, client):
    items = client.get(
        "/api/v2/pages/",
        {"type": "events.EventPage", "locale": "fr", "fields": "kind,start,place,options"},
    ).json()["items"]
    congress = next(i for i in items if i["kind"] == "congress")
    assert congress["place"] and congress["start"]
    assert any(option["is_companion"] for option in congress["options"])


def test_documents_of_restricted_collections_are_not_listed(db, client):
    from django.core.files.base import ContentFile

    root = Collection.get_first_root_node()
    private = root.add_child(name="Participants only")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    Document.objects.create(
        title="Public programme", file=ContentFile(b"%PDF-1.4", name="public.pdf")
    )
    Document.objects.create(
        title="Speaker slides",
        collection=private,
        file=ContentFile(b"%PDF-1.4", name="slides.pdf"),
    )
    titles = [d["title"] for d in client.get("/api/v2/documents/").json()["items"]]
    assert titles == ["Public programme"]


def test_api_does_not_publish_accounts(demo, client):
    assert client.get("/api/v2/users/", follow=True).status_code == 404


@pytest.mark.parametrize("host", ["testserver", "membres.example.org"])
def test_api_urls_carry_the_host_the_request_came_to(demo, client, settings, host):
    settings.ALLOWED_HOSTS = ["testserver", "membres.example.org"]
    items = client.get(
        "/api/v2/pages/", {"type": "guide.GuidePage", "locale": "fr"}, HTTP_HOST=host
    ).json()["items"]
    guide = next(i for i in items if i["meta"]["slug"] == "guide-du-participant")
    assert guide["meta"]["detail_url"] == f"http://{host}/api/v2/pages/{guide['id']}/"
    assert guide["meta"]["html_url"] == f"http://{host}/fr/guides/guide-du-participant/"
    found = client.get(
        "/api/v2/pages/find/", {"id": guide["id"], "fields": "intro"}, HTTP_HOST=host
    )
    assert found["Location"] == f"http://{host}/api/v2/pages/{guide['id']}/?fields=intro"


def test_api_document_urls_carry_the_host_the_request_came_to(db, client, settings):
    from django.core.files.base import ContentFile

    settings.ALLOWED_HOSTS = ["membres.example.org"]
    document = Document.objects.create(
        title="Programme", file=ContentFile(b"%PDF-1.4", name="programme.pdf")
    )
    item = client.get("/api/v2/documents/", HTTP_HOST="membres.example.org").json()["items"][0]
    assert (
        item["meta"]["detail_url"] == f"http://membres.example.org/api/v2/documents/{document.pk}/"
    )
    assert item["meta"]["download_url"].startswith("http://membres.example.org/documents/")
