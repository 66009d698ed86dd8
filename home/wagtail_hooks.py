from wagtail import hooks

from .page_cache import note_page


@hooks.register("before_serve_page")
def remember_page_for_the_cache(page, request, serve_args, serve_kwargs):
    """The page cache (home/page_cache.py) learns which page it may store, before it renders."""
    note_page(page, request)
