""" "Mon dossier": every section of the member file."""

import datetime
import io
import json
import re
from decimal import Decimal

import pytest
import time_machine
from PIL import Image

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from invoices.models import Invoice
from invoices.services import LineSpec, issue_invoice
from members import services
from members.deletion import process_deletion_request
from members.models import Address, DeletionRequest, Function, Subscription, User
from tests.factories import FunctionFactory, OrganizationFactory, UserFactory, default_site

from .factories import AddressFactory, interest, professional_order

pytestmark = pytest.mark.django_db


def url(name, language="fr", *args):
    with translation.override(language):
        return reverse(name, args=args or None)


@pytest.fixture
def person(client):
    user = UserFactory(
        username="mcote", email="m.cote@example.org", first_name="Marie", last_name="Côté"
    )
    client.force_login(user)
    return user


def image_upload(size=(1200, 900), fmt="PNG", name="moi.png"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_file_shows_every_section(client, person, language):
    html = client.get(url("members:file", language)).content.decode()
    if language == "fr":
        for heading in [
            "Mon dossier",
            "Mes coordonnées",
            "Mes informations",
            "Mes fonctions",
            "Mes abonnements",
            "Mes intérêts",
            "Mon mot de passe",
        ]:
            assert heading in html
    else:
        for heading in [
            "My file",
            "My contact details",
            "My information",
            "My functions",
            "My subscriptions",
            "My interests",
            "My password",
        ]:
            assert heading in html
    assert "/legal/" in html  # privacy notice


def test_account_hub_links_every_section(client, person):
    html = client.get(url("members:account")).content.decode()
    for name in [
        "file",
        "information",
        "functions",
        "subscriptions",
        "interests",
        "password",
        "directory_preferences",
    ]:
        assert f'href="{url(f"members:{name}")}"' in html
    assert url("members:account_request") not in html  # not a delegate


def test_photo_is_resized_and_stored_under_a_random_name(client, person):
    response = client.post(url("members:photo"), {"photo": image_upload()})
    assert response.status_code == 302
    person.refresh_from_db()
    assert re.fullmatch(r"members/photos/[0-9a-f]{32}\.jpg", person.photo.name)
    with Image.open(person.photo.path) as stored:
        assert stored.format == "JPEG"
        assert max(stored.size) <= 400
    assert "mcote" not in person.photo.name
    html = client.get(url("members:file")).content.decode()
    assert person.photo.url in html


@pytest.mark.parametrize("language", ["fr", "en"])
def test_photo_must_be_an_image(client, person, language):
    fake = SimpleUploadedFile("moi.png", b"not an image", content_type="image/png")
    response = client.post(url("members:photo", language), {"photo": fake})
    assert response.status_code == 200
    assert 'id="id_photo_error"' in response.content.decode()
    person.refresh_from_db()
    assert not person.photo


def test_a_photo_of_too_many_pixels_is_refused_before_it_is_decoded(client, person):
    """A small PNG file of 56 million pixels (one colour compresses to almost nothing): it is
    refused on the field instead of being decoded whole to be resized."""
    buffer = io.BytesIO()
    Image.new("1", (8000, 7000)).save(buffer, format="PNG")
    assert buffer.tell() < 100_000
    upload = SimpleUploadedFile("moi.png", buffer.getvalue(), content_type="image/png")
    response = client.post(url("members:photo", "en"), {"photo": upload})
    assert response.status_code == 200
    assert "at most 50 megapixels" in response.content.decode()
    person.refresh_from_db()
    assert not person.photo


def test_a_large_jpeg_photo_is_resized_and_turned_upright(client, person):
    """A phone's photo (4000 × 3000, taken on its side: EXIF orientation 6) comes out at most
    400 px, turned upright."""
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    Image.new("RGB", (4000, 3000), "navy").save(buffer, format="JPEG", exif=exif)
    upload = SimpleUploadedFile("moi.jpg", buffer.getvalue(), content_type="image/jpeg")
    assert client.post(url("members:photo"), {"photo": upload}).status_code == 302
    person.refresh_from_db()
    with Image.open(person.photo.path) as stored:
        assert stored.size == (300, 400)


def test_username_change_and_switch_to_email(client, person):
    response = client.post(
        url("members:username"), {"username": "marie.cote", "current_password": "wrong"}
    )
    assert "Ce n’est pas votre mot de passe actuel" in response.content.decode()
    response = client.post(
        url("members:username"),
        {"username": "marie.cote", "current_password": "secret-pass-2026"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.username == "marie.cote"
    client.post(
        url("members:username"), {"use_email": "on", "current_password": "secret-pass-2026"}
    )
    person.refresh_from_db()
    assert person.username == "m.cote@example.org"


def test_username_already_taken(client, person):
    UserFactory(username="pris")
    response = client.post(
        url("members:username", "en"), {"username": "PRIS", "current_password": "secret-pass-2026"}
    )
    assert "This username is already taken" in response.content.decode()


def _confirmation_path(message):
    return re.search(r"https?://testserver(\S+)", message.body).group(1)


def test_email_change_needs_the_password_then_a_confirmation(client, person, sent):
    response = client.post(
        url("members:email"), {"current_password": "wrong", "email": "marie@nouvelle.example"}
    )
    assert response.status_code == 200
    with sent():
        response = client.post(
            url("members:email"),
            {"current_password": "secret-pass-2026", "email": "marie@nouvelle.example"},
        )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.email == "m.cote@example.org"  # not yet
    assert mail.outbox[-1].to == ["marie@nouvelle.example"]
    path = _confirmation_path(mail.outbox[-1])
    assert "nouvelle" not in path  # no address in the link
    response = client.get(path)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.email == "marie@nouvelle.example"
    assert client.get(path).status_code == 400  # used


def test_an_email_longer_than_a_file_keeps_is_refused_on_the_field(client, person, sent):
    too_long = "a" * 64 + "@" + ".".join(["b" * 63, "c" * 63, "d" * 63]) + ".ca"
    with sent():
        response = client.post(
            url("members:email", "en"), {"current_password": "secret-pass-2026", "email": too_long}
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_email_error"' in html and "at most 254 characters" in html
    person.refresh_from_db()
    assert person.pending_email == "" and person.email == "m.cote@example.org"
    assert mail.outbox == []


def test_email_change_to_another_accounts_username_keeps_the_access_code(client, sent):
    # The access code was the e-mail; another account's username is the new address.
    user = UserFactory(username="lea@ville.example", email="lea@ville.example")
    UserFactory(username="lea@nouvelle.example", email="quelquun@example.org")
    client.force_login(user)
    with sent():
        client.post(
            url("members:email"),
            {"current_password": "secret-pass-2026", "email": "lea@nouvelle.example"},
        )
    response = client.get(_confirmation_path(mail.outbox[-1]), follow=True)
    assert "Votre adresse courriel a été changée." in response.content.decode()
    user.refresh_from_db()
    assert user.email == "lea@nouvelle.example"
    assert user.username == "lea@ville.example"


def test_email_change_link_expires(client, person, sent):
    with sent():
        client.post(
            url("members:email"),
            {"current_password": "secret-pass-2026", "email": "marie@nouvelle.example"},
        )
    path = _confirmation_path(mail.outbox[-1])
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=3)):
        response = client.get(path)
    assert response.status_code == 400
    assert "expiré" in response.content.decode()
    person.refresh_from_db()
    assert person.email == "m.cote@example.org"


def test_email_change_link_of_another_account_is_refused(client, person, sent):
    with sent():
        client.post(
            url("members:email"),
            {"current_password": "secret-pass-2026", "email": "marie@nouvelle.example"},
        )
    path = _confirmation_path(mail.outbox[-1])
    client.force_login(UserFactory())
    assert client.get(path).status_code == 400
    person.refresh_from_db()
    assert person.email == "m.cote@example.org"


def test_addresses_and_the_main_address(client, person):
    data = {
        "work-street": "5, rue du Travail",
        "work-city": "Québec",
        "work-province": "QC",
        "work-postal_code": "G1R 4S9",
        "work-phone": "418 555-0111",
        "personal-street": "9, rue Chez-Moi",
        "personal-city": "Lévis",
        "personal-province": "QC",
        "personal-postal_code": "G6V 1A1",
        "personal-phone": "",
    }
    assert client.post(url("members:addresses"), data).status_code == 302
    assert person.addresses.get(kind=Address.Kind.PERSONAL).city == "Lévis"
    # Without an employer, the work address is the main address on invoices.
    details = person.billing_details()
    name, address = details.name, details.address
    assert name == "Marie Côté"
    assert "5, rue du Travail" in address
    # With a current employer, the employer's address wins.
    organization = OrganizationFactory(name="Ville de Québec-Test", street="2, rue de l'Hôtel")
    FunctionFactory(user=person, organization=organization)
    person = User.objects.get(pk=person.pk)
    details = person.billing_details()
    name, address = details.name, details.address
    assert address.splitlines()[:2] == ["Ville de Québec-Test", "2, rue de l'Hôtel"]
    invoice = issue_invoice(lines=[LineSpec("Formation", Decimal("100.00"))], customer=person)
    assert "2, rue de l'Hôtel" in invoice.billed_address


def test_bad_address_input(client, person):
    response = client.post(url("members:addresses", "en"), {"work-postal_code": "ABC"})
    assert response.status_code == 200
    assert "Enter a Canadian postal code" in response.content.decode()


def test_information_with_consent_and_orders(client, person):
    orders = professional_order("Barreau du Québec", "Quebec Bar")
    response = client.post(url("members:information"), {"allergies": "Noix"})
    assert "Cochez la case de consentement" in response.content.decode()
    response = client.post(
        url("members:information"),
        {
            "allergies_consent": "on",
            "allergies": "Noix",
            "expertise": "Finances",
            "professional_orders": [orders[0].pk],
            "linkedin_url": "https://www.linkedin.com/in/mcote",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.allergies == "Noix"
    html = client.get(url("members:file", "en")).content.decode()
    assert "Quebec Bar" in html  # shown in the page's language
    # Withdrawing consent erases the allergies.
    client.post(url("members:information"), {"allergies": "", "expertise": "Finances"})
    person.refresh_from_db()
    assert person.allergies == "" and not person.allergies_consent


@pytest.mark.parametrize(
    "link",
    [
        "https://example.org/?linkedin.com/in/x",
        "https://linkedin.com.example.org/in/x",
        "https://evil-linkedin.com/in/x",
        "https://notlinkedin.com/in/x",
    ],
)
def test_linkedin_link_must_be_on_linkedin_com(client, person, link):
    response = client.post(
        url("members:information", "en"), {"expertise": "Finances", "linkedin_url": link}
    )
    assert response.status_code == 200
    assert "Enter the address of your LinkedIn profile" in response.content.decode()
    person.refresh_from_db()
    assert person.linkedin_url == ""


def test_free_text_is_bounded(client, person):
    response = client.post(
        url("members:information", "en"), {"expertise": "x" * 2001, "linkedin_url": ""}
    )
    assert response.status_code == 200
    assert "at most 2000 characters" in response.content.decode()
    person.refresh_from_db()
    assert person.expertise == ""


def test_a_linkedin_link_longer_than_the_file_keeps_is_refused_on_the_field(client, person):
    # The file keeps 200 characters; a longer link used to pass the form (and fail on save
    # on PostgreSQL), in "Mes informations" as in step 4 of "Créer un dossier".
    link = "https://www.linkedin.com/in/" + "a" * 180
    response = client.post(url("members:information"), {"linkedin_url": link})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_linkedin_url_error"' in html and "au plus 200 caractères" in html
    person.refresh_from_db()
    assert person.linkedin_url == ""


def test_end_a_function_and_add_a_new_one(client, person):
    old = FunctionFactory(user=person, title="Trésorière", start_date=datetime.date(2018, 1, 8))
    response = client.post(
        url("members:function_end", "fr", old.pk), {f"end{old.pk}-end_date": "2017-01-01"}
    )
    assert response.status_code == 400
    assert "La date de fin précède la date de début" in response.content.decode()
    # The page's title says so too, though the error is in a row's form, not the page's own.
    assert "<title>Erreur : Mes fonctions ·" in response.content.decode()
    response = client.post(
        url("members:function_end", "fr", old.pk), {f"end{old.pk}-end_date": "2025-06-30"}
    )
    assert response.status_code == 302
    assert "<title>Mes fonctions ·" in client.get(url("members:functions")).content.decode()
    organization = OrganizationFactory(name="Ville Nouvelle")
    response = client.post(
        url("members:functions"),
        {"organization": organization.pk, "title": "Directrice", "start_date": "2025-07-02"},
    )
    assert response.status_code == 302
    person = User.objects.get(pk=person.pk)
    assert person.current_organization == organization
    assert person.functions.count() == 2  # history kept
    old.refresh_from_db()
    assert old.end_date == datetime.date(2025, 6, 30)
    html = client.get(url("members:functions")).content.decode()
    assert "Trésorière" in html and "Directrice" in html


def test_add_function_bad_input(client, person):
    response = client.post(url("members:functions", "en"), {"title": "", "start_date": "x"})
    html = response.content.decode()
    assert 'id="id_title_error"' in html
    assert 'id="id_organization_error"' in html
    assert 'id="id_start_date_error"' in html


def test_another_persons_function_is_a_404(client, person):
    other = FunctionFactory()
    response = client.post(
        url("members:function_end", "fr", other.pk), {f"end{other.pk}-end_date": "2025-06-30"}
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.end_date is None


def test_members_are_warned_before_unsubscribing(client, person):
    person.is_member = True
    person.save()
    services.update_subscriptions(person, subscribed={"newsletter", "member_news"}, by=person)
    response = client.post(url("members:subscriptions"), {"subscriptions": ["newsletter"]})
    assert response.status_code == 200
    assert "En êtes-vous certain?" in response.content.decode()
    assert person.subscriptions.get(list="member_news").subscribed
    response = client.post(
        url("members:subscriptions"), {"subscriptions": ["newsletter"], "confirmed": "1"}
    )
    assert response.status_code == 302
    assert not person.subscriptions.get(list="member_news").subscribed


def test_participants_unsubscribe_without_a_warning(client, person):
    services.update_subscriptions(person, subscribed={"newsletter"}, by=person)
    response = client.post(url("members:subscriptions", "en"), {})
    assert response.status_code == 302
    assert not Subscription.objects.filter(user=person, subscribed=True).exists()


def test_interests_are_listed_in_the_current_language(client, person):
    french, english = interest("Ressources humaines", "Human resources")
    html = client.get(url("members:interests", "en")).content.decode()
    assert "Human resources" in html and "Ressources humaines" not in html
    client.post(url("members:interests", "en"), {"interests": [english.pk]})
    html = client.get(url("members:file", "fr")).content.decode()
    assert "Ressources humaines" in html
    html = client.get(url("members:interests", "fr")).content.decode()
    assert re.search(rf'value="{french.pk}"[^>]*checked', html)


def test_password_change_with_advice_and_contact(client, person, settings):

    from home.models import AssociationSettings

    site = default_site()
    association = AssociationSettings.for_site(site)
    association.email = "aide@quorum.example"
    association.save()
    html = client.get(url("members:password")).content.decode()
    assert "aide@quorum.example" in html
    assert "changez régulièrement" in html
    response = client.post(
        url("members:password"),
        {"old_password": "wrong", "new_password1": "x", "new_password2": "x"},
    )
    assert 'id="id_old_password_error"' in response.content.decode()
    response = client.post(
        url("members:password"),
        {
            "old_password": "secret-pass-2026",
            "new_password1": "Autre-Secret-2026",
            "new_password2": "Autre-Secret-2026",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password("Autre-Secret-2026")
    # Still logged in.
    assert client.get(url("members:file")).status_code == 200


def test_download_my_data(client, person):
    AddressFactory(user=person, city="Rimouski")
    FunctionFactory(user=person, title="Greffière")
    person.allergies, person.allergies_consent = "Lactose", True
    person.save()
    response = client.get(url("members:download_data"))
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["username"] == "mcote"
    assert data["addresses"]["work"]["city"] == "Rimouski"
    assert data["functions"][0]["title"] == "Greffière"
    assert data["account"]["information"]["allergies"] == "Lactose"


def test_deletion_request_then_staff_processing_keeps_invoices(client, person, sent):
    AddressFactory(user=person)
    invoice = issue_invoice(lines=[LineSpec("Formation", Decimal("50.00"))], customer=person)
    response = client.post(url("members:deletion_request"), {"reason": "Je pars"})
    assert 'id="id_confirm_error"' in response.content.decode()
    response = client.post(url("members:deletion_request"), {"reason": "Je pars", "confirm": "on"})
    assert response.status_code == 302
    request = DeletionRequest.objects.get(user=person)
    staff = UserFactory(is_staff=True, is_superuser=True)
    with sent():
        process_deletion_request(request, by=staff)
    assert mail.outbox[-1].to == ["m.cote@example.org"]
    person.refresh_from_db()
    assert not person.is_active
    assert person.email is None and person.first_name == "" and "Côté" not in person.last_name
    assert not person.addresses.exists()
    invoice = Invoice.objects.get(pk=invoice.pk)
    assert invoice.customer_id == person.pk
    assert invoice.billed_name == "Marie Côté"


def test_file_query_count_does_not_grow(client, person, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("members:file")).status_code == 200
        return len(queries)

    def add(n):
        for i in range(n):
            FunctionFactory(
                user=person, title=f"Poste {i}", end_date=datetime.date(2024, 1, 1) if i else None
            )
            person.interests.add(interest(f"Intérêt {i}-{n}", f"Interest {i}-{n}")[0])
            person.professional_orders.add(
                professional_order(f"Ordre {i}-{n}", f"Order {i}-{n}")[0]
            )

    add(2)
    count()  # warm the per-process caches (site, settings, locales)
    small = count()
    Function.objects.filter(user=person).delete()
    add(20)
    count()  # interests and orders are snippets: adding them purged the shared page parts
    assert count() == small


@pytest.mark.parametrize(
    "name",
    [
        "photo",
        "username",
        "email",
        "addresses",
        "information",
        "functions",
        "subscriptions",
        "interests",
        "directory_preferences",
        "deletion_request",
    ],
)
def test_every_form_links_the_privacy_notice(client, person, name):
    html = client.get(url(f"members:{name}")).content.decode()
    assert f'href="{url("legal_notice")}"' in html


def test_signup_links_the_privacy_notice(client):
    html = client.get(url("members:signup"), follow=True).content.decode()
    assert f'href="{url("legal_notice")}"' in html


def test_allergies_are_never_logged(client, person, caplog):
    caplog.set_level("DEBUG")
    client.post(
        url("members:information"),
        {"allergies_consent": "on", "allergies": "Sésame-7731", "expertise": ""},
    )
    person.refresh_from_db()
    assert person.allergies == "Sésame-7731"
    assert "Sésame-7731" not in caplog.text


def test_photo_too_large_or_wrong_format(client, person, monkeypatch):
    from members import forms

    monkeypatch.setattr(forms, "PHOTO_MAX_BYTES", 100)
    response = client.post(url("members:photo", "en"), {"photo": image_upload()})
    assert "The image is larger than 5 MB." in response.content.decode()
    monkeypatch.setattr(forms, "PHOTO_MAX_BYTES", 5 * 1024 * 1024)
    gif = image_upload(fmt="GIF", name="moi.gif")
    response = client.post(url("members:photo", "en"), {"photo": gif})
    assert "Send a JPEG, PNG or WebP image." in response.content.decode()
    person.refresh_from_db()
    assert not person.photo
