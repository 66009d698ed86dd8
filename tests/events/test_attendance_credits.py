from decimal import Decimal

import pytest

from events import services
from tests.factories import UserFactory

from .factories import make_event, started

pytestmark = pytest.mark.django_db


@pytest.fixture
def training(demo):
    """Under way (attendance is recorded from the day it starts), registration still open."""
    return started(make_event(title="Budget municipal", questions=[], english=True))


def test_recorded_attendance_at_a_training_earns_credits_and_an_attestation(training):
    staff = UserFactory(is_superuser=True, is_staff=True)
    person = UserFactory()
    registration = services.register(
        training, person, by=person, option=training.options.first(), answers={}
    )
    services.record_attendance(training, by=staff, attended=[registration.pk])
    services.record_attendance(training, by=staff, attended=[registration.pk])
    entry = person.credit_entries.get()
    assert entry.credits == Decimal("7")
    assert (entry.label_fr, entry.label_en) == ("Budget municipal", "Budget municipal (EN)")
    assert person.attestations.filter(kind="training").count() == 1


def test_absent_people_earn_nothing(training):
    staff = UserFactory(is_superuser=True, is_staff=True)
    person = UserFactory()
    services.register(training, person, by=person, option=training.options.first(), answers={})
    services.record_attendance(training, by=staff, attended=[])
    assert not person.credit_entries.exists()
    assert not person.attestations.exists()
