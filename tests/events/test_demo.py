from io import StringIO

import pytest

from django.core.management import call_command

from events.models import Attendance, EventPage, Registration
from members.models import User
from members.services import colleagues_for_delegate

pytestmark = pytest.mark.django_db


def test_demo_gives_a_delegate_colleagues_and_a_recorded_attendance(demo, client):
    delegate = User.objects.get(username="delegue")
    assert {"collegue1", "collegue6"} <= set(
        colleagues_for_delegate(delegate).values_list("username", flat=True)
    )
    member = User.objects.get(username="membre")
    assert member.is_member and member.get_full_name() == "Camille Fictif"
    attendance = Attendance.objects.get(registration__person=member)
    assert attendance.attended and attendance.registration.event.kind == "training"
    training = attendance.registration.event
    assert member.credit_entries.filter(source_key=str(training.translation_key)).exists()
    congress = EventPage.objects.get(kind="congress", locale__language_code="en")
    assert "Companion — gala evening" in [o.label for o in congress.options.all()]
    assert congress.source.registration_is_open()
    call_command("load_demo", stdout=StringIO())
    assert Registration.objects.count() == 1
    client.force_login(member)
    assert "Attendance confirmation (PDF)" in client.get("/en/account/trainings/").content.decode()
