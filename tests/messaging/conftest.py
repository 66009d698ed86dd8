import pytest

from members.models import Subscription
from messaging.models import Message
from tests.factories import association_settings


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """`with sent(): ...` runs what was queued after commit (the batches, the e-mails)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def association(db):
    return association_settings(
        name="Cercle des gestionnaires",
        name_en="Circle of Managers",
        address="123, rue de l'Exemple\nQuébec QC  G1A 1A1",
        email="info@cercle.example",
    )


def subscribe(user, *lists, subscribed=True):
    for code in lists:
        Subscription.objects.update_or_create(
            user=user, list=code, defaults={"subscribed": subscribed}
        )
    return user


def make_message(**fields):
    values = {
        "subject_fr": "Nouvelles de l'association",
        "subject_en": "News from the association",
        "body_fr": "Bonjour,\n\nVoici nos nouvelles.",
        "body_en": "Hello,\n\nHere is our news.",
        "kind": Message.Kind.INFORMATIONAL,
    }
    values.update(fields)
    m2m = {key: values.pop(key) for key in ("interests", "organizations") if key in values}
    message = Message.objects.create(**values)
    for key, objects in m2m.items():
        getattr(message, key).set(objects)
    return message
