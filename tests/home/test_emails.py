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
    # Assign the whole setting so that Django resets its cached template engines.
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
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
