"""The association's brand on a real page: the colours' stylesheet loads under the site's
Content-Security-Policy and the header's logo keeps the page accessible."""

import io

import pytest
from playwright.sync_api import expect

from django.core.files.images import ImageFile

from home.models import BrandSettings
from home.site_settings import default_site

from .conftest import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # Wagtail leaves a rendition's temporary file for the garbage collector to close.
    pytest.mark.filterwarnings(
        "ignore:Exception ignored in. <function SpooledTemporaryFile.__del__"
        ":pytest.PytestUnraisableExceptionWarning"
    ),
]


def logo():
    from PIL import Image as PILImage

    from wagtail.images.models import Image

    buffer = io.BytesIO()
    PILImage.new("RGB", (400, 100), (26, 94, 32)).save(buffer, "PNG")
    return Image.objects.create(title="Logo", file=ImageFile(buffer, name="logo.png"))


def link_colour(page):
    return page.evaluate("getComputedStyle(document.querySelector('.main-nav a')).color")


def test_the_brand_colour_and_logo_show_on_the_home_page(demo, page):
    page.goto("/fr/")
    assert link_colour(page) == "rgb(11, 79, 138)"  # the site's blue (#0b4f8a)

    settings = BrandSettings.for_site(default_site())
    settings.primary_colour = "#1a5e20"
    settings.logo = logo()
    settings.logo_alt = "Quorum"
    settings.save()

    page.goto("/fr/")
    expect(page.get_by_role("banner").get_by_role("img", name="Quorum")).to_be_attached()
    assert link_colour(page) == "rgb(26, 94, 32)"
    assert_accessible(page)
    page.goto("/en/")
    assert link_colour(page) == "rgb(26, 94, 32)"
    assert_accessible(page)
