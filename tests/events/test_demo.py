from io import StringIO

import pytest

from django.core.management import call_command

from events.models import Attendance, EventPage, Registration
from home.formatting import format_money
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
    # Loaded again, it adds nothing: the member's training, the delegate's two colleagues.
    assert Registration.objects.count() == 3
    client.force_login(member)
    assert "Attendance confirmation (PDF)" in client.get("/en/account/trainings/").content.decode()


def test_demo_delegate_sees_two_colleagues_at_the_seminar_one_still_to_pay(demo, client):
    unpaid = Registration.objects.get(person__username="collegue7")
    assert unpaid.registered_by.username == "delegue" and unpaid.event.kind == "seminar"
    client.force_login(User.objects.get(username="delegue"))
    dashboard = client.get("/en/account/delegate/").content.decode()
    assert "Spring seminar" in dashboard and "2 registrations" in dashboard
    assert "Félix Hébert-Test" in dashboard and "Gabrielle Lavoie-Test" in dashboard
    # Félix paid by cheque; Gabrielle's invoice is the seminar's total due.
    assert format_money(0, "en") in dashboard
    assert dashboard.count(format_money(unpaid.invoice.total, "en")) == 2
