"""The association's brand on a real page: the colours' stylesheet loads under the site's
Content-Security-Policy and the header's logo keeps the page accessible."""

import pytest
from playwright.sync_api import expect

from home.models import BrandSettings
from home.site_settings import default_site
from tests.images import make_image

from .conftest import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def link_colour(page):
    return page.evaluate("getComputedStyle(document.querySelector('.main-nav a')).color")


def test_the_brand_colour_and_logo_show_on_the_home_page(demo, page):
    page.goto("/fr/")
    assert link_colour(page) == "rgb(11, 79, 138)"  # the site's blue (#0b4f8a)

    settings = BrandSettings.for_site(default_site())
    settings.primary_colour = "#1a5e20"
    settings.logo = make_image(title="Logo", size=(400, 100))
    settings.logo_alt = "Quorum"
    settings.save()

    page.goto("/fr/")
    expect(page.get_by_role("banner").get_by_role("img", name="Quorum")).to_be_attached()
    assert link_colour(page) == "rgb(26, 94, 32)"
    assert_accessible(page)
    page.goto("/en/")
    assert link_colour(page) == "rgb(26, 94, 32)"
    assert_accessible(page)
