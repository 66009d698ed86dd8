"""The association's brand from the admin (issue 16, point 4): a logo and colours that staff
set in Settings → Brand, refused when text in them would be hard to read, and shown on the
site, in the e-mails and on the PDFs."""

import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from home import brand as home_brand
from home import colours
from home.emails import render_email
from home.models import BrandSettings
from home.pdf import render_pdf
from home.site_settings import default_site
from tests.images import make_image

CSS = (Path(django_settings.BASE_DIR) / "static" / "css" / "quorum.css").read_text()


def brand_settings(**values):
    """The brand of the default site, with `values` saved as staff would save them."""
    settings = BrandSettings.for_site(default_site())
    for name, value in values.items():
        setattr(settings, name, value)
    settings.full_clean()
    settings.save()
    return settings


def pdf_reader(content):
    return PdfReader(io.BytesIO(content))


def pdf_text(content):
    return "\n".join(page.extract_text() for page in pdf_reader(content).pages)


def pdf_images(content):
    return [image for page in pdf_reader(content).pages for image in page.images]


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


# --- the site ----------------------------------------------------------------------------


def stylesheet_link(html):
    match = re.search(r'<link rel="stylesheet" href="(/brand\.css\?v=[0-9a-f]+)">', html)
    return match.group(1) if match else None


@pytest.mark.django_db
def test_by_default_the_site_keeps_its_colours_and_its_name(demo, client):
    html = client.get("/fr/").content.decode()
    assert stylesheet_link(html) is None
    assert 'class="brand-logo"' not in html


@pytest.mark.django_db
def test_a_colour_chosen_in_the_settings_is_the_pages_css_variables(demo, client):
    brand_settings(primary_colour="#1a5e20")
    link = stylesheet_link(client.get("/fr/").content.decode())
    css = client.get(link)
    assert css["Content-Type"].startswith("text/css")
    assert "--brand: #1a5e20;" in css.content.decode()
    # The dark variant, when left empty, is a darker shade of the chosen colour.
    assert f"--brand-dark: {colours.darken('#1a5e20')};" in css.content.decode()
    assert "immutable" in css["Cache-Control"]


@pytest.mark.django_db
def test_a_cached_page_shows_the_new_colours_once_they_are_saved(demo, client):
    brand_settings(primary_colour="#1a5e20")
    first = stylesheet_link(client.get("/en/").content.decode())
    again = client.get("/en/")
    assert again.get("X-Page-Cache") == "hit" and stylesheet_link(again.content.decode()) == first
    brand_settings(primary_colour="#5a1a6e", primary_dark_colour="#3b0f49")
    fresh = client.get("/en/")
    link = stylesheet_link(fresh.content.decode())
    assert link != first
    css = client.get(link).content.decode()
    assert "--brand: #5a1a6e;" in css and "--brand-dark: #3b0f49;" in css


@pytest.mark.django_db
def test_the_header_shows_the_logo_with_its_text_alternative(demo, client):
    brand_settings(
        logo=make_image(title="Logo", size=(400, 100)),
        logo_alt="Quorum, association des gestionnaires",
    )
    fr = client.get("/fr/").content.decode()
    header = fr.split("<header")[1].split("</header>")[0]
    img = re.search(r'<img class="brand-logo" src="([^"]+)"[^>]*alt="([^"]*)"', header)
    assert img, header
    assert img.group(2) == "Quorum, association des gestionnaires"
    assert client.get(img.group(1)).status_code in (200, 404)  # served by the web server
    assert img.group(1).endswith(".png")
    # The English page has no English text alternative: it reads the association's English
    # name rather than French.
    en = client.get("/en/").content.decode()
    name_en = re.search(r"<title>[^<]*· ([^<]+)</title>", en).group(1)
    assert f'alt="{name_en}"' in en.split("</header>")[0]


@pytest.mark.django_db
def test_a_logo_beside_the_name_is_decorative(demo, client):
    brand_settings(logo=make_image(title="Logo", size=(400, 100)), name_beside_logo=True)
    header = client.get("/fr/").content.decode().split("</header>")[0]
    assert re.search(r'<img class="brand-logo"[^>]*alt="">', header)
    assert re.search(r"</span></a>|<span>[^<]+</span>", header)


# --- e-mails -----------------------------------------------------------------------------


SAMPLE = {"event": "Congrès annuel", "url": "https://quorum.example/fr/account/events/"}


@pytest.mark.django_db
def test_the_emails_html_carries_the_colour_and_the_logo_and_the_text_does_not(demo):
    brand_settings(
        logo=make_image(title="Logo", size=(400, 100)),
        logo_alt="Logo Quorum",
        primary_colour="#1a5e20",
    )
    _subject, text, html = render_email("members_welcome", {"name": "Zoé", **SAMPLE}, "fr")
    assert "background-color:#1a5e20" in html
    logo = re.search(r'<img src="([^"]+)"[^>]*alt="([^"]*)"', html)
    assert logo.group(1).startswith(("http://", "https://")) and logo.group(1).endswith(".png")
    assert logo.group(2) == "Logo Quorum"
    assert "<img" not in text and ".png" not in text and "#1a5e20" not in text


@pytest.mark.django_db
def test_without_a_brand_the_emails_look_as_before(demo):
    _subject, _text, html = render_email("members_welcome", {"name": "Zoé", **SAMPLE}, "en")
    assert "<img" not in html
    assert "background-color:#0b4f8a" in html


# --- PDFs --------------------------------------------------------------------------------


def attestation_context():
    return {
        "attestation": {
            "get_kind_display": "Attestation de formation",
            "kind": "training",
            "holder_name": "Léa Côté",
            "achieved_on": datetime.date(2026, 4, 17),
            "credits": Decimal("7"),
            "issued_at": datetime.date(2026, 4, 18),
            "code": "ABCD-1234",
        },
        "subject": "Budget municipal 101",
        "verify_url": "https://quorum.example/verify/ABCD-1234/",
    }


def statement_context():
    return {
        "statement": {
            "as_of": datetime.date(2026, 4, 17),
            "since": datetime.date(2025, 4, 17),
            "organization_name": "Ville de Lévis",
            "organization_address": "1, rue Principale",
            "open_invoices": [],
            "credit_notes": [],
            "payments": [],
            "total_due": Decimal("0"),
            "balance": Decimal("0"),
        }
    }


def badge_context():
    from events.badges import qr_data_uri

    start = timezone.make_aware(datetime.datetime(2026, 5, 12, 9, 0))
    return {
        "event": "Congrès annuel",
        "start": start,
        "end": start + datetime.timedelta(hours=8),
        "place": "Québec",
        "name": "Léa Côté",
        "organization": "Ville de Lévis",
        "option": "Journée complète",
        "code": "ABCD1234",
        "qr": qr_data_uri("ABCD1234"),
        "companions": [],
    }


DOCUMENTS = [
    ("pdf/membership_attestation.html", attestation_context, "Léa Côté"),
    ("pdf/invoices_statement.html", statement_context, "Ville de Lévis"),
    ("pdf/events_badge.html", badge_context, "Léa Côté"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("template", "context", "expected"), DOCUMENTS)
def test_a_pdf_renders_without_a_logo_as_before(demo, template, context, expected):
    content = render_pdf(template, context(), language="fr")
    assert expected in pdf_text(content)
    qr_codes = 1 if template == "pdf/events_badge.html" else 0
    assert len(pdf_images(content)) == qr_codes


@pytest.mark.django_db
@pytest.mark.parametrize(("template", "context", "expected"), DOCUMENTS)
def test_a_pdf_renders_with_the_logo_at_the_top(demo, template, context, expected):
    brand_settings(logo=make_image(title="Logo", size=(400, 100)), primary_colour="#1a5e20")
    content = render_pdf(template, context(), language="en")
    assert expected in pdf_text(content)
    qr_codes = 1 if template == "pdf/events_badge.html" else 0
    assert len(pdf_images(content)) == qr_codes + 1


@pytest.mark.django_db
def test_pdf_headings_take_the_colour_only_when_staff_chose_one(demo):
    from django.template.loader import render_to_string

    plain = render_to_string(
        "pdf/base.html", {"brand": home_brand.pdf_context("fr", "Quorum"), "language": "fr"}
    )
    assert "h1, h2 { color" not in plain
    brand_settings(primary_colour="#1a5e20", primary_dark_colour="#0f3d13")
    branded = render_to_string(
        "pdf/base.html", {"brand": home_brand.pdf_context("fr", "Quorum"), "language": "fr"}
    )
    assert "h1, h2 { color: #0f3d13; }" in branded


@pytest.mark.django_db
def test_a_pdf_downloaded_before_the_logo_was_chosen_is_drawn_again_with_it(demo):
    """Invoices and badges are kept rendered in the cache: a new logo is not a day late."""
    from events.badges import badge_pdf
    from events.models import Registration, RegistrationStatus
    from invoices.models import Invoice
    from invoices.pdf import invoice_pdf

    invoice = Invoice.objects.filter(series="invoice").order_by("pk").first()
    registration = Registration.objects.filter(status=RegistrationStatus.CONFIRMED).first()
    before = (invoice_pdf(invoice), badge_pdf(registration))
    brand_settings(logo=make_image(title="Logo", size=(400, 100)), logo_alt="Logo Quorum")
    after = (invoice_pdf(invoice), badge_pdf(registration))
    for old, new in zip(before, after, strict=True):
        assert len(pdf_images(new)) == len(pdf_images(old)) + 1
