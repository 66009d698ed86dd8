from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static

from wagtail.models import Locale, Page

from .brand import brand, stylesheet_css
from .links import current_language
from .models import LegalNotice
from .pagination import paginate


def search(request):
    """Search over the pages of both languages; results in the current language first."""
    query = request.GET.get("q", "").replace("\x00", "").strip()
    # Quotes mean nothing to a plain-text search, and the SQLite backend puts each word between
    # quotes without escaping those typed (wagtail/wagtail#13227): a lone " was a server error.
    words = query.replace('"', " ").split()
    results = []
    if words:
        pages = Page.objects.live().public().specific().search(" ".join(words), operator="and")
        language = current_language()
        results = sorted(pages, key=lambda p: p.locale.language_code != language)
    page = paginate(request, results, per_page=20)
    return render(request, "home/search.html", {"query": query, "results": page})


def legal_notice(request):
    notice = (
        LegalNotice.objects.filter(locale=Locale.get_active()).first()
        or LegalNotice.objects.first()
    )
    return render(request, "home/legal_notice.html", {"notice": notice})


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links to. The static URL is read per
    request: production's manifest exists only once `collectstatic` has run."""
    return HttpResponsePermanentRedirect(static("favicon.ico"))


def brand_stylesheet(request):
    """The association's colours as CSS variables (home/brand.py), linked from every page when
    staff chose colours. The address carries the colours' version: a browser may keep the
    current version for a year, an old one only briefly."""
    value = brand(request)
    response = HttpResponse(stylesheet_css(value), content_type="text/css; charset=utf-8")
    if request.GET.get("v") == value["version"]:
        response["Cache-Control"] = "public, max-age=31536000, immutable"
    else:
        response["Cache-Control"] = "public, max-age=60"
    return response
