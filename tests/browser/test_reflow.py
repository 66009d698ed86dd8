"""Reflow (WCAG 1.4.10): at 320 px wide, every public and member page reads without scrolling
sideways, in French and in English. A table that cannot fit scrolls inside its own region, which
is named and reachable with the keyboard."""

import pytest

from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Locale

from events.models import EventIndexPage, EventKind, EventPage, Registration
from guide.models import GuideIndexPage, GuidePage
from invoices.models import Invoice
from members.models import User

from .conftest import login_browser, reflow_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ("fr", "en")

# Every element that scrolls sideways (the tables that do not fit), with what names it.
SCROLL_REGIONS = """
() => [...document.querySelectorAll("body *")]
  .filter((el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX)
    && el.scrollWidth > el.clientWidth + 1 && !["TEXTAREA", "SELECT"].includes(el.tagName))
  .map((el) => ({
    role: el.getAttribute("role"),
    tabindex: el.getAttribute("tabindex"),
    name: el.getAttribute("aria-label")
      || (document.getElementById(el.getAttribute("aria-labelledby") || "") || {}).textContent
      || "",
  }))
"""


def _page_url(page_obj, language):
    return page_obj.get_translation(Locale.objects.get(language_code=language)).url


def _url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def _check(page, urls):
    """Visit each url at 320 px; return what scrolled sideways, page by page."""
    failures = []
    for url in urls:
        response = page.goto(url)
        assert response is not None
        page.wait_for_load_state("load")
        problems = reflow_problems(page, 320)
        for region in page.evaluate(SCROLL_REGIONS):
            if region["role"] != "region" or region["tabindex"] != "0" or not region["name"]:
                problems.append(f"a scrolling box is not a named, focusable region: {region}")
        if problems:
            failures.append(f"{url} ({response.status}):\n  " + "\n  ".join(problems))
    return failures


def _fr(model, **filters):
    return model.objects.filter(locale__language_code="fr", **filters).first()


def _public_urls(language):
    guide = _fr(GuidePage, live=True)
    upcoming = EventPage.objects.filter(locale__language_code="fr", live=True)
    event = upcoming.exclude(kind=EventKind.TRAINING).order_by("start").first()
    training = upcoming.filter(kind=EventKind.TRAINING).order_by("start").first()
    return [
        f"/{language}/",
        _page_url(_fr(GuideIndexPage), language),
        _page_url(guide, language),
        _page_url(_fr(EventIndexPage), language),
        _page_url(event, language),
        _page_url(training, language),
        _url("legal_notice", language),
        _url("search", language) + "?q=budget",
        _url("members:login", language),
        _url("members:signup", language),
        f"/{language}/this-page-does-not-exist/",
    ]


def _member_urls(member, language):
    registration = Registration.objects.filter(person=member).order_by("-event__start").first()
    invoice = Invoice.objects.filter(customer=member).order_by("-pk").first()
    names = [
        "members:account",
        "members:file",
        "members:photo",
        "members:username",
        "members:email",
        "members:addresses",
        "members:information",
        "members:functions",
        "members:subscriptions",
        "members:interests",
        "members:password",
        "members:directory_preferences",
        "members:deletion_request",
        "members:directory",
        "invoices:list",
        "events:my_events",
        "events:my_trainings",
        "membership:title",
    ]
    urls = [_url(name, language) for name in names]
    urls.append(_url("invoices:detail", language, pk=invoice.pk))
    urls.append(_url("events:registration", language, pk=registration.pk))
    return urls


def _upcoming_event():
    return (
        EventPage.objects.filter(locale__language_code="fr", start__gt=timezone.now())
        .order_by("start")
        .first()
    )


def _register_colleagues(event, usernames=("collegue1", "collegue6")):
    """Two of the delegate's colleagues registered, so that the group page lists them."""
    option = event.options.filter(is_companion=False).first()
    for person in User.objects.filter(username__in=usernames):
        Registration.objects.create(
            event=event, person=person, registered_by=person, option=option, answers={}
        )


def _delegate_urls(language):
    event = _upcoming_event()
    return [
        _url("events:group", language, key=event.translation_key),
        _url("events:delegate_dashboard", language),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_reflow_at_320_px(demo, page, language):
    failures = _check(page, _public_urls(language))
    assert not failures, "Pages that scroll sideways at 320 px:\n" + "\n".join(failures)


@pytest.mark.parametrize("language", LANGUAGES)
def test_member_pages_reflow_at_320_px(demo, page, live_server, language):
    member = User.objects.get(username="membre")
    login_browser(page, member, live_server)
    failures = _check(page, _member_urls(member, language))
    assert not failures, "Pages that scroll sideways at 320 px:\n" + "\n".join(failures)


@pytest.mark.parametrize("language", LANGUAGES)
def test_delegate_pages_reflow_at_320_px(demo, page, live_server, language):
    _register_colleagues(_upcoming_event())
    login_browser(page, User.objects.get(username="delegue"), live_server)
    failures = _check(page, _delegate_urls(language))
    assert not failures, "Pages that scroll sideways at 320 px:\n" + "\n".join(failures)


def test_stacked_tables_keep_their_table_roles_at_320_px(demo, page, live_server):
    """A table laid out as stacked rows is still a table to a screen reader: its roles are
    written out (Safari drops a table's semantics once its cells are displayed as blocks)."""
    member = User.objects.get(username="membre")
    login_browser(page, member, live_server)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(_url("invoices:list", "fr"))
    table = page.locator("table.stack-table").first
    assert table.evaluate("t => getComputedStyle(t.querySelector('tbody tr')).display") == "block"
    assert table.get_attribute("role") == "table"
    roles = table.evaluate(
        """t => ({
            rows: t.querySelectorAll('tr[role=row]').length === t.querySelectorAll('tr').length,
            headers: [...t.querySelectorAll('thead th')].every(th => th.role === 'columnheader'),
            cells: [...t.querySelectorAll('td')].every(td => td.getAttribute('role') === 'cell'),
        })"""
    )
    assert roles == {"rows": True, "headers": True, "cells": True}
