"""One page of a long list, for the shared pagination component
(templates/components/pagination.html): Django's Paginator, whatever page number the query
string carries (a wrong or missing one gives the first page, one too far the last)."""

from collections.abc import Sequence

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PAGE_SIZE = 25


def paginate(
    request: HttpRequest,
    items: QuerySet | Sequence,
    *,
    per_page: int = PAGE_SIZE,
    parameter: str = "page",
    count: int | None = None,
) -> Page:
    """The page of `items` the request asks for (`?page=N`, or the `parameter` of a screen that
    shows several lists). The page carries `elided_range`: the page numbers to link to, with
    Paginator.ELLIPSIS where some are left out. `count`, when the caller already has it (one
    query counting several lists), spares the paginator its own COUNT query."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count  # Paginator.count is a cached property
    page = paginator.get_page(request.GET.get(parameter))
    page.elided_range = list(
        page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    return page
