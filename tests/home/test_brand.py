"""The association's brand from the admin (issue 16, point 4): a logo and colours that staff
set in Settings → Brand, refused when text in them would be hard to read, and shown on the
site, in the e-mails and on the PDFs."""

from pathlib import Path

import pytest

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from home import brand as home_brand
from home import colours
from home.models import BrandSettings
from home.site_settings import default_site

# Wagtail leaves the temporary file it renders a rendition into for the garbage collector to
# close (wagtail/images/models.py, generate_rendition_file): not the project's to fix.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Exception ignored in. <function SpooledTemporaryFile.__del__"
    ":pytest.PytestUnraisableExceptionWarning"
)

CSS = (Path(django_settings.BASE_DIR) / "static" / "css" / "quorum.css").read_text()


def brand_settings(**values):
    """The brand of the default site, with `values` saved as staff would save them."""
    settings = BrandSettings.for_site(default_site())
    for name, value in values.items():
        setattr(settings, name, value)
    settings.full_clean()
    settings.save()
    return settings


# --- the contrast computation (home/colours.py) ------------------------------------------


def test_relative_luminance_and_contrast_follow_wcag():
    assert colours.relative_luminance("#000000") == 0
    assert colours.relative_luminance("#ffffff") == pytest.approx(1)
    assert colours.contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert colours.contrast_ratio("#ffffff", "#000000") == pytest.approx(21)
    assert colours.contrast_ratio("#0b4f8a", "#0b4f8a") == pytest.approx(1)
    # Known values: WebAIM's checker gives 4.48:1 for #777777 and 1.07:1 for yellow on white.
    assert colours.contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert colours.contrast_ratio("#ffff00", "#ffffff") == pytest.approx(1.07, abs=0.01)


def test_a_darker_shade_keeps_the_hue_and_gains_contrast():
    assert colours.darken("#0b4f8a") == "#083a65"  # the site's #083a66, give or take
    assert colours.darken("#ffffff", 0.5) == "#808080"
    assert colours.contrast_ratio(colours.darken("#2a7ab8"), "#ffffff") > colours.contrast_ratio(
        "#2a7ab8", "#ffffff"
    )


@pytest.mark.parametrize("value", ["0b4f8a", "#0b4f8", "#0b4f8az", "blue", "#GGGGGG", ""])
def test_only_hash_and_six_hex_digits_is_a_colour(value):
    with pytest.raises(ValidationError) as error:
        colours.validate_hex_colour(value)
    assert error.value.code == "invalid_colour"


def refusal(colour, language):
    """The message staff read, in `language`, when `colour` is refused."""
    with translation.override(language):
        with pytest.raises(ValidationError) as error:
            colours.validate_text_contrast(colour)
        assert error.value.code == "low_contrast"
        return error.value.messages[0]


def test_the_sites_colours_pass_and_yellow_is_refused_with_its_ratio():
    colours.validate_text_contrast("#0b4f8a")
    colours.validate_text_contrast("#083A66")
    message = refusal("#ffff00", "en")
    assert "1.07:1" in message and "4.5:1" in message and "white" in message
    message = refusal("#ffff00", "fr")
    assert "1,07:1" in message and "4,5:1" in message and "blanc" in message


def test_a_colour_just_under_the_limit_never_reads_as_reaching_it():
    message = refusal("#777777", "en")
    assert "4.47:1" in message or "4.48:1" in message


def test_a_colour_readable_on_white_must_also_be_on_the_headers_grey():
    """Links in the header and the footer sit on --soft: #757575 reaches 4.6:1 on white,
    not on that grey."""
    assert colours.contrast_ratio("#757575", colours.WHITE) >= 4.5
    message = refusal("#757575", "en")
    ratio = colours.contrast_ratio("#757575", colours.SOFT)
    assert f"{int(ratio * 100) / 100:.2f}:1" in message
    assert "light grey of the header and footer" in message


def test_the_backgrounds_checked_are_the_stylesheets():
    assert f"--bg: {colours.WHITE}" in CSS and f"--soft: {colours.SOFT}" in CSS
    assert f"--brand: {home_brand.DEFAULT_BRAND}" in CSS
    assert f"--brand-dark: {home_brand.DEFAULT_BRAND_DARK}" in CSS


# --- the settings ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_settings_refuse_a_light_colour_and_keep_a_dark_one(demo):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        brand_settings(primary_colour="#FFFF00")
    with translation.override("en"):
        assert "1.07:1" in error.value.message_dict["primary_colour"][0]
    with pytest.raises(ValidationError) as error:
        brand_settings(primary_dark_colour="#aaaaaa")
    assert "primary_dark_colour" in error.value.message_dict
    saved = brand_settings(primary_colour="#1A5E20")
    assert saved.primary_colour == "#1a5e20"


@pytest.mark.django_db
def test_the_admin_form_says_why_a_colour_is_refused(demo, admin_client):
    url = reverse("wagtailsettings:edit", args=["home", "brandsettings", default_site().pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url, {"primary_colour": "#ffff00", "primary_dark_colour": "", "logo_alt": ""}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "1,07:1" in html or "1.07:1" in html
    saved = admin_client.post(
        url, {"primary_colour": "#1a5e20", "primary_dark_colour": "", "logo_alt": ""}
    )
    assert saved.status_code == 302
    assert BrandSettings.for_site(default_site()).primary_colour == "#1a5e20"
