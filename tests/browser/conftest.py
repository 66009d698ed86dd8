"""Playwright journeys in Debian's Chromium (/usr/bin/chromium) against the live server."""

import os
from io import StringIO

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from django.conf import settings
from django.core.management import call_command
from django.test import Client

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def demo(transactional_db):
    """The demo content, loaded for each journey: the live server's thread sees only committed
    rows, so the journeys cannot share tests/conftest.py's demo transaction; the database is
    emptied after each of them."""
    call_command("load_demo", stdout=StringIO())


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def _page(browser, live_server, locale):
    # Reduced motion: axe then sees messages and panels as they settle, not mid-animation.
    context = browser.new_context(base_url=live_server.url, locale=locale, reduced_motion="reduce")
    context.set_default_timeout(15_000)
    return context, context.new_page()


@pytest.fixture
def page(browser, live_server):
    context, page = _page(browser, live_server, "fr-CA")
    yield page
    context.close()


@pytest.fixture
def english_page(browser, live_server):
    context, page = _page(browser, live_server, "en-CA")
    yield page
    context.close()


def login_browser(page, user, live_server):
    """Log the browser in as `user` (journeys that are not about the login form)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


BLOCKING_IMPACTS = ("moderate", "serious", "critical")


def assert_accessible(page):
    """An axe scan of the page as it stands finds no moderate, serious or critical violation."""
    results = None
    for attempt in range(3):
        # A click that follows a link returns once the navigation has started: scan the new
        # page once it has loaded and settled (a message still fading in reads as low contrast).
        page.wait_for_load_state("load")
        page.wait_for_function(
            "document.documentElement !== null && document.getAnimations().every("
            "a => a.playState !== 'running' || "
            "a.effect.getComputedTiming().iterations === Infinity)"
        )
        try:
            results = Axe().run(
                page,
                options={
                    "runOnly": {"type": "tag", "values": AXE_TAGS},
                    "resultTypes": ["violations"],
                },
            )
            break
        except PlaywrightError as error:
            # The page navigated away during the scan: scan the page it landed on instead.
            navigated = any(
                sign in str(error)
                for sign in ("documentElement", "Execution context was destroyed")
            )
            if not navigated or attempt == 2:
                raise
    blocking = [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    details = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
        for v in blocking
    )
    assert not blocking, f"Accessibility violations on {page.url}:\n{details}"
