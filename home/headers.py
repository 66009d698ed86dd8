"""What the site reads from and adds to HTTP headers: the client's real address behind the
reverse proxies, the Permissions-Policy, and private caching for signed-in people."""

import ipaddress

import csp.middleware

from django.conf import settings
from django.utils.cache import add_never_cache_headers

ADMIN_PREFIX = "/admin/"


def client_ip(request) -> str:
    """The address of the person, not of our proxy (django-axes' AXES_CLIENT_IP_CALLABLE).

    Each of the TRUSTED_PROXY_COUNT reverse proxies in front of the site appends the address
    it received the request from to X-Forwarded-For, so the client is that many entries from
    the right. Entries further left were written by the client and can be anything. Without
    trusted proxies (or with a header too short), the connection's address is the answer."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class CSPMiddleware(csp.middleware.CSPMiddleware):
    """django-csp's middleware: the strict CONTENT_SECURITY_POLICY for the site and the member
    area, ADMIN_CONTENT_SECURITY_POLICY for the Wagtail admin (whose pages carry inline scripts
    and styles of their own)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIX):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


def permissions_policy(get_response):
    """Permissions-Policy: none of the browser's powerful features, on every response."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware


def private_when_signed_in(get_response):
    """A page made for a signed-in person (member pages, my-data.json, invoices) is never
    stored by a browser or a shared cache: Cache-Control: private, no-store (never_cache's
    headers). Anonymous visitors without a session cookie are left alone, so that their pages
    stay cacheable and the session is not even read."""

    def middleware(request):
        response = get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                add_never_cache_headers(response)
        return response

    return middleware
