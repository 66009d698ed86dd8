import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_read_participant_guide_then_switch_to_english(demo, page):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/fr/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert_accessible(page)

    page.get_by_role("navigation", name="Principale").get_by_role("link", name="Guides").click()
    expect(page.get_by_role("heading", level=1, name="Guides")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Guide du participant").click()
    expect(page).to_have_url(re.compile(r"/fr/guides/guide-du-participant/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Guide du participant")
    assert_accessible(page)

    page.get_by_role("navigation", name="Langue").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/guides/participant-guide/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Participant guide")
    expect(page.get_by_role("navigation", name="Language")).to_be_visible()
    assert_accessible(page)


def test_english_browser_lands_on_english_home(demo, english_page):
    english_page.goto("/")
    expect(english_page).to_have_url(re.compile(r"/en/$"))
    expect(english_page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(english_page)
