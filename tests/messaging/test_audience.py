"""Who receives a message: each criterion alone, then together; each person once; commercial
messages only to the people who consented to their list (Canada's anti-spam law)."""

import datetime

import pytest

from events import services as events
from members.models import Subscription
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
