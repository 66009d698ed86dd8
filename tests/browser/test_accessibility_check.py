"""The check every journey runs on its pages (`assert_accessible`) fails where it should."""

import pytest

from tests.browser.conftest import assert_accessible

ACCESSIBLE = """<!doctype html><html lang="fr"><head><title>Essai</title></head>
<body><main><h1>Essai</h1><label for="nom">Nom</label><input id="nom"></main></body></html>"""


def test_a_page_without_problems_passes(page):
    page.set_content(ACCESSIBLE)
    assert_accessible(page)
    # A second scan of the same document (a journey checks a page before and after a step).
    assert_accessible(page)


def test_a_field_without_a_label_fails_and_is_named(page):
    page.set_content(ACCESSIBLE.replace('<label for="nom">Nom</label>', ""))
    with pytest.raises(AssertionError, match=r"label \(critical\).*#nom"):
        assert_accessible(page)


def test_a_page_wider_than_a_phone_fails(page):
    page.set_content(ACCESSIBLE.replace("<h1>Essai</h1>", '<div style="width:600px">Large</div>'))
    with pytest.raises(AssertionError, match="at 320px: .*sticks out"):
        assert_accessible(page)
