import re
from pathlib import Path

import pytest

from django.conf import settings as django_settings
from django.core import mail
from django.db import transaction

from home.emails import BRAND_COLOURS, queue_email, render_email, text_to_html
from tests.factories import association_settings

pytestmark = pytest.mark.django_db(transaction=True)

EMAILS = Path(django_settings.BASE_DIR) / "templates" / "emails"

PERSON = {"name": "Zoé D'Amours"}
REGISTRATION = {
    **PERSON,
    "event": "Congrès annuel 2026",
    "start": "2026-05-01T09:00:00-04:00",
    "option": "Journée complète",
    "invoice": "F-000042",
}
INVOICE = {
    "number": "F-000042",
    "billed_name": "Zoé D'Amours",
    "total": "114,98 $",
    "balance": "114,98 $",
    "credited_number": "",
    "card_only": False,
    "account_url": "https://quorum.example/fr/compte/factures/",
}
PAYMENT = {
    "payee": "Association Quorum",
    "mailing_address": "1000, rue Principale\nQuébec (Québec) G1A 1A1",
    "bank_name": "Caisse Desjardins",
    "bank_transit": "12345",
    "bank_institution": "815",
    "bank_account": "1234567",
    "interac_email": "paiements@quorum.example",
}
URL = "https://quorum.example/fr/compte/lien/abc/"
REMINDER = {
    **PERSON,
    "event": "Congrès annuel 2026",
    "option": "Journée complète",
    "when": "1er mai 2026, 9 h 00 – 16 h 30",
    "place": "Centre des congrès de Québec",
    "deadline": "24 avril 2026, 23 h 59",
    "registration_url": URL,
}
RENEWAL = {
    **PERSON,
    "number": "F-000042",
    "total": "114,98 $",
    "due": "30 juin 2026",
    "start": "1er juillet 2026",
    "end": "30 juin 2027",
    "renew_url": URL,
}

# Contexts like the ones the services pass (one or more per e-mail). A new e-mail template
# fails the test until it has its sample here.
SAMPLES = {
    "events_cancellation_approved": [
        {**REGISTRATION, "credited": True},
        {**REGISTRATION, "credited": False},
    ],
    "events_cancellation_requested": [REGISTRATION],
    "events_registration_changed": [
        REGISTRATION,
        {**REGISTRATION, "invoice": ""},
        {**REGISTRATION, "badge": True},
    ],
    "events_registration_confirmed": [
        REGISTRATION,
        {**REGISTRATION, "copy_for": "Léa Roy"},
        {**REGISTRATION, "badge": True},
    ],
    "events_seat_offered": [
        {**PERSON, "event": "Congrès", "url": URL, "expires": "2026-05-01T09:00", "hours": 48}
    ],
    "events_staff_cancellation_requested": [
        {**REGISTRATION, "reason": "Conflit d'horaire", "requested_by": "", "queue_url": URL},
        {**REGISTRATION, "reason": "Malade", "requested_by": "Léa Roy", "queue_url": URL},
    ],
    "events_waiting_list_joined": [REGISTRATION],
    "invoices_credit_note": [
        {**INVOICE, "number": "NC-000003", "credited_number": "F-000042", **refund}
        for refund in (
            {},
            {"refund_amount": "114,98 $", "refund_to_card": True},
            {"refund_amount": "114,98 $", "refund_to_card": False},
        )
    ],
    "invoices_instructions": [
        {**INVOICE, **PAYMENT, "method": method, f"by_{method}": True}
        for method in ("cheque", "transfer", "interac")
    ],
    "invoices_issued": [INVOICE, {**INVOICE, "card_only": True}],
    "invoices_payment_received": [
        {**INVOICE, "receipt_number": "R-000007", "amount": "50,00 $", "balance": "64,98 $"}
    ],
    "members_account_closed": [{}],
    "members_account_deleted": [{}],
    "members_account_invitation": [
        {**PERSON, "organization": "Ville de Lévis", "username": "zdamours", "url": URL}
    ],
    "members_account_request_approved": [{**PERSON, "organization": "Ville de Lévis"}],
    "members_account_request_rejected": [
        {**PERSON, "organization": "Ville de Lévis", "reason": "Personne inconnue"}
    ],
    "members_delegate_granted": [{**PERSON, "organization": "Ville de Lévis", "account_url": URL}],
    "members_email_change": [{**PERSON, "url": URL}],
    "members_email_changed": [PERSON],
    "members_forgot_username": [{**PERSON, "username": "zdamours", "login_url": URL}],
    "members_password_changed": [{**PERSON, "reset_url": URL}],
    "members_password_reset": [{**PERSON, "username": "zdamours", "url": URL}],
    "members_welcome": [{**PERSON, "username": "zdamours", "login_url": URL}],
    "membership_application_approved": [{**PERSON, "dues": flag} for flag in (True, False)],
    "membership_application_document_requested": [
        {**PERSON, "reason": "Le diplôme", "status_url": URL}
    ],
    "membership_application_received": [PERSON],
    "membership_application_rejected": [{**PERSON, "reason": "Critères non remplis"}],
    "membership_staff_application_submitted": [
        {**PERSON, "email": "zoe@example.org", "resubmission": flag, "review_url": URL}
        for flag in (False, True)
    ],
    "events_reminder_event": [
        {**REMINDER, "place": "Centre des congrès de Québec"},
        {**REMINDER, "place": ""},
    ],
    "events_reminder_modification_deadline": [REMINDER],
    "events_reminder_cancellation_deadline": [{**REMINDER, "place": ""}],
    "invoices_reminder_unpaid": [
        {**INVOICE, "due_date": "15 mai 2026", "invoice_url": URL},
    ],
    "membership_renewal": [
        {**RENEWAL, "ended": False},
        {**RENEWAL, "ended": True},
        # A category without dues: no invoice, so no number, amount, due date nor link to pay.
        {
            **PERSON,
            "start": "1er juillet 2026",
            "end": "30 juin 2027",
            "ended": False,
            "settled": True,
        },
        {
            **PERSON,
            "start": "1er juillet 2026",
            "end": "30 juin 2027",
            "ended": True,
            "settled": True,
        },
    ],
    "membership_reminder_renewal": [
        {
            **PERSON,
            "end": "30 juin 2026",
            "number": "F-000042",
            "balance": "114,98 $",
            "renew_url": URL,
        }
    ],
    "membership_lapsed": [{**PERSON, "renew_url": URL}],
    "membership_reminder_title_cycle": [
        {
            **PERSON,
            "title": "GMC",
            "cycle_end": "31 décembre 2026",
            "earned": "10",
            "required": "30",
            "missing": "20",
            "title_url": URL,
        }
    ],
    "messaging_message": [
        {
            "subject": "Nouvelles de l'association",
            "body": "Voici nos nouvelles.\n\nÀ bientôt!",
            "association": "Association Quorum du Québec",
            "reason": "Vous recevez ce message parce que vous êtes abonnée à l'infolettre.",
            "unsubscribe_url": unsubscribe,
            "subscriptions_url": subscriptions,
        }
        for unsubscribe, subscriptions in ((URL, ""), ("", URL))
    ],
}

# English words that never belong in a French e-mail (the samples' values are French).
ENGLISH = re.compile(
    r"\b(the|your|you|and|was|is|has|Hello|please|this|with|will|Invoice|Receipt|Copy)\b"
)
INVALID = "MISSING-VARIABLE"
# E-mails whose subject staff write in each language (the sample gives the French one).
WRITTEN_BY_STAFF = {"messaging_message"}


def templates():
    return sorted(path.name.removesuffix("_subject.txt") for path in EMAILS.glob("*_subject.txt"))


@pytest.fixture
def association():
    return association_settings(
        name="Association Quorum du Québec",
        name_en="Quorum Association of Quebec",
        address="1000, rue Principale\nQuébec (Québec) G1A 1A1",
        email="info@quorum.example",
    )


@pytest.fixture
def strict_templates(settings):
    """A variable the sample does not give shows up instead of vanishing."""
    engine = settings.TEMPLATES[0]
    options = {**engine.get("OPTIONS", {}), "string_if_invalid": INVALID}
    settings.TEMPLATES = [{**engine, "OPTIONS": options}]


def test_every_email_template_has_its_text_body_and_a_sample():
    names = templates()
    assert len(names) >= 27
    for name in names:
        assert (EMAILS / f"{name}.txt").exists(), name
    assert sorted(SAMPLES) == names, "give each e-mail template a sample context in SAMPLES"


@pytest.mark.parametrize("name", templates())
def test_every_email_renders_in_french_and_english(name, association, strict_templates):
    assert name in SAMPLES, f"no sample context for {name}"
    for context in SAMPLES[name]:
        rendered = {}
        for language in ("fr", "en"):
            subject, text, html = render_email(name, context, language)
            rendered[language] = subject, text
            for part in (subject, text, html):
                assert "{{" not in part and "{%" not in part
                assert "None" not in part and INVALID not in part
            assert subject.strip() and text.strip()
            assert f'<html lang="{language}">' in html
            assert f"<title>{subject}</title>" in html.replace("&#x27;", "'")
            assert "Zoé D&#x27;Amours" in html or not context.get("name")
            # The layout's footer: the association's name, mailing address and e-mail.
            footer = html.split("<footer>")[1]
            expected_name = association.localized_name(language)
            assert expected_name in footer and "G1A 1A1" in footer
            assert 'href="mailto:info@quorum.example"' in footer
            assert text.rstrip().endswith("info@quorum.example") and expected_name in text
        (fr_subject, fr_text), (en_subject, en_text) = rendered["fr"], rendered["en"]
        if name not in WRITTEN_BY_STAFF:
            assert fr_subject != en_subject
        assert fr_text != en_text
        english = ENGLISH.findall(f"{fr_subject}\n{fr_text.replace(URL, '')}")
        assert not english, f"English left in the French e-mail {name}: {english}"


def test_the_layout_is_accessible_and_in_the_sites_colours(association):
    _subject, text, html = render_email(
        "events_seat_offered", SAMPLES["events_seat_offered"][0], "en"
    )
    assert html.count('role="presentation"') == html.count("<table")
    assert "<h1" in html and "<p" in html
    assert BRAND_COLOURS["brand"] in html
    # The link is clickable, and its text says where it goes (the address itself).
    assert f'<a href="{URL}">{URL}</a>' in html
    assert URL in text
    css = (Path(django_settings.BASE_DIR) / "static" / "css" / "quorum.css").read_text()
    for variable in ("ink", "muted", "brand", "soft", "line"):
        assert f"--{variable}: {BRAND_COLOURS[variable]}" in css, variable


def test_a_copy_for_the_delegate_says_so(association):
    subject, text, html = render_email(
        "events_registration_confirmed", SAMPLES["events_registration_confirmed"][1], "fr"
    )
    assert subject.startswith("Copie : Inscription confirmée")
    assert text.startswith("Copie pour information : ce message a été envoyé à Léa Roy")
    assert "Léa Roy, que vous avez inscrit" in html


def test_text_becomes_escaped_paragraphs_with_links():
    html = text_to_html("Bonjour <Zoé> & fils,\n\nLien : https://x.example/?a=1&b=2\nFin")
    assert html == (
        "<p>Bonjour &lt;Zoé&gt; &amp; fils,</p>\n"
        '<p>Lien : <a href="https://x.example/?a=1&amp;b=2">https://x.example/?a=1&amp;b=2</a>'
        "<br>\nFin</p>"
    )


def fake_attachment(name):
    return f"{name}.txt", b"hello", "text/plain"


def test_email_is_sent_after_commit_in_the_recipients_language(settings, tmp_path):
    (tmp_path / "emails").mkdir()
    (tmp_path / "emails" / "hello_subject.txt").write_text(
        '{% load i18n %}{% translate "Invoices" %} {{ who }}'
    )
    (tmp_path / "emails" / "hello.txt").write_text("{{ language }}")
    engine = settings.TEMPLATES[0]
    # Assigning the setting (not mutating it) makes Django rebuild its template engines.
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]
    with transaction.atomic():
        queue_email(
            to="a@example.org",
            template="hello",
            context={"who": "Ana"},
            language="fr",
            attachments=[("tests.home.test_emails.fake_attachment", ["doc"])],
        )
        assert mail.outbox == []
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Factures Ana"
    assert message.body.startswith("fr\n")
    assert message.alternatives[0][1] == "text/html"
    assert '<html lang="fr">' in message.alternatives[0][0]
    assert message.attachments[0][0] == "doc.txt"


def test_rolled_back_work_sends_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_email(to="a@example.org", template="hello", language="en")
        raise RuntimeError
    assert mail.outbox == []


def test_plain_text_shows_names_as_typed_and_html_escapes_them(settings, tmp_path):
    (tmp_path / "emails").mkdir()
    (tmp_path / "emails" / "hi_subject.txt").write_text("Bonjour {{ name }}")
    (tmp_path / "emails" / "hi.txt").write_text("Bonjour {{ name }} <{{ email }}>")
    (tmp_path / "emails" / "hi.html").write_text("<p>Bonjour {{ name }}</p>")
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]
    queue_email(
        to="a@example.org",
        template="hi",
        context={"name": "Zoé D'Amours & fils", "email": "z@example.org"},
    )
    message = mail.outbox[0]
    assert message.subject == "Bonjour Zoé D'Amours & fils"
    assert message.body.startswith("Bonjour Zoé D'Amours & fils <z@example.org>\n")
    # The e-mail's own HTML body goes into the layout as it is.
    assert "<p>Bonjour Zoé D&#x27;Amours &amp; fils</p>" in message.alternatives[0][0]


def _luminance(colour):
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a, b):
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("ink", "bg"),  # the body
        ("brand_dark", "bg"),  # the heading
        ("brand", "bg"),  # links
        ("on_brand", "brand"),  # the header
        ("muted", "soft"),  # the footer
        ("brand", "soft"),  # the footer's link
        ("ink", "soft"),  # the footer's name and a copy's note
    ],
)
def test_the_layouts_colours_pass_wcag_aa_for_text(text, background):
    assert _contrast(BRAND_COLOURS[text], BRAND_COLOURS[background]) >= 4.5
