"""The home page in Chromium (issue 16): the cards of what is coming, with the demo's image,
and a signed-in member's own part, both free of accessibility violations."""

import pytest
from playwright.sync_api import expect

from events.models import EventPage
from members.models import User

from .conftest import assert_accessible, login_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_sees_the_coming_events_then_a_member_sees_their_part(demo, page, live_server):
    training = EventPage.objects.get(slug="preparer-et-presenter-le-budget-municipal")
    page.goto("/fr/")
    coming = page.get_by_role("region", name="À venir")
    card = coming.get_by_role("listitem").filter(has_text=training.title)
    expect(card.get_by_role("img", name=training.image_alt)).to_be_visible()
    expect(card).to_contain_text("places restantes")
    assert_accessible(page)

    login_browser(page, User.objects.get(username="membre"), live_server)
    page.goto("/en/")
    mine = page.get_by_role("region", name="For you")
    expect(mine.get_by_role("heading", name="What you owe")).to_be_visible()
    expect(mine).to_contain_text("You owe")
    assert_accessible(page)
    mine.get_by_role("link", name="See your invoices").click()
    expect(page.get_by_role("heading", level=1, name="Invoices")).to_be_visible()
