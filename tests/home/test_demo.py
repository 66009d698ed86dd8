from io import StringIO

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.models import Page, Revision

from home.models import ContactBlock, FooterText, LegalNotice

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("locale__language_code", "url_path")),
        "users": sorted(get_user_model().objects.values_list("username", flat=True)),
        "snippets": (
            FooterText.objects.count(),
            LegalNotice.objects.count(),
            ContactBlock.objects.count(),
        ),
        "revisions": Revision.objects.count(),
    }


def test_load_demo_twice_gives_the_same_content(demo):
    first = snapshot()
    call_command("load_demo", stdout=StringIO())
    assert snapshot() == first
    assert first["snippets"] == (2, 2, 2)
    assert "admin" in first["users"]


def test_demo_admin_uses_demo_password(db, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "another-secret-2026")
    call_command("load_demo", stdout=StringIO())
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("another-secret-2026")


def test_demo_content_copies_nothing_from_the_seeds():
    """Behaviour comes from the seed documents, never their wording or contact details."""
    import pathlib
    import re

    from events import demo_content as events_content
    from guide import demo_content as guide_content
    from home import demo_content as home_content

    # shared/ sits beside the checkout (or beside the folder of a git worktree); a clone without
    # it (e.g. on CI) has nothing to compare against.
    candidates = [p / "shared" / "seeds" for p in pathlib.Path(__file__).resolve().parents]
    seeds = next((c for c in candidates if c.is_dir()), None)
    if seeds is None:
        pytest.skip("the seed documents (../shared/seeds beside the checkout) are not here")
    text = "\n".join(
        pathlib.Path(module.__file__).read_text().lower()
        for module in (home_content, guide_content, events_content)
    )
    for seed in seeds.glob("*.txt"):
        source = seed.read_text().lower()
        for address in re.findall(r"[\w.]+@[\w.]+", source):
            assert address not in text
        for phone in re.findall(r"\d{3}[ -]\d{3}[ -]\d{4}", source):
            assert phone not in text
