"""Typography over the demo's rendered pages, in French and in English: the public pages and
what members see under "Mon compte". The text of each page (without markup, scripts or styles)
is scanned for the mistakes readers noticed."""

import html
import re

import pytest

from django.contrib.auth import get_user_model
from django.utils import translation

from wagtail.models import Page

from events.models import EventPage, Registration
from invoices.models import Invoice

MEMBER_PATHS = [
    "account/",
    "account/file/",
    "account/file/addresses/",
    "account/file/information/",
    "account/file/functions/",
    "account/file/subscriptions/",
    "account/file/interests/",
    "account/file/directory/",
    "account/file/delete/",
    "account/file/password/",
    "account/file/email/",
    "account/file/username/",
    "account/directory/",
    "account/invoices/",
    "account/events/",
    "account/trainings/",
    "account/title/",
    "attestations/verify/",
]
PUBLIC_PATHS = [
    "legal/",
    "search/?q=guide",
    "account/login/",
    "account/create/1/",
    "account/membership/step/1/",
]

HIDDEN = re.compile(r"<(script|style|svg|template)\b.*?</\1>", re.S)
INLINE = re.compile(r"</?(?:a|strong|em|b|i|span|time|abbr|code|small|mark|sup|sub)\b[^>]*>")
TAGS = re.compile(r"<[^>]+>")
MONTHS_FR = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
US_DATE = re.compile(r"\b\d{2}/\d{2}/\d{4}\b")
DATE_RANGE = re.compile(
    rf"(\b\d{{1,2}}(?:er)? (?:{MONTHS_FR}) \d{{4}}|\b[A-Z][a-z]+ \d{{1,2}}, \d{{4}})"
    r"[^–\n]{0,25}–\s*\1"
)
# A straight apostrophe between two letters (l'association, qu'avec): French text takes ’.
STRAIGHT_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")
FRENCH = [
    ("a colon without its space", re.compile(r"[\w»)\]]:(?=\s|$)")),
    ("“1 mai” for the first of a month", re.compile(rf"(?<![\d,])1 (?:{MONTHS_FR})\b")),
    ("“0 place” (no seat left)", re.compile(r"(?<![\d,])0 places?\b")),
    ("a missing elision", re.compile(r"\b(?:de|que|le|la) [AEIOUYÉÈÊÀÂÎ][a-zé]")),
    ("an English a.m./p.m.", re.compile(r"\b[ap]\.m\.")),
    ("a straight apostrophe (’ in French)", STRAIGHT_APOSTROPHE),
]
ENGLISH = [
    ("a space before a colon", re.compile(r"\w\s+:(?=\s)")),
    ("a.m./p.m. followed by a second period", re.compile(r"\b[ap]\.m\.\.")),
    ("“contact information” rather than “contact details”", re.compile(r"(?i)contact info")),
    ("“Coordinates” rather than “contact details”", re.compile(r"(?i)\bcoordinates\b")),
    ("an abbreviated month", re.compile(r"\b(?:Jan|Feb|Aug|Sept|Oct|Nov|Dec)\. \d")),
]


# A cell marked as written in another language (an invoice line in the invoice's language) follows
# that language's typography, not the page's.
OTHER_LANGUAGE = re.compile(r'<(td|th|span)\b[^>]*\blang="(\w+)"[^>]*>.*?</\1>', re.S)


def page_text(content, language=None):
    body = content.decode()
    body = body[body.find("<body") :]
    if language:
        body = OTHER_LANGUAGE.sub(lambda m: m[0] if m[2] == language else " ", body)
    text = TAGS.sub(" ", INLINE.sub("", HIDDEN.sub(" ", body)))
    return html.unescape(text).replace("\u00a0", " ").replace("\u202f", " ")


def problems(text, language):
    found = []
    for label, pattern in FRENCH if language == "fr" else ENGLISH:
        for match in pattern.finditer(text):
            found.append(f"{label}: …{text[max(0, match.start() - 40) : match.end() + 20]}…")
    for pattern, label in ((US_DATE, "a US date"), (DATE_RANGE, "a date range repeating its date")):
        for match in pattern.finditer(text):
            found.append(f"{label}: …{text[max(0, match.start() - 30) : match.end() + 10]}…")
    return [" ".join(p.split()) for p in found]


def describe(report):
    return "\n".join(f"{url}\n  " + "\n  ".join(found) for url, found in report.items())


def live_page_paths(language):
    paths = []
    for page in Page.objects.live().filter(depth__gt=1, locale__language_code=language):
        url = page.get_url()
        if url:
            paths.append(url)
    return paths


def scan(client, paths, language):
    report = {}
    for path in paths:
        url = path if path.startswith("/") else f"/{language}/{path}"
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if response["Content-Type"].startswith("text/html"):
            found = problems(page_text(response.content, language), language)
            if found:
                report[url] = found
    return report


def member_paths(user):
    paths = list(MEMBER_PATHS)
    paths += [
        f"account/invoices/{pk}/"
        for pk in Invoice.objects.filter(customer=user).values_list("pk", flat=True)
    ]
    paths += [
        f"registrations/{pk}/"
        for pk in Registration.objects.filter(person=user).values_list("pk", flat=True)
    ]
    return paths


@pytest.mark.parametrize("language", ["fr", "en"])
def test_public_pages_follow_the_typography_of_their_language(demo, client, language):
    with translation.override(language):
        report = scan(client, live_page_paths(language) + PUBLIC_PATHS, language)
    assert not report, describe(report)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_member_pages_follow_the_typography_of_their_language(demo, client, language):
    member = get_user_model().objects.get(username="membre")
    client.force_login(member)
    with translation.override(language):
        report = scan(client, member_paths(member), language)
    assert not report, describe(report)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_applicant_pages_follow_the_typography_of_their_language(demo, client, language):
    client.force_login(get_user_model().objects.get(username="candidat"))
    with translation.override(language):
        report = scan(client, ["account/membership/status/"], language)
    assert not report, describe(report)


def test_the_scan_finds_what_it_looks_for():
    text = "Statut: payé. Le 1 mai 2026, 0 place restante, inscription de Amélie, l'association."
    assert len(problems(text, "fr")) == 5
    english = "Until May 1, 2026, 9:00 a.m.. Status : paid. 01/15/2024. Coordinates"
    assert len(problems(english, "en")) == 4
    assert problems("May 1, 2026, 9:00 a.m. – May 1, 2026, 5:00 p.m.", "en")
    assert problems("Statut : payé. Le 1er mai 2026, aucune place restante, d’Amélie.", "fr") == []
    assert problems("May 1, 2026, 9:00 a.m. – 5:00 p.m. Status: paid.", "en") == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_delegate_pages_follow_the_typography_of_their_language(demo, client, language):
    client.force_login(get_user_model().objects.get(username="delegue"))
    keys = EventPage.objects.live().values_list("translation_key", flat=True).distinct()
    paths = ["account/account-requests/", "account/delegate/"]
    paths += [f"registrations/{key}/group/" for key in keys]
    with translation.override(language):
        report = scan(client, paths, language)
    assert not report, describe(report)


RENEWAL_PATHS = ["account/", "account/membership/renew/", "account/title/", "account/invoices/"]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("username", ["renouvellement", "grace", "echu", "participant"])
def test_membership_pages_follow_the_typography_of_their_language(demo, client, language, username):
    """The demo's renewal accounts (due, in grace, lapsed) and a non-member: "Mon compte",
    "Renouveler mon adhésion", the title page and their invoices."""
    person = get_user_model().objects.get(username=username)
    client.force_login(person)
    paths = RENEWAL_PATHS + [
        f"account/invoices/{pk}/"
        for pk in Invoice.objects.filter(customer=person).values_list("pk", flat=True)
    ]
    with translation.override(language):
        report = scan(client, paths, language)
    assert not report, describe(report)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_delegate_renewals_and_unsubscribe_pages_follow_the_typography(demo, client, language):
    from urllib.parse import urlsplit

    from members.models import Subscription
    from members.services import delegate_organizations
    from messaging.services import unsubscribe_url

    delegate = get_user_model().objects.get(username="delegue")
    client.force_login(delegate)
    paths = [
        f"account/membership/organizations/{organization.pk}/renewals/"
        for organization in delegate_organizations(delegate)
    ]
    # The unsubscribe page speaks the person's language: someone who reads `language`.
    reader = get_user_model().objects.get(username="membre" if language == "fr" else "grace")
    link = urlsplit(unsubscribe_url(reader, Subscription.List.NEWSLETTER, language)).path
    with translation.override(language):
        report = scan(client, paths, language)
        client.logout()
        report.update(scan(client, [link], language))
    assert paths and not report, describe(report)
