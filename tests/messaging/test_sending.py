"""Sending: batches through the task worker, each person in their language with the footer the
anti-spam law asks for, the List-Unsubscribe headers, and never anyone twice."""

import pytest
import time_machine

from django.core import mail
from django.utils import timezone

from home.errors import QuorumError
from members.models import Subscription
from messaging import services
from messaging.models import Delivery, Message
from tests.factories import UserFactory

from .conftest import make_message, subscribe

pytestmark = pytest.mark.django_db

NEWS = Subscription.List.NEWSLETTER


@pytest.fixture
def staff():
    return UserFactory(username="staff", is_staff=True, is_superuser=True)


@pytest.fixture
def batches(monkeypatch):
    """The batches the task worker ran, each a list of delivery ids (2 per batch here)."""
    monkeypatch.setattr(services, "BATCH_SIZE", 2)
    ran = []
    deliver = services.deliver_batch

    def spy(message_id, delivery_ids):
        ran.append(list(delivery_ids))
        deliver(message_id, delivery_ids)

    monkeypatch.setattr(services, "deliver_batch", spy)
    return ran


def test_sent_in_batches_each_person_in_their_language(association, staff, batches, sent):
    french = [subscribe(UserFactory(language="fr"), NEWS) for _ in range(3)]
    english = [subscribe(UserFactory(language="en"), NEWS) for _ in range(2)]
    message = make_message(consent_list=NEWS)
    with sent():
        assert services.send_message(message, by=staff) == 5
    assert [len(batch) for batch in batches] == [2, 2, 1]
    assert len(mail.outbox) == 5
    by_address = {email.to[0]: email for email in mail.outbox}
    for person in french:
        email = by_address[person.email]
        assert email.subject == "Nouvelles de l'association"
        assert "Voici nos nouvelles." in email.body
        assert "Cercle des gestionnaires" in email.body
        assert "123, rue de l'Exemple" in email.body
        assert "Infolettre" in email.body  # why: the list, in French
        assert "/fr/messages/unsubscribe/" in email.body
        assert person.email not in email.body.split("unsubscribe/")[1]
    for person in english:
        email = by_address[person.email]
        assert email.subject == "News from the association"
        assert "Here is our news." in email.body
        assert "Circle of Managers" in email.body
        assert "123, rue de l'Exemple" in email.body
        assert "Newsletter" in email.body
        assert "/en/messages/unsubscribe/" in email.body
    message.refresh_from_db()
    assert message.status == Message.Status.SENT and message.sent_at is not None
    assert services.send_log_counts(message) == {
        "recipients": 5,
        "pending": 0,
        "sending": 0,
        "sent": 5,
        "failed": 0,
    }


def test_list_unsubscribe_headers(association, staff, sent):
    person = subscribe(UserFactory(), NEWS)
    with sent():
        services.send_message(make_message(consent_list=NEWS), by=staff)
    (email,) = mail.outbox
    link = email.extra_headers["List-Unsubscribe"]
    assert link.startswith("<http") and "/fr/messages/unsubscribe/" in link
    assert link.strip("<>") in email.body
    assert person.email not in link
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_informational_without_a_list_points_to_the_subscriptions(association, staff, sent):
    person = UserFactory()
    with sent():
        services.send_message(make_message(), by=staff)
    # Everyone with an active account: the person and the staff member.
    assert sorted(email.to[0] for email in mail.outbox) == sorted([person.email, staff.email])
    email = next(email for email in mail.outbox if email.to == [person.email])
    assert "List-Unsubscribe" not in email.extra_headers
    assert "/fr/account/file/subscriptions/" in email.body
    assert "123, rue de l'Exemple" in email.body


def test_sending_twice_or_rerunning_the_task_sends_nothing_more(association, staff, batches, sent):
    for _ in range(3):
        subscribe(UserFactory(), NEWS)
    message = make_message(consent_list=NEWS)
    with sent():
        services.send_message(message, by=staff)
    assert len(mail.outbox) == 3
    with pytest.raises(QuorumError) as refused:
        services.send_message(message, by=staff)
    assert refused.value.code == "already_sent"
    # The worker runs every batch again (a retry): nobody gets a second e-mail.
    for batch in list(batches):
        services.send_batch.enqueue(message_id=message.pk, delivery_ids=batch)
    assert len(mail.outbox) == 3
    assert Delivery.objects.filter(message=message).count() == 3


def test_a_failed_email_is_logged_and_the_batch_goes_on(association, staff, sent, monkeypatch):
    first = subscribe(UserFactory(), NEWS)
    subscribe(UserFactory(), NEWS)
    original = services.send_email_now

    def flaky(*, to, **kwargs):
        if to == [first.email]:
            raise OSError("SMTP refused")
        original(to=to, **kwargs)

    monkeypatch.setattr(services, "send_email_now", flaky)
    message = make_message(consent_list=NEWS)
    with sent():
        services.send_message(message, by=staff)
    assert len(mail.outbox) == 1
    failed = Delivery.objects.get(message=message, user=first)
    assert failed.status == Delivery.Status.FAILED and "SMTP refused" in failed.error
    counts = services.send_log_counts(message)
    assert (counts["sent"], counts["failed"]) == (1, 1)


def test_nobody_to_send_to_is_refused(staff):
    with pytest.raises(QuorumError) as refused:
        services.send_message(make_message(consent_list=NEWS), by=staff)
    assert refused.value.code == "no_recipients"


def test_preview_in_both_languages_as_sent(association, staff, sent):
    message = make_message(consent_list=NEWS)
    french, english = services.preview(message, "fr"), services.preview(message, "en")
    assert french["subject"] == "Nouvelles de l'association"
    assert english["subject"] == "News from the association"
    assert "Voici nos nouvelles." in french["body"] and "Circle of Managers" in english["body"]
    person = subscribe(UserFactory(language="en"), NEWS)
    # The link is signed with the time: the same second for the e-mail and the expected link.
    with time_machine.travel(timezone.now(), tick=False):
        with sent():
            services.send_message(message, by=staff)
        link = services.unsubscribe_url(person, NEWS, "en")
    (email,) = mail.outbox
    # The e-mail is the preview, with the person's own unsubscribe link.
    assert email.body == english["body"].replace(
        english["body"].split("one click: ")[1].split()[0], link
    )


def test_a_commercial_message_waits_for_the_associations_mailing_address(association, staff, sent):
    """CASL identifies the sender by a mailing address: without one, a commercial message is
    refused (nothing queued, still a draft); an informational one may still go."""
    subscribe(UserFactory(), NEWS)
    association.address = "  "
    association.save()
    commercial = make_message(kind=Message.Kind.COMMERCIAL, consent_list=NEWS)
    with sent(), pytest.raises(QuorumError) as refused:
        services.send_message(commercial, by=staff)
    assert refused.value.code == "no_mailing_address"
    commercial.refresh_from_db()
    assert commercial.is_draft and not Delivery.objects.exists() and not mail.outbox
    informational = make_message(consent_list=NEWS)
    with sent():
        assert services.send_message(informational, by=staff) == 1
    association.address = "123, rue de l'Exemple\nQuébec QC  G1A 1A1"
    association.save()
    with sent():
        assert services.send_message(commercial, by=staff) == 1
    assert len(mail.outbox) == 2
