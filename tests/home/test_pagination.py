"""The shared pagination component: a named nav, where the reader is ("Page 2 of 7" in both
languages, aria-current), and links that keep every other parameter of the query string."""

import pytest

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from home.pagination import paginate


def render(query, language="fr", **context):
    request = RequestFactory().get("/liste/", query)
    page = paginate(request, list(range(170)))
    with translation.override(language):
        return page, render_to_string(
            "components/pagination.html", {"page": page, **context}, request=request
        )


@pytest.mark.parametrize(("language", "status"), [("fr", "Page 2 sur 7"), ("en", "Page 2 of 7")])
def test_the_reader_knows_where_they_are(language, status):
    page, html = render({"page": "2"}, language, label="Pages du répertoire")
    assert list(page) == list(range(25, 50))
    assert '<nav class="pagination" aria-label="Pages du répertoire">' in html
    assert status in html
    assert '<a href="?page=2" aria-current="page">' in html
    assert 'href="?page=1" rel="prev"' in html and 'href="?page=3" rel="next"' in html
    assert html.count('aria-current="page"') == 1
    assert 'href="?page=7"' in html and "…" in html  # the far pages are elided


def test_links_keep_the_search_and_the_filters():
    _page, html = render({"q": "Hélène", "year": "2025", "page": "3"})
    assert 'href="?q=H%C3%A9l%C3%A8ne&amp;year=2025&amp;page=4"' in html


def test_a_wrong_page_number_gives_a_page_and_one_page_gives_no_nav():
    page, _html = render({"page": "abc"})
    assert page.number == 1
    page, _html = render({"page": "99"})
    assert page.number == 7
    request = RequestFactory().get("/liste/")
    assert (
        render_to_string(
            "components/pagination.html", {"page": paginate(request, [1, 2])}, request=request
        ).strip()
        == ""
    )
