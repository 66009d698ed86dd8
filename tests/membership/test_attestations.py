import datetime
import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from membership import services
from membership.models import Attestation, TitleSettings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def attend(user, key, credits, day, label="Budget municipal 101"):
    services.award_training_credits(
        user,
        source_key=key,
        earned_on=day,
        credits=Decimal(credits),
        label_fr=label,
        label_en="Municipal budgeting 101",
        by=None,
    )


def pdf_text(response):
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_attended_training_gives_credits_and_one_attestation_each():
    user = UserFactory()
    attend(user, "t1", "7", datetime.date(2026, 3, 1))
    attend(user, "t1", "7", datetime.date(2026, 3, 1))
    assert user.credit_entries.count() == 1
    assert user.attestations.filter(kind=Attestation.Kind.TRAINING).count() == 1
    assert services.title_progress(user, today=datetime.date(2026, 6, 1)).total == Decimal("7")


def test_reaching_the_threshold_issues_the_title_attestation():
    rules = TitleSettings.load()
    rules.credits_to_obtain = Decimal("14")
    rules.save()
    user = UserFactory()
    attend(user, "t1", "7", datetime.date(2026, 3, 1))
    assert not user.attestations.filter(kind=Attestation.Kind.TITLE).exists()
    attend(user, "t2", "7", datetime.date(2026, 4, 1))
    title = user.attestations.get(kind=Attestation.Kind.TITLE)
    assert title.achieved_on == datetime.date(2026, 4, 1)


def test_title_page_shows_progress_and_what_remains(client):
    user = UserFactory(language="en")
    attend(user, "t1", "21", datetime.date.today() - datetime.timedelta(days=10))
    client.force_login(user)
    html = client.get("/en/account/title/").content.decode()
    assert "21 of 60 credits earned; 39 remaining." in html
    assert "21 of 30 credits earned in this cycle; 9 remaining." in html
    html = client.get("/fr/account/title/").content.decode()
    assert "21 crédits obtenus sur 60; il en reste 39." in html


@pytest.mark.parametrize(
    ("credits", "french", "english"),
    [
        # French puts the noun in the singular below two: "0 crédit", "1 crédit", "1,5 crédit".
        (None, "0 crédit obtenu sur 60; il en reste 60.", "0 of 60 credits earned"),
        ("1", "1 crédit obtenu sur 60; il en reste 59.", "1 of 60 credits earned"),
        ("1.5", "1,50 crédit obtenu sur 60; il en reste 58,50.", "1.50 of 60 credits earned"),
        ("2", "2 crédits obtenus sur 60; il en reste 58.", "2 of 60 credits earned"),
    ],
)
def test_title_page_agrees_the_credits_with_their_number(client, credits, french, english):
    user = UserFactory()
    if credits:
        attend(user, "t1", credits, datetime.date.today() - datetime.timedelta(days=10))
    client.force_login(user)
    html = client.get("/fr/account/title/").content.decode()
    assert french in html
    cycle = french.replace("sur 60", "sur 30 dans ce cycle").split(";")[0]
    assert cycle in html
    assert english in client.get("/en/account/title/").content.decode()


def test_attestation_pdf_in_the_members_language_with_its_code(client):
    user = UserFactory(first_name="Léa", last_name="Côté")
    attend(user, "t1", "7", datetime.date(2026, 4, 17))
    attestation = user.attestations.get()
    client.force_login(user)
    response = client.get(f"/fr/account/attestations/{attestation.pk}/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    text = pdf_text(response)
    assert "Léa Côté" in text and "17 avril 2026" in text
    assert "Budget municipal 101" in text and attestation.code in text
    english = pdf_text(client.get(f"/en/account/attestations/{attestation.pk}/"))
    assert "April 17, 2026" in english and "Municipal budgeting 101" in english


def test_another_members_attestation_is_404(client):
    owner = UserFactory()
    attend(owner, "t1", "7", datetime.date(2026, 4, 17))
    client.force_login(UserFactory())
    pk = Attestation.objects.get().pk
    assert client.get(f"/fr/account/attestations/{pk}/").status_code == 404


def test_public_check_shows_only_what_the_attestation_states(client):
    user = UserFactory(first_name="Léa", last_name="Côté", email="lea@example.org")
    attend(user, "t1", "7", datetime.date(2026, 4, 17))
    code = Attestation.objects.get().code
    html = client.get("/fr/attestations/verify/", {"code": code.lower()}).content.decode()
    assert "Cette attestation est authentique." in html
    assert "Léa Côté" in html and "Budget municipal 101" in html
    assert "lea@example.org" not in html
    html = client.get("/en/attestations/verify/", {"code": "AAAA-BBBB-CCCC"}).content.decode()
    assert "No attestation has this code." in html


@pytest.mark.parametrize("typed", ["{code}", "{compact}", "{spaced}", " {compact_lower} "])
def test_public_check_takes_the_code_with_or_without_its_dashes(client, typed):
    attend(UserFactory(first_name="Léa", last_name="Côté"), "t1", "7", datetime.date(2026, 4, 17))
    code = Attestation.objects.get().code
    compact = code.replace("-", "")
    typed = typed.format(
        code=code,
        compact=compact,
        spaced=code.replace("-", " "),
        compact_lower=compact.lower(),
    )
    html = client.get("/en/attestations/verify/", {"code": typed}).content.decode()
    assert "This attestation is authentic." in html and "Léa Côté" in html


@pytest.mark.parametrize("typed", ["ABCD", "ABCD-EFGH-JKLM-NPQR", "AB\x00CD", "é" * 12])
def test_public_check_of_an_unknown_code_says_so(client, typed):
    attend(UserFactory(), "t1", "7", datetime.date(2026, 4, 17))
    html = client.get("/en/attestations/verify/", {"code": typed}).content.decode()
    assert "No attestation has this code." in html
