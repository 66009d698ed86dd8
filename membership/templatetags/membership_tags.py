"""What "Mon compte" shows of the person's membership: {% load membership_tags %}
{% membership_standing user %} (the page lives in `members`, which cannot import this app)."""

from django import template

from membership import periods
from membership.models import Membership

register = template.Library()


@register.inclusion_tag("membership/standing.html")
def membership_standing(user):
    if not user.is_authenticated or not Membership.objects.filter(user=user).exists():
        return {"standing": None}
    standing = periods.status_of(user)
    return {
        "standing": standing,
        "renewal": periods.renewal_for(user),
        "can_renew": periods.can_renew(user),
        "category": periods.localized_category(standing.period.category)
        if standing.period
        else None,
    }
