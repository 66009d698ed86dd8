import pytest

from django.core.management import call_command

from members import services
from members.models import Interest, ProfessionalOrder, User

pytestmark = pytest.mark.django_db


def test_demo_accounts_and_idempotence(demo):
    member = User.objects.get(username="membre")
    assert member.is_member and member.member_number
    assert member.functions.count() == 2
    assert member.functions.filter(end_date__isnull=False).count() == 1
    assert member.check_password("quorum-demo-2026")
    participant = User.objects.get(username="participant")
    assert not participant.is_member
    delegate = User.objects.get(username="delegue")
    organizations = list(services.delegate_organizations(delegate))
    assert [o.name for o in organizations] == ["Ville de Saint-Exemple"]
    assert services.colleagues_for_delegate(delegate).exclude(pk=delegate.pk).count() >= 6
    for model in (Interest, ProfessionalOrder):
        assert model.objects.filter(locale__language_code="fr").count() >= 3
        assert (
            model.objects.filter(locale__language_code="en").count()
            == model.objects.filter(locale__language_code="fr").count()
        )
    counts = (User.objects.count(), Interest.objects.count(), member.functions.count())
    call_command("load_demo", stdout=__import__("io").StringIO())
    assert (User.objects.count(), Interest.objects.count(), member.functions.count()) == counts
