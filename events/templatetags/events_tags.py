from django import template
from django.conf import settings
from django.shortcuts import resolve_url

from events.services import registration_state

register = template.Library()


@register.filter
def described(field):
    """The widget, tied to its help text and errors by aria-describedby."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}_errors")
    attrs = {"aria-describedby": " ".join(ids)} if ids else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.inclusion_tag("events/includes/registration_box.html", takes_context=True)
def registration_box(context, page):
    """The event page's registration box: what the visitor may do now (registration open, seats
    left, their own registration or waiting-list entry, delegate actions, documents)."""
    state = registration_state(page, context["request"].user)
    return {**context.flatten(), **state, "login_url": resolve_url(settings.LOGIN_URL)}
