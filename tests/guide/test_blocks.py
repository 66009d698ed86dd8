import pytest

from django.urls import reverse
from django.utils import translation

from wagtail.models import Page

from home.blocks import MEMBER_ACTIONS, CallToActionBlock, action_url


@pytest.mark.parametrize("key", [key for key, (_label, name) in MEMBER_ACTIONS.items() if name])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_member_action_links_to_its_page_in_the_language(key, language):
    with translation.override(language):
        url = action_url(key)
    assert url is not None and url.startswith(f"/{language}/")


def test_become_member_links_to_the_application():
    with translation.override("fr"):
        assert action_url("become_member") == "/fr/account/membership/"
    with translation.override("en"):
        assert action_url("become_member") == "/en/account/membership/"


def test_events_action_links_to_the_events_index_of_the_language(demo):
    with translation.override("fr"):
        assert action_url("events") == "/fr/evenements/"
    with translation.override("en"):
        assert action_url("events") == "/en/events/"


def test_events_action_without_a_live_events_index_is_plain_text(demo):
    Page.objects.filter(content_type__model="eventindexpage").update(live=False)
    assert action_url("events") is None
    html = CallToActionBlock().render(
        CallToActionBlock().to_python({"label": "Voir", "action": "events", "text": ""})
    )
    assert "<a " not in html and "Voir" in html


def test_call_to_action_renders_a_link_to_the_action(db):
    block = CallToActionBlock()
    html = block.render(block.to_python({"label": "Se connecter", "action": "login", "text": ""}))
    assert f'href="{reverse("members:login")}"' in html and "Se connecter" in html


def test_unknown_action_has_no_url():
    assert action_url("no-such-action") is None
