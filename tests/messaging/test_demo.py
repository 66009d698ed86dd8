import io
import re

import pytest

from django.core.management import call_command
from django.urls import reverse

from members.models import User
from messaging.models import Delivery, Message

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_sent_message_with_its_send_log(demo, client):
    message = Message.objects.get(status=Message.Status.SENT)
    assert message.kind == Message.Kind.COMMERCIAL and message.consent_list
    assert message.sent_at and message.created_by.username == "admin"
    recipients = set(message.deliveries.values_list("user__username", flat=True))
    assert "membre" in recipients
    assert not message.deliveries.exclude(status=Delivery.Status.SENT).exists()
    call_command("load_demo", stdout=io.StringIO())
    assert Message.objects.count() == 1 and message.deliveries.count() == len(recipients)

    client.force_login(User.objects.get(username="admin"))
    html = client.get(reverse("member_messages:log", args=[message.pk])).content.decode()
    counts = dict(re.findall(r'data-count="(\w+)">(\d+)<', html))
    assert counts["recipients"] == counts["sent"] == str(len(recipients))
    assert counts["failed"] == "0"
