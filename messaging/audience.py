"""Who receives a message: one queryset of active accounts with an e-mail that match every
criterion the message gives (within a criterion, any of its values), each person once."""

from django.db.models import QuerySet

from events.models import Registration, RegistrationStatus
from members.models import Function, Interest, Subscription, User

from .models import Message


def filter_membership(people: QuerySet[User], message: Message) -> QuerySet[User]:
    """The membership criterion. Members and non-members today; the membership statuses and
    categories (membership periods) extend this one function."""
    if message.membership == Message.Membership.MEMBERS:
        return people.filter(is_member=True)
    if message.membership == Message.Membership.NON_MEMBERS:
        return people.filter(is_member=False)
    return people


def audience(message: Message) -> QuerySet[User]:
    people = User.objects.filter(is_active=True, anonymised_at__isnull=True).exclude(email=None)
    people = people.exclude(email="")
    if message.consent_list:
        people = people.filter(
            pk__in=Subscription.objects.filter(list=message.consent_list, subscribed=True).values(
                "user"
            )
        )
    elif message.kind == Message.Kind.COMMERCIAL:
        # Canada's anti-spam law: never without a recorded consent (the model requires a list).
        return people.none()
    if message.pk:
        interest_keys = Interest.objects.filter(pk__in=message.interests.values("pk")).values(
            "translation_key"
        )
        if interest_keys.exists():
            people = people.filter(
                pk__in=User.interests.through.objects.filter(
                    interest__translation_key__in=interest_keys
                ).values("user")
            )
        organizations = message.organizations.values("pk")
        if organizations.exists():
            people = people.filter(
                pk__in=Function.objects.filter(
                    end_date__isnull=True, organization__in=organizations
                ).values("user")
            )
    if message.regions:
        people = people.filter(
            pk__in=Function.objects.filter(
                end_date__isnull=True, organization__region__in=message.regions
            ).values("user")
        )
    if message.event_id:
        people = people.filter(
            pk__in=Registration.objects.filter(
                event__translation_key=message.event.translation_key,
                status=RegistrationStatus.CONFIRMED,
            ).values("person")
        )
    return filter_membership(people, message).order_by("pk")
