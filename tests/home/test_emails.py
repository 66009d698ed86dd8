import pytest

from django.core import mail
from django.db import transaction

from home.emails import queue_email

pytestmark = pytest.mark.django_db(transaction=True)


def fake_attachment(name):
    return f"{name}.txt", b"hello", "text/plain"


def test_email_is_sent_after_commit_in_the_recipients_language(settings, tmp_path):
    (tmp_path / "emails").mkdir()
    (tmp_path / "emails" / "hello_subject.txt").write_text(
        '{% load i18n %}{% translate "Invoices" %} {{ who }}'
    )
    (tmp_path / "emails" / "hello.txt").write_text("{{ language }}")
    engine = settings.TEMPLATES[0]
    # Assigning the setting (not mutating it) makes Django rebuild its template engines.
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]
    with transaction.atomic():
        queue_email(
            to="a@example.org",
            template="hello",
            context={"who": "Ana"},
            language="fr",
            attachments=[("tests.home.test_emails.fake_attachment", ["doc"])],
        )
        assert mail.outbox == []
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Factures Ana"
    assert message.body == "fr"
    assert message.attachments[0][0] == "doc.txt"


def test_rolled_back_work_sends_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_email(to="a@example.org", template="hello", language="en")
        raise RuntimeError
    assert mail.outbox == []


def test_plain_text_shows_names_as_typed_and_html_escapes_them(settings, tmp_path):
    (tmp_path / "emails").mkdir()
    (tmp_path / "emails" / "hi_subject.txt").write_text("Bonjour {{ name }}")
    (tmp_path / "emails" / "hi.txt").write_text("Bonjour {{ name }} <{{ email }}>")
    (tmp_path / "emails" / "hi.html").write_text("<p>Bonjour {{ name }}</p>")
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]
    queue_email(
        to="a@example.org",
        template="hi",
        context={"name": "Zoé D'Amours & fils", "email": "z@example.org"},
    )
    message = mail.outbox[0]
    assert message.subject == "Bonjour Zoé D'Amours & fils"
    assert message.body == "Bonjour Zoé D'Amours & fils <z@example.org>"
    assert message.alternatives[0][0] == "<p>Bonjour Zoé D&#x27;Amours &amp; fils</p>"
