"""Event images (issue 16, point 4): an image with its alternative text, required with an
image, shown at the top of the event page in modern formats; the demo gives one event an
image described in both languages."""

import re

import pytest

from django.core.exceptions import ValidationError

from wagtail.images.models import Filter

from events.models import EventPage
from home.images import avif_supported, renditions_for
from tests.events.factories import make_event
from tests.images import make_image

pytestmark = pytest.mark.django_db


def test_an_image_needs_its_alternative_text():
    event = make_event()
    event.image = make_image()
    event.image_alt = "   "
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "image_alt" in error.value.message_dict
    event.image_alt = "Une salle de formation lumineuse"
    event.full_clean()
    event.image = None
    event.image_alt = ""
    event.full_clean()


def test_the_event_page_shows_the_image_in_modern_formats(client):
    event = make_event(image=make_image(), image_alt="Une salle de formation lumineuse")
    html = client.get(event.url).content.decode()
    picture = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
    assert 'alt="Une salle de formation lumineuse"' in picture
    assert 'type="image/webp"' in picture
    assert ('type="image/avif"' in picture) == avif_supported()
    # The widths the page header needs, and a JPEG for browsers without either format.
    for width in (640, 960, 1280):
        assert f" {width}w" in picture
    assert re.search(r'<img [^>]*src="/media/images/[^"]+\.jpg"', picture)
    # The second visit finds the renditions made by the first.
    assert client.get(event.url).status_code == 200


def test_the_event_page_without_an_image_has_no_picture(client):
    event = make_event()
    assert "<picture" not in client.get(event.url).content.decode()


def test_the_demo_gives_one_event_an_image_described_in_both_languages(demo):
    french = EventPage.objects.get(slug="preparer-et-presenter-le-budget-municipal")
    english = french.localized_for("en")
    assert french.image_id and english.image_id == french.image_id
    assert french.image_alt.startswith("Diagramme à barres")
    assert english.image_alt.startswith("Coloured bar chart")


def test_the_page_editor_refuses_an_image_without_its_description(client):
    from django.urls import reverse

    from tests.factories import UserFactory

    from .test_questions_admin import _edit_data, _question

    event = make_event(questions=[])
    image = make_image()
    # The editor's chooser shows a thumbnail: made beforehand, as Wagtail's own rendition code
    # leaves its temporary file open (a ResourceWarning, an error under the tests' filter).
    renditions_for(image, [Filter(spec="max-165x165")])
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = reverse("wagtailadmin_pages:edit", args=[event.pk])
    data = _edit_data(event, _question("short_text", []))
    data.update(image=image.pk, image_alt="")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Décrivez l’image pour les personnes qui ne peuvent pas la voir." in (
        response.content.decode()
    )
    data.update(image_alt="Une salle de formation lumineuse")
    assert client.post(url, data).status_code == 302
    event.refresh_from_db()
    saved = event.get_latest_revision_as_object()
    assert saved.image == image and saved.image_alt == "Une salle de formation lumineuse"
