"""Response headers: a strict Content-Security-Policy on the site and the member area (the
admin gets its own), a Permissions-Policy, and nothing a signed-in person gets is stored."""

import re
from pathlib import Path

import pytest

from django.conf import settings
from django.urls import reverse

from tests.events.factories import make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def assert_strict(response):
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_an_anonymous_public_page_is_strict_and_may_be_cached(client):
    event = make_event()
    response = client.get(event.url)
    assert response.status_code == 200
    assert_strict(response)
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    cache_control = response.get("Cache-Control", "")
    assert "no-store" not in cache_control and "private" not in cache_control


@pytest.mark.parametrize("name", ["members:file", "members:download_data", "members:account"])
def test_member_pages_and_my_data_are_never_stored(client, name):
    client.force_login(UserFactory())
    response = client.get(reverse(name))
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert_strict(response)
    assert "Permissions-Policy" in response


def test_a_public_page_seen_signed_in_is_not_stored_either(client):
    event = make_event()
    client.force_login(UserFactory())
    response = client.get(event.url)
    assert "no-store" in response["Cache-Control"]


def test_the_wagtail_admin_gets_the_policy_it_needs(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"]  # Wagtail's own inline scripts
    assert policy["object-src"] == ["'none'"]


INLINE = [
    re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I),
    re.compile(r"<style\b", re.I),
    re.compile(r"\sstyle=\"", re.I),
    re.compile(r"\son[a-z]+=\"", re.I),
    re.compile(r"javascript:", re.I),
]


def test_no_inline_script_or_style_in_the_site_templates():
    """What the strict policy would block: inline <script>, <style>, style="", onclick="".
    PDF and e-mail templates are exempt: xhtml2pdf and mail programs read them (mail programs
    need inline styles), no page of the site serves them."""
    offenders = []
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        if "pdf" in template.parts or "emails" in template.parts:
            continue
        text = template.read_text()
        offenders += [f"{template}: {p.pattern}" for p in INLINE if p.search(text)]
    assert not offenders, offenders
