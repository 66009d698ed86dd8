from io import StringIO

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.models import Page, Revision

from home.models import ContactBlock, FooterText, LegalNotice

from .test_typography import STRAIGHT_APOSTROPHE

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


def test_french_demo_text_uses_the_typographic_apostrophe(demo):
    """The demo's French text, as readers get it: every French page's translatable text (title,
    introduction, body, image alt text, questions…), the French snippets, the programme and
    interest names, and the French subject and body of the demo's message."""
    from wagtail_localize.segments import StringSegmentValue
    from wagtail_localize.segments.extract import extract_segments

    from events.models import TrainingProgram
    from members.models import Interest
    from messaging.models import Message

    texts = {}
    pages = Page.objects.live().filter(depth__gt=1, locale__language_code="fr").specific()
    for page in pages:
        texts[page.url_path] = [page.title] + [
            s.string.data for s in extract_segments(page) if isinstance(s, StringSegmentValue)
        ]
    for model in (FooterText, LegalNotice, ContactBlock):
        for snippet in model.objects.filter(locale__language_code="fr"):
            texts[repr(snippet)] = [
                str(getattr(snippet, f.name))
                for f in snippet._meta.fields
                if f.get_internal_type() in ("CharField", "TextField")
            ]
    for model in (TrainingProgram, Interest):
        texts[model.__name__] = list(
            model.objects.filter(locale__language_code="fr").values_list("name", flat=True)
        )
    for message in Message.objects.all():
        texts[f"message {message.pk}"] = [message.subject_fr, message.body_fr]

    assert len([key for key in texts if key.startswith("/")]) > 10
    found = [
        f"{where}: …{text[max(0, m.start() - 30) : m.end() + 10]}…"
        for where, values in texts.items()
        for text in values
        for m in STRAIGHT_APOSTROPHE.finditer(text)
    ]
    assert not found, "\n".join(found)
