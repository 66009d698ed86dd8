"""What "Mon compte" shows of the person's membership: {% load membership_tags %}
{% membership_standing user %} (the page lives in `members`, which cannot import this app)."""

from django import template

from membership import periods

register = template.Library()


@register.inclusion_tag("membership/standing.html")
def membership_standing(user):
    if not user.is_authenticated:
        return {"standing": None}
    standing = periods.status_of(user)
    if standing.status == periods.MembershipStatus.NONE:
        return {"standing": None}
    pending = periods.renewal_for(user)
    return {
        "standing": standing,
        "renewal": pending,
        "can_renew": periods.can_renew(user, standing=standing, pending=pending),
        "category": periods.localized_category(standing.period.category)
        if standing.period
        else None,
    }
