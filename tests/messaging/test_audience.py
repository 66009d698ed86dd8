"""Who receives a message: each criterion alone, then together; each person once; commercial
messages only to the people who consented to their list (Canada's anti-spam law)."""

import datetime

import pytest

from django.utils import timezone

from wagtail.models import Locale

from events import services as events
from members.models import Subscription
from membership.models import Membership, MembershipCategory
from messaging.audience import audience
from messaging.models import Message
from tests.events.factories import answers, make_event, option
from tests.factories import FunctionFactory, OrganizationFactory, UserFactory
from tests.members.factories import interest

from .conftest import make_message, subscribe

pytestmark = pytest.mark.django_db

NEWS = Subscription.List.NEWSLETTER


def names(message):
    return sorted(person.username for person in audience(message))


def test_everyone_active_with_an_email_once():
    UserFactory(username="ana")
    UserFactory(username="ben", is_member=True)
    UserFactory(username="inactive", is_active=False)
    UserFactory(username="no_email", email=None)
    assert names(make_message()) == ["ana", "ben"]


def test_membership():
    UserFactory(username="ana")
    UserFactory(username="ben", is_member=True)
    assert names(make_message(membership=Message.Membership.MEMBERS)) == ["ben"]
    assert names(make_message(membership=Message.Membership.NON_MEMBERS)) == ["ana"]


def period(username, category, ends_on, **fields):
    user = UserFactory(username=username, **fields)
    Membership.objects.create(
        user=user,
        category=category,
        starts_on=ends_on - datetime.timedelta(days=364),
        ends_on=ends_on,
        status=Membership.Status.ACTIVE,
    )
    return user


def test_membership_status_and_category():
    french = Locale.objects.get(language_code="fr")
    regular = MembershipCategory.objects.create(locale=french, name="Régulier", dues=100)
    student = MembershipCategory.objects.create(locale=french, name="Étudiant", dues=50)
    english_student = student.copy_for_translation(Locale.objects.get(language_code="en"))
    english_student.name = "Student"
    english_student.save()
    today = timezone.localdate()
    year = datetime.timedelta(days=365)
    period("active_regular", regular, today + datetime.timedelta(days=100), is_member=True)
    period("active_student", student, today + datetime.timedelta(days=100), is_member=True)
    period("grace_student", student, today - datetime.timedelta(days=10), is_member=True)
    period("lapsed_regular", regular, today - year, is_member=False)
    UserFactory(username="never")

    def chosen(membership="", categories=()):
        message = make_message(membership=membership)
        message.membership_categories.set(categories)
        return names(message)

    assert chosen(Message.Membership.ACTIVE) == ["active_regular", "active_student"]
    assert chosen(Message.Membership.GRACE) == ["grace_student"]
    assert chosen(Message.Membership.LAPSED) == ["lapsed_regular"]
    assert chosen(Message.Membership.MEMBERS, [student]) == ["active_student", "grace_student"]
    # The English name of a category chooses the same people.
    assert chosen(categories=[english_student]) == ["active_student", "grace_student"]
    assert chosen(Message.Membership.NON_MEMBERS) == ["lapsed_regular", "never"]


def test_interests_match_in_either_language():
    finance_fr, finance_en = interest("Finances", "Finance")
    roads_fr, _roads_en = interest("Voirie", "Roads")
    UserFactory(username="ana").interests.set([finance_fr, roads_fr])
    UserFactory(username="ben", language="en").interests.set([finance_en])
    UserFactory(username="carl").interests.set([roads_fr])
    UserFactory(username="dana")
    assert names(make_message(interests=[finance_fr])) == ["ana", "ben"]
    # Two interests: anyone who follows either, each once.
    assert names(make_message(interests=[finance_fr, roads_fr])) == ["ana", "ben", "carl"]


def test_organizations_by_current_function_only():
    city = OrganizationFactory()
    FunctionFactory(user__username="ana", organization=city)
    FunctionFactory(user__username="former", organization=city, end_date=datetime.date(2024, 1, 1))
    FunctionFactory(user__username="elsewhere")
    assert names(make_message(organizations=[city])) == ["ana"]


def test_regions_by_current_organization():
    FunctionFactory(user__username="ana", organization__region="Mauricie")
    FunctionFactory(user__username="ben", organization__region="Laurentides")
    moved = FunctionFactory(
        user__username="moved",
        organization__region="Mauricie",
        end_date=datetime.date(2024, 1, 1),
    ).user
    FunctionFactory(user=moved, organization__region="Outaouais")
    assert names(make_message(regions=["Mauricie"])) == ["ana"]
    assert names(make_message(regions=["Mauricie", "Laurentides"])) == ["ana", "ben"]


def test_confirmed_registrants_of_an_event():
    event = make_event(english=True)
    ana = UserFactory(username="ana")
    ben = UserFactory(username="ben")
    UserFactory(username="carl")
    events.register(event, ana, by=ana, option=option(event), answers=answers(event))
    registration = events.register(event, ben, by=ben, option=option(event), answers=answers(event))
    registration.status = "cancelled"
    registration.save()
    assert names(make_message(event=event)) == ["ana"]
    # The English page names the same event.
    english = event.get_translations().get()
    assert names(make_message(event=english)) == ["ana"]


def test_consent_list():
    subscribe(UserFactory(username="ana"), NEWS)
    subscribe(UserFactory(username="ben"), NEWS, subscribed=False)
    subscribe(UserFactory(username="carl"), Subscription.List.EVENTS)
    UserFactory(username="dana")
    assert names(make_message(consent_list=NEWS)) == ["ana"]


def test_commercial_only_to_consenters():
    subscribe(UserFactory(username="ana", is_member=True), Subscription.List.TRAININGS)
    UserFactory(username="ben", is_member=True)
    message = make_message(kind=Message.Kind.COMMERCIAL, consent_list=Subscription.List.TRAININGS)
    assert names(message) == ["ana"]
    # Without a list (the database refuses it; an unsaved one here), nobody.
    unsaved = Message(kind=Message.Kind.COMMERCIAL, consent_list="")
    assert list(audience(unsaved)) == []


def test_criteria_combined():
    finance, _ = interest("Finances", "Finance")
    city = OrganizationFactory(region="Mauricie")
    fits = FunctionFactory(user__username="fits", user__is_member=True, organization=city).user
    fits.interests.set([finance])
    subscribe(fits, NEWS)
    not_member = FunctionFactory(user__username="not_member", organization=city).user
    not_member.interests.set([finance])
    subscribe(not_member, NEWS)
    no_interest = FunctionFactory(
        user__username="no_interest", user__is_member=True, organization=city
    ).user
    subscribe(no_interest, NEWS)
    no_consent = FunctionFactory(
        user__username="no_consent", user__is_member=True, organization=city
    ).user
    no_consent.interests.set([finance])
    message = make_message(
        consent_list=NEWS,
        membership=Message.Membership.MEMBERS,
        interests=[finance],
        organizations=[city],
        regions=["Mauricie"],
    )
    assert names(message) == ["fits"]
    assert audience(message).count() == 1
