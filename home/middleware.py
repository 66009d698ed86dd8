import time

from django.conf import settings
from django.http import Http404
from django.views.defaults import page_not_found

from .errors import NotFound


class NotFoundMiddleware:
    """A service's `NotFound` ("not yours", "no such object") is answered as a 404, and every
    404 a view raises gets the site's own page (templates/404.html), in the reader's language.
    Django shows its technical 404 page instead when DEBUG is on (`make run`): a newcomer
    trying the site would meet a debugging screen, so the site's page is shown in every
    setting. (404s of URLs that match no pattern at all cannot reach a view; i18n_patterns and
    Wagtail's catch-all leave none under /fr/ and /en/.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotFound | Http404):
            return page_not_found(request, Http404())
        return None


class SlidingSessionMiddleware:
    """Sessions end after SESSION_COOKIE_AGE without activity. Saving the session on every
    request (SESSION_SAVE_EVERY_REQUEST) would write to the database on every page a signed-in
    person opens; instead the session is saved again (its expiry pushed back) once
    SESSION_REFRESH_AFTER seconds have passed since it was last saved."""

    KEY = "_refreshed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty():
            return response
        now = int(time.time())
        refreshed = session.get(self.KEY, 0)
        if session.modified or now - refreshed >= settings.SESSION_REFRESH_AFTER:
            session[self.KEY] = now
        return response
