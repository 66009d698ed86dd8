"""The site's own pages: favicon, 404 and 500 in the site's design (issue 14, point 7)."""

import pytest

from django.template.loader import render_to_string
from django.test import override_settings
from django.views.defaults import server_error

from members.models import User

pytestmark = pytest.mark.django_db


def test_pages_link_the_favicon_and_favicon_ico_answers(demo, client):
    html = client.get("/fr/").content.decode()
    assert 'rel="icon" href="/static/favicon.ico"' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/favicon.ico"


def test_the_favicon_files_are_static_files():
    from django.contrib.staticfiles import finders

    for name in ("favicon.ico", "favicon.svg"):
        assert finders.find(name)
    with open(finders.find("favicon.ico"), "rb") as handle:
        assert handle.read(4) == b"\x00\x00\x01\x00"  # the ICO header


@pytest.mark.parametrize(
    ("url", "language", "text", "other"),
    [
        ("/fr/nulle-part/", "fr", "Page introuvable", "Page not found"),
        ("/en/nowhere/", "en", "Page not found", "Page introuvable"),
    ],
)
def test_404_is_the_site_page_in_the_reader_language(demo, client, url, language, text, other):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{language}">' in html and text in html and other not in html
    assert 'class="skip-link"' in html  # the site's layout: header, footer, styles


@override_settings(DEBUG=True)
def test_with_debug_on_as_under_make_run_the_404_is_still_the_site_page(demo, client):
    client.force_login(User.objects.get(username="membre"))
    for url in ("/fr/nulle-part/", "/fr/account/registrations/999999/"):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 404
        assert "Page introuvable" in html and "DEBUG = True" not in html


def test_dev_settings_turn_debug_on():
    """`make run` uses config.settings.dev, where the test above's DEBUG holds."""
    import importlib

    assert importlib.import_module("config.settings.dev").DEBUG is True


def test_500_renders_without_a_request_nor_the_database(django_assert_num_queries, rf):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
        response = server_error(rf.get("/fr/"))
    assert response.status_code == 500
    assert "Une erreur est survenue" in html and "Something went wrong" in html
    assert '<section lang="en">' in html and 'href="/static/css/quorum.css"' in html
