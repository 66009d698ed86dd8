from django.core.paginator import Paginator
from django.shortcuts import render

from wagtail.models import Locale, Page

from .links import current_language
from .models import LegalNotice


def search(request):
    """Search over the pages of both languages; results in the current language first."""
    query = request.GET.get("q", "").strip()
    results = []
    if query:
        pages = Page.objects.live().public().specific().search(query, operator="and")
        language = current_language()
        results = sorted(pages, key=lambda p: p.locale.language_code != language)
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(request, "home/search.html", {"query": query, "results": page})


def legal_notice(request):
    notice = (
        LegalNotice.objects.filter(locale=Locale.get_active()).first()
        or LegalNotice.objects.first()
    )
    return render(request, "home/legal_notice.html", {"notice": notice})
