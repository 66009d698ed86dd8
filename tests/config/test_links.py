"""Every link the site gives out names the address it runs on: `PORT=8123 make run` gives
links on 127.0.0.1:8123, and the demo's Site record matches (page links, the API)."""

import os
import subprocess
import sys
from io import StringIO

import pytest

from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8123"


def test_the_port_of_make_run_is_the_base_of_every_link():
    env = {k: v for k, v in os.environ.items() if k != "PUBLIC_BASE_URL"}
    env.update(PORT="8123", DJANGO_SETTINGS_MODULE="config.settings.dev")
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.PUBLIC_BASE_URL, s.WAGTAILADMIN_BASE_URL, s.WAGTAILAPI_BASE_URL)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.split() == [BASE, BASE, BASE]


@override_settings(PUBLIC_BASE_URL=BASE, WAGTAILADMIN_BASE_URL=BASE, WAGTAILAPI_BASE_URL=BASE)
def test_demo_links_on_port_8123(client, django_capture_on_commit_callbacks):
    call_command("load_demo", stdout=StringIO())
    host = {"HTTP_HOST": "127.0.0.1:8123"}

    UserFactory(email="lien@example.org", language="fr")
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/fr/account/password-reset/", {"email": "lien@example.org"}, **host)
    (message,) = mail.outbox
    assert f"{BASE}/fr/account/password-reset/" in message.body
    assert "8000" not in message.body and "localhost" not in message.body

    items = client.get("/api/v2/pages/?locale=fr", **host).json()["items"]
    assert items
    for item in items:
        assert item["meta"]["detail_url"].startswith(f"{BASE}/api/v2/pages/")
        assert item["meta"]["html_url"].startswith(f"{BASE}/fr/")
