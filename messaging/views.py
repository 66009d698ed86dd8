"""The one-click unsubscribe of a message's e-mail: no sign-in, a signed token in the link.
GET (the link) and POST (mail programs, RFC 8058) unsubscribe at once."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from home.errors import QuorumError

from . import services
from .models import Subscription


def _invalid(request, error: QuorumError):
    status = 404 if error.code == "not_found" else 400
    return render(request, "messaging/link_invalid.html", {"status": status}, status=status)


@never_cache
@csrf_exempt  # RFC 8058: the mail program posts "List-Unsubscribe=One-Click", without a token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        person, list_code = services.read_unsubscribe_token(token)
    except QuorumError as error:
        return _invalid(request, error)
    services.set_subscription(person, list_code, subscribed=False, by=None)
    if request.method == "POST" and "List-Unsubscribe" in request.POST:
        return HttpResponse(status=200)
    with translation.override(person.language):
        return render(
            request,
            "messaging/unsubscribed.html",
            {"list": Subscription.List(list_code).label, "token": token, "subscribed": False},
        )


@never_cache
@require_POST
def resubscribe(request, token):
    try:
        person, list_code = services.read_unsubscribe_token(token)
    except QuorumError as error:
        return _invalid(request, error)
    services.set_subscription(person, list_code, subscribed=True, by=None)
    with translation.override(person.language):
        return render(
            request,
            "messaging/unsubscribed.html",
            {"list": Subscription.List(list_code).label, "token": token, "subscribed": True},
        )
