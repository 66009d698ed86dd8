from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language

from wagtail.models import Page

from .models import LegalNotice


def search(request):
    """Search over the pages of both languages; results in the current language first."""
    query = request.GET.get("q", "").strip()
    results = []
    if query:
        pages = Page.objects.live().public().specific().search(query, operator="and")
        language = (get_language() or settings.LANGUAGE_CODE)[:2]
        results = sorted(pages, key=lambda p: p.locale.language_code != language)
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(request, "home/search.html", {"query": query, "results": page})


def legal_notice(request):
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    notice = (
        LegalNotice.objects.filter(locale__language_code=language).first()
        or LegalNotice.objects.first()
    )
    return render(request, "home/legal_notice.html", {"notice": notice})
