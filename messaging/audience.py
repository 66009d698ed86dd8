"""Who receives a message: one queryset of active accounts with an e-mail that match every
criterion the message gives (within a criterion, any of its values), each person once."""

from django.db.models import QuerySet

from events.models import Registration, RegistrationStatus
from members.models import Function, Interest, Subscription, User
from membership.services import MembershipStatus, users_with_status

from .models import Message

# A membership status on the day of sending (membership.periods). Members and non-members
# read `is_member`, which the membership services keep equal to "active or in grace".
STATUSES = {
    Message.Membership.ACTIVE: [MembershipStatus.ACTIVE],
    Message.Membership.GRACE: [MembershipStatus.GRACE],
    Message.Membership.LAPSED: [MembershipStatus.LAPSED],
}


def filter_membership(people: QuerySet[User], message: Message) -> QuerySet[User]:
    """The membership criteria: members, non-members or one status (active, in grace,
    lapsed), and the categories of the current membership."""
    if message.membership == Message.Membership.MEMBERS:
        people = people.filter(is_member=True)
    elif message.membership == Message.Membership.NON_MEMBERS:
        people = people.filter(is_member=False)
    statuses = STATUSES.get(message.membership, [])
    category_ids = (
        list(message.membership_categories.values_list("pk", flat=True)) if (message.pk) else []
    )
    if not statuses and not category_ids:
        return people
    return users_with_status(people, statuses=statuses, category_ids=category_ids)


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
