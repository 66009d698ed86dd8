"""Staff side in the Wagtail admin."""

import io
import re
from html import unescape

import pytest
from axes.models import AccessLog
from PIL import Image

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry
from wagtail.signal_handlers import disable_reference_index_auto_update

from events.services import register
from members import services
from members.deletion import process_deletion_request
from members.models import AccountRequest, DelegateGrant, DeletionRequest, Organization, User
from membership.models import Attestation
from tests.events.factories import answers, make_event, option
from tests.factories import FunctionFactory, OrganizationFactory, UserFactory, speaks, staff_with
from tests.invoices.factories import make_invoice
from tests.membership.test_applications import submitted_application

from .factories import AccountRequestFactory, interest

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = UserFactory(
        username="staff", is_staff=True, is_superuser=True, first_name="Staff", last_name="Admin"
    )
    client.force_login(user)
    return user


def test_members_listing_filters_and_export(client, staff):
    organization = OrganizationFactory(name="Ville Filtrée")
    member = UserFactory(
        last_name="Membre-Test", is_member=True, allergies="Soja", allergies_consent=True
    )
    FunctionFactory(user=member, organization=organization)
    UserFactory(last_name="Participant-Test", is_member=False)
    index = reverse("member_people:index")
    html = client.get(index, {"is_member": "true"}).content.decode()
    assert "Membre-Test" in html and "Participant-Test" not in html
    html = client.get(index, {"is_member": "false"}).content.decode()
    assert "Participant-Test" in html and "Membre-Test" not in html
    html = client.get(index, {"organization": organization.pk}).content.decode()
    assert "Membre-Test" in html and "Participant-Test" not in html
    response = client.get(index, {"export": "csv"})
    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    assert "Membre-Test" in body and "Soja" not in body
    inspect = client.get(reverse("member_people:inspect", args=[member.pk]))
    assert inspect.status_code == 200
    assert "Membre-Test" in inspect.content.decode() and "Soja" not in inspect.content.decode()


def test_admin_menu_lists_the_members_section(client, staff):
    html = client.get("/admin/").content.decode()
    assert "Membres" in html  # the admin speaks the site's default language


def test_organizations_and_delegate_grants(client, staff):
    assert client.get(reverse("member_organizations:index")).status_code == 200
    organization = OrganizationFactory(name="Ville Déléguée")
    person = UserFactory()
    response = client.post(
        reverse("member_delegates:add"), {"user": person.pk, "organization": organization.pk}
    )
    assert response.status_code == 302
    grant = DelegateGrant.objects.get(user=person)
    assert grant.granted_by == staff
    response = client.post(reverse("member_delegates:delete", args=[grant.pk]))
    assert not DelegateGrant.objects.filter(pk=grant.pk).exists()


def test_account_request_queue_approve_and_reject(client, staff, sent):
    first = AccountRequestFactory(email="a@example.org", last_name="Premier")
    second = AccountRequestFactory(email="b@example.org", last_name="Second")
    html = client.get(reverse("member_account_requests:index")).content.decode()
    assert "Premier" in html and reverse("member_account_requests:decide", args=[first.pk]) in html
    decide = reverse("member_account_requests:decide", args=[first.pk])
    assert client.get(decide).status_code == 200
    with sent():
        assert client.post(decide, {"approve": "1"}).status_code == 302
    assert User.objects.filter(email="a@example.org", is_active=True).exists()
    decide = reverse("member_account_requests:decide", args=[second.pk])
    response = client.post(decide, {"reject": "1", "reason": ""})
    assert response.status_code == 200  # a reason is required
    with sent():
        client.post(decide, {"reject": "1", "reason": "Doublon"})
    second.refresh_from_db()
    assert second.status == AccountRequest.Status.REJECTED and second.decision_note == "Doublon"
    assert any("Doublon" in m.body for m in mail.outbox)


def test_deletion_queue_processing(client, staff):
    person = UserFactory(last_name="Partant")
    request = DeletionRequest.objects.create(user=person)
    index = reverse("member_deletion_requests:index")
    process = reverse("member_deletion_requests:process", args=[request.pk])
    html = client.get(index).content.decode()
    assert "Partant" in html and process in html  # the "Traiter" button of a pending request
    assert client.get(process).status_code == 200
    assert client.post(process).status_code == 302
    person.refresh_from_db()
    assert not person.is_active and "Partant" not in person.last_name
    assert process not in client.get(index).content.decode()


def test_interests_and_orders_are_translatable_snippets(client, staff):
    interest("Voirie", "Roads")
    response = client.get(reverse("wagtailsnippets_members_interest:list"))
    assert response.status_code == 200
    assert "Voirie" in response.content.decode()
    assert client.get(reverse("wagtailsnippets_members_professionalorder:list")).status_code == 200


def test_non_staff_cannot_decide(client):
    client.force_login(UserFactory())
    request = AccountRequestFactory()
    response = client.post(
        reverse("member_account_requests:decide", args=[request.pk]), {"approve": "1"}
    )
    assert response.status_code in (302, 403)
    request.refresh_from_db()
    assert request.status == AccountRequest.Status.PENDING


def test_members_listing_queries_do_not_grow_with_its_rows(client, staff):
    from tests.admin_queries import listing_queries

    url = reverse("member_people:index")
    FunctionFactory(user=UserFactory(is_member=True), organization=OrganizationFactory())
    one = listing_queries(client, url)
    for _ in range(19):
        FunctionFactory(user=UserFactory(is_member=True), organization=OrganizationFactory())
    assert listing_queries(client, url) == one


def test_staff_cannot_give_a_member_the_email_of_another_account_in_other_letters(client, staff):
    """Login by e-mail and "Forgot your username?" find one account by its e-mail, whatever its
    case: staff editing a file are refused another account's e-mail as every member form is."""
    UserFactory(email="camille.autre@example.com")
    member = UserFactory(email="moi@example.com", first_name="Moi", last_name="Membre")
    url = reverse("member_people:edit", args=[member.pk])
    data = {
        "first_name": "Moi",
        "last_name": "Membre",
        "email": "Camille.Autre@example.com",
        "language": "fr",
        "is_active": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Un autre dossier utilise déjà ce courriel." in response.content.decode()
    member.refresh_from_db()
    assert member.email == "moi@example.com"
    assert client.post(url, {**data, "email": "Moi.Nouveau@example.com"}).status_code == 302
    member.refresh_from_db()
    assert member.email == "Moi.Nouveau@example.com"


def test_a_decided_request_no_longer_changes(client, staff, sent):
    """A processed deletion request and a decided account request are the record of what was
    asked and decided: their edit and delete lead back to the list, which offers neither
    (before, staff could point a processed deletion request to another person, or delete it)."""
    person = UserFactory(last_name="Partant")
    deletion = DeletionRequest.objects.create(user=person, reason="Je pars")
    process_deletion_request(deletion, by=staff)
    deletion.refresh_from_db()
    processed = (deletion.user_id, deletion.reason)
    account = AccountRequestFactory(email="c@example.org", last_name="Approuvée")
    with sent():
        services.approve_account_request(account, by=staff)
    pending = AccountRequestFactory(email="d@example.org", last_name="Attente")
    other = UserFactory()
    for name, item, data, message in [
        (
            "member_deletion_requests",
            deletion,
            {"user": other.pk, "reason": "Autre"},
            "Cette demande a déjà été traitée.",
        ),
        (
            "member_account_requests",
            account,
            {
                "requested_by": account.requested_by_id,
                "organization": account.organization_id,
                "first_name": "Changée",
                "last_name": "Changée",
                "email": "changee@example.org",
                "title": "",
                "language": "fr",
            },
            "Cette demande a déjà été traitée.",
        ),
    ]:
        edit = reverse(f"{name}:edit", args=[item.pk])
        delete = reverse(f"{name}:delete", args=[item.pk])
        index = reverse(f"{name}:index")
        for url in (edit, delete):
            response = client.post(url, data, follow=True)
            assert response.redirect_chain[0][0] == index
            assert message in unescape(response.content.decode())
        listing = client.get(index).content.decode()
        assert edit not in listing and delete not in listing
    deletion.refresh_from_db()
    assert (deletion.user_id, deletion.reason) == processed
    assert DeletionRequest.objects.filter(pk=deletion.pk).exists()
    account.refresh_from_db()
    assert (account.last_name, account.email) == ("Approuvée", "c@example.org")
    # A pending request may still be corrected before it is decided.
    edit = reverse("member_account_requests:edit", args=[pending.pk])
    assert client.get(edit).status_code == 200
    assert edit in client.get(reverse("member_account_requests:index")).content.decode()


def test_an_organization_people_worked_for_is_not_deleted_and_the_admin_says_why(client, staff):
    """The people's functions keep their organization: deleting it answered a server error (the
    delete screen offered it, as Wagtail's list of references does not follow functions)."""
    function = FunctionFactory(organization__name="Ville Employeuse")
    organization = function.organization
    response = client.post(
        reverse("member_organizations:delete", args=[organization.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("member_organizations:index")
    assert (
        "Impossible de supprimer « Ville Employeuse » : d’autres enregistrements y renvoient."
        in unescape(response.content.decode())
    )
    assert Organization.objects.filter(pk=organization.pk).exists()
    unused = OrganizationFactory(name="Ville Vide")
    client.post(reverse("member_organizations:delete", args=[unused.pk]))
    assert not Organization.objects.filter(pk=unused.pk).exists()


def person_with_traces():
    """An applicant no invoice or registration keeps (the admin may delete them), with what an
    erasure takes away: a photo, an application's PDF, an open session, login logs, the request
    that opened the account, and an audit-trail entry under their name."""
    person = FunctionFactory(
        user__first_name="Zoé",
        user__last_name="D'Amours",
        user__username="zdamours",
        user__email="zoe@example.org",
    ).user
    services.update_interests(person, interests=[], by=person)
    document = submitted_application(person).documents.get()
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(picture, "JPEG")
    person.photo.save("photo.jpg", ContentFile(picture.getvalue()), save=True)
    session = SessionStore()
    session["_auth_user_id"] = str(person.pk)
    session.create()
    AccessLog.objects.create(username="zdamours", ip_address="203.0.113.7")
    AccountRequestFactory(
        created_user=person, first_name="Zoé", last_name="D'Amours", email="zoe@example.org"
    )
    files = [(document.file.storage, document.file.name), (person.photo.storage, person.photo.name)]
    assert all(storage.exists(name) for storage, name in files)
    return person, files, session.session_key


def test_deleting_a_person_in_the_admin_erases_them_and_logs_who_deleted_them_and_when(
    client, django_capture_on_commit_callbacks
):
    """Deleting a person in the admin is the erasure a processed deletion request does, and the
    audit trail says which staff member deleted the account and when, without the person's
    name. Before, the delete bypassed the erasure: no such entry (only Wagtail's, under the
    name), the name left in the trail, the login logs, the session and the request that opened
    the account kept."""
    officer = staff_with("delete_user", first_name="Olivier", last_name="Officier")
    client.force_login(officer)
    person, files, session_key = person_with_traces()
    User.objects.filter(pk=person.pk).update(language="en")
    pk = person.pk
    url = reverse("member_people:delete", args=[pk])
    confirmation = client.get(url)  # Wagtail's confirmation screen, as before
    assert confirmation.status_code == 200
    assert "Zoé D'Amours" in unescape(confirmation.content.decode())

    before = timezone.now()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("member_people:index")
    assert not User.objects.filter(pk=pk).exists()
    # The last message to the old address, in the person's language.
    [closed] = mail.outbox
    assert (closed.to, closed.subject) == (["zoe@example.org"], "Your account is closed")
    assert "The association closed your account" in closed.body
    entry = ModelLogEntry.objects.get(action="members.person_deleted")
    assert (entry.object_id, entry.user_id, entry.label) == (str(pk), officer.pk, "Deleted account")
    assert before <= entry.timestamp <= timezone.now()
    # The same entries as a processed deletion request's erasure, by the same staff member.
    erasure = ModelLogEntry.objects.filter(object_id=str(pk), action="members.anonymised")
    assert list(erasure.values_list("user_id", flat=True)) == [officer.pk]
    trail = str(list(ModelLogEntry.objects.values_list("label", "data")))
    assert "Amours" not in trail and "zdamours" not in trail and "zoe@" not in trail
    # What the erasure takes away: files, session, login logs, the name in the account request.
    assert not any(storage.exists(name) for storage, name in files)
    assert not Session.objects.filter(session_key=session_key).exists()
    assert not AccessLog.objects.filter(username="zdamours").exists()
    assert not AccountRequest.objects.filter(email="zoe@example.org").exists()
    # Staff read it in the site history.
    report = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Personne supprimée" in report and "Olivier Officier" in report
    assert "Amours" not in unescape(report)


def keep(person, kept_by):
    """A record that keeps the person (on_delete=PROTECT)."""
    if kept_by == "invoice":
        make_invoice(person)
    elif kept_by == "registration":
        event = make_event(title="Budget 101")
        register(event, person, by=person, option=option(event), answers=answers(event))
    else:
        Attestation.objects.create(
            user=person,
            kind=Attestation.Kind.TITLE,
            holder_name=str(person),
            subject_fr="Titre",
            subject_en="Title",
            achieved_on=timezone.localdate(),
            source_key=Attestation.TITLE_SOURCE,
            code="KEPT-0001",
        )


def assert_untouched(person, files, session_key):
    closed = [sent.to for sent in mail.outbox if sent.subject == "Votre compte est fermé"]
    assert [person.email] not in closed
    person.refresh_from_db()
    assert (person.first_name, person.email, person.is_active) == ("Zoé", "zoe@example.org", True)
    assert all(storage.exists(name) for storage, name in files)
    assert Session.objects.filter(session_key=session_key).exists()
    assert AccessLog.objects.filter(username="zdamours").exists()
    assert not ModelLogEntry.objects.filter(
        object_id=str(person.pk),
        action__in=["members.person_deleted", "members.anonymised", "wagtail.delete"],
    ).exists()


@pytest.mark.parametrize("kept_by", ["invoice", "registration"])
def test_a_person_invoices_or_registrations_keep_is_neither_deleted_nor_erased(
    client, django_capture_on_commit_callbacks, kept_by
):
    """Invoices and registrations keep their person: Wagtail's confirmation screen lists them
    and offers no deletion, and a deletion sent anyway is refused and erases nothing."""
    client.force_login(staff_with("delete_user"))
    with django_capture_on_commit_callbacks(execute=True):  # the reference index is kept up
        person, files, session_key = person_with_traces()
        keep(person, kept_by)
    url = reverse("member_people:delete", args=[person.pk])
    confirmation = unescape(client.get(url).content.decode())
    assert "l'empêche d'être supprimé(e)" in confirmation
    assert "Oui, supprimer" not in confirmation
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert_untouched(person, files, session_key)


@pytest.mark.parametrize("kept_by", ["unindexed invoice", "attestation"])
def test_what_keeps_a_person_unknown_to_the_confirmation_screen_is_refused_with_the_way_out(
    client, django_capture_on_commit_callbacks, kept_by
):
    """A record the confirmation screen does not list (an attestation; an invoice the task
    worker has not indexed yet) keeps the person too: the deletion is refused with the reason
    and the way to erase them, and nothing is erased."""
    client.force_login(staff_with("delete_user"))
    with django_capture_on_commit_callbacks(execute=True):
        person, files, session_key = person_with_traces()
    with disable_reference_index_auto_update():
        keep(person, kept_by.removeprefix("unindexed "))
    url = reverse("member_people:delete", args=[person.pk])
    assert "Oui, supprimer" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("member_people:index")
    assert (
        "Impossible de supprimer « Zoé D'Amours » : des factures, des inscriptions ou des "
        "attestations y renvoient. Pour effacer ses renseignements personnels, traitez plutôt "
        "une demande de suppression à son nom."
    ) in unescape(response.content.decode())
    assert_untouched(person, files, session_key)


@pytest.mark.parametrize(
    ("name", "model", "decide"),
    [
        ("member_account_requests", "accountrequest", "decide"),
        ("member_deletion_requests", "deletionrequest", "process"),
    ],
)
def test_the_decide_button_is_offered_only_to_staff_who_may_decide(client, name, model, decide):
    """Staff who may only read the requests are not offered a button the decide screen would
    refuse them."""
    request = (
        AccountRequestFactory()
        if model == "accountrequest"
        else DeletionRequest.objects.create(user=UserFactory())
    )
    url = reverse(f"{name}:{decide}", args=[request.pk])
    reader = staff_with(f"view_{model}")
    client.force_login(reader)
    assert url not in client.get(reverse(f"{name}:index")).content.decode()
    assert client.get(url).status_code in (302, 403)
    client.force_login(staff_with(f"view_{model}", f"change_{model}"))
    assert url in client.get(reverse(f"{name}:index")).content.decode()
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(("language", "yes", "no"), [("en", "Yes", "No"), ("fr", "Oui", "Non")])
def test_a_person_and_an_account_request_inspected_read_yes_and_no(
    client, staff, language, yes, no
):
    """As the billing and registration inspect views: Yes/No in the staff member's language,
    "-" for nothing, never Python's True, False or None."""

    speaks(staff, language)
    member = UserFactory(is_member=True, in_directory=False, expertise="")
    request = AccountRequestFactory()
    for url in (
        reverse("member_people:inspect", args=[member.pk]),
        reverse("member_account_requests:inspect", args=[request.pk]),
    ):
        html = client.get(url).content.decode()
        values = [v.strip() for v in re.findall(r"<dd[^>]*>\s*([^<]*?)\s*</dd>", html)]
        assert not {"True", "False", "None"} & set(values), values
    html = client.get(reverse("member_people:inspect", args=[member.pk])).content.decode()
    values = [v.strip() for v in re.findall(r"<dd[^>]*>\s*([^<]*?)\s*</dd>", html)]
    assert yes in values and no in values
