"""Playwright journeys in Debian's Chromium (/usr/bin/chromium) against the live server."""

import json
import os
from io import StringIO
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests import snapshots

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Only the violations are worked out in full: the rules that pass or do not apply are summed
# up, not listed node by node (axe-core's own advice for speed; about a tenth of a scan).
AXE_OPTIONS = json.dumps(
    {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
)

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def demo(transactional_db):
    """The demo content, committed for each journey: the live server's threads see only
    committed rows, so the journeys cannot share tests/conftest.py's demo transaction; the
    database is emptied after each of them. On SQLite, the copy of a first load is put back
    (tests/snapshots.py)."""
    if snapshots.available():
        snapshots.restore_demo()
    else:
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

# Reflow (WCAG 1.4.10): the widths at which a page must not scroll horizontally.
REFLOW_WIDTHS = (320, 1280)

# Run in the page: what makes it scroll sideways at the current width. A table (or anything)
# may scroll inside its own region only when that region is named and keyboard-scrollable
# (role="region", aria-label or aria-labelledby, tabindex="0"); everything else must fit.
REFLOW_SCRIPT = """
() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const describe = (el) => {
    const cls = typeof el.className === "string" && el.className.trim()
      ? "." + el.className.trim().split(/\\s+/).join(".") : "";
    const text = (el.innerText || el.value || el.getAttribute("aria-label") || "")
      .replace(/\\s+/g, " ").trim().slice(0, 60);
    return `<${el.tagName.toLowerCase()}${cls}> ${Math.round(el.getBoundingClientRect().width)}px`
      + (text ? ` "${text}"` : "");
  };
  const isNamedRegion = (el) => el.getAttribute("role") === "region"
    && el.getAttribute("tabindex") === "0"
    && (el.hasAttribute("aria-labelledby") || el.hasAttribute("aria-label"));
  const scrolls = (el) => {
    const style = getComputedStyle(el);
    return ["auto", "scroll"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
  };
  const problems = [];
  if (root.scrollWidth > width + 1) {
    problems.push(`the document is ${root.scrollWidth}px wide in a ${width}px window`);
  }
  const skip = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT", "OPTION", "BR"]);
  const unnamed = [];
  const outside = [];
  const walk = (el, inRegion) => {
    if (skip.has(el.tagName)) return;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") return;
    const rect = el.getBoundingClientRect();
    // Visually hidden on purpose (a 1 px clipping box, as .visually-hidden or a stacked
    // table's column headers): neither it nor what it holds is on the screen.
    const clipping = style.overflowX !== "visible" || style.clip === "rect(0px, 0px, 0px, 0px)";
    if (clipping && (rect.width <= 1 || rect.height <= 1)) return;
    const box = el !== root && el !== document.body && !["TEXTAREA", "SELECT"].includes(el.tagName);
    if (box && scrolls(el)) {
      if (isNamedRegion(el)) {
        inRegion = true;
      } else {
        unnamed.push(el);
      }
    }
    const hidden = rect.width <= 1 || rect.height <= 1 || rect.right <= 0;
    if (!inRegion && !hidden && rect.right > width + 1) outside.push(el);
    for (const child of el.children) walk(child, inRegion);
  };
  walk(document.body, false);
  // Name the innermost offenders: their ancestors stick out only because of them.
  const innermost = outside.filter((el) => !outside.some((o) => o !== el && el.contains(o)));
  for (const el of innermost.slice(0, 8)) {
    problems.push("sticks out: " + describe(el));
  }
  for (const el of unnamed.slice(0, 8)) {
    problems.push("scrolls sideways without a named, focusable region: " + describe(el));
  }
  return problems;
}
"""


def reflow_problems(page, width):
    """What makes the page scroll horizontally when the window is `width` px wide (nothing when
    it reflows). The viewport is left at `width`; the caller restores it."""
    height = (page.viewport_size or {}).get("height", 720)
    page.set_viewport_size({"width": width, "height": height})
    # Let the page lay itself out again at the new width before measuring.
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return page.evaluate(REFLOW_SCRIPT)


def _reflow_report(page):
    """Problems at each of REFLOW_WIDTHS, the viewport restored afterwards. Wagtail's admin
    (the staff screens) is not checked: the reflow requirement covers the public and member
    pages."""
    if urlsplit(page.url).path.startswith(reverse("wagtailadmin_home")):
        return []
    viewport = page.viewport_size
    report = []
    try:
        for width in REFLOW_WIDTHS:
            report += [f"at {width}px: {problem}" for problem in reflow_problems(page, width)]
    finally:
        if viewport:
            page.set_viewport_size(viewport)
    return report


# Finite animations and transitions taken to their end state, as Playwright does before a
# screenshot: the scan sees the page as it settles without waiting for them (Wagtail's admin
# fades several elements in over half a second, whatever the reduced-motion preference).
SETTLE_SCRIPT = """
() => document.getAnimations().forEach((animation) => {
  if (animation.effect && animation.effect.getComputedTiming().iterations !== Infinity) {
    animation.finish();
  }
})
"""


def axe_violations(page):
    """axe-core's violations of AXE_TAGS on the page as it stands. The script goes in once per
    document, and only the violations come back: the rules that passed or did not apply are
    several times their size, and the scans are most of the journeys' time."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    return page.evaluate(f"() => axe.run(document, {AXE_OPTIONS}).then(r => r.violations)")


def assert_accessible(page):
    """An axe scan of the page as it stands finds no moderate, serious or critical violation,
    and the page reflows: at 320 px and at 1280 px wide it does not scroll horizontally."""
    violations = []
    reflow = []
    for attempt in range(3):
        # A click that follows a link returns once the navigation has started: scan the new
        # page once it has loaded and settled (a message still fading in reads as low contrast).
        page.wait_for_load_state("load")
        page.wait_for_function("document.documentElement !== null")
        try:
            page.evaluate(SETTLE_SCRIPT)
            violations = axe_violations(page)
            reflow = _reflow_report(page)
            break
        except PlaywrightError as error:
            # The page navigated away during the scan: scan the page it landed on instead.
            navigated = any(
                sign in str(error)
                for sign in ("documentElement", "Execution context was destroyed")
            )
            if not navigated or attempt == 2:
                raise
    blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
    details = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
        for v in blocking
    )
    assert not blocking, f"Accessibility violations on {page.url}:\n{details}"
    assert not reflow, f"The page scrolls horizontally on {page.url}:\n" + "\n".join(reflow)
