import datetime

import pytest
import time_machine

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import CancellationRequest, Registration
from home.formatting import format_date, format_date_range
from invoices.models import Invoice
from tests.factories import UserFactory

from .factories import answers, make_event, option, organization_with_delegate, started

pytestmark = pytest.mark.django_db


def register_url(event, person=None):
    if person is None:
        return reverse("events:register", kwargs={"key": event.translation_key})
    return reverse(
        "events:register_for", kwargs={"key": event.translation_key, "person_id": person.pk}
    )


def review_url(event, person=None):
    if person is None:
        return reverse("events:review", kwargs={"key": event.translation_key})
    return reverse(
        "events:review_for", kwargs={"key": event.translation_key, "person_id": person.pk}
    )


def form_data(event, opt=None, workshop="0"):
    blocks = list(event.questions)
    return {"option": (opt or option(event)).pk, f"q_{blocks[0].id}": workshop}


def test_anonymous_visitor_gets_a_login_link_back_to_the_event(client):
    event = make_event()
    html = client.get(event.url).content.decode()
    assert f'?next={event.url}"' in html
    response = client.get(register_url(event))
    assert response.status_code == 302 and "next=" in response["Location"]


def test_self_registration_form_review_previous_and_confirm(client):
    event = make_event()
    person = UserFactory(is_member=True)
    client.force_login(person)
    response = client.post(register_url(event), {"option": option(event).pk})
    # The required question was left unanswered: the form comes back with the field's error.
    assert response.status_code == 200
    assert "Champ requis." in response.content.decode()
    assert not Registration.objects.exists()
    response = client.post(register_url(event), form_data(event, workshop="1"))
    assert response["Location"] == review_url(event)
    review = client.get(review_url(event)).content.decode()
    assert "Relève" in review and "Précédent" in review and "Continuer" in review
    back = client.get(register_url(event)).content.decode()
    assert 'value="1" id="id_q_' in back and "checked" in back
    response = client.post(review_url(event))
    registration = Registration.objects.get()
    assert response["Location"] == reverse("events:registration", kwargs={"pk": registration.pk})
    assert registration.answers == {list(event.questions)[0].id: "Relève"}
    page = client.get(response["Location"]).content.decode()
    assert registration.invoice.number in page


def test_a_full_event_offers_the_waiting_list(client):
    event = make_event(capacity=1)
    holder = UserFactory()
    services.register(event, holder, by=holder, option=option(event), answers=answers(event))
    person = UserFactory()
    client.force_login(person)
    client.post(register_url(event), form_data(event))
    assert 'name="waiting_list"' in client.get(review_url(event)).content.decode()
    joined = client.post(review_url(event), {"waiting_list": "1"}, follow=True)
    assert "Vous êtes sur la liste d’attente." in joined.content.decode()
    assert person.waiting_list_entries.count() == 1
    assert Registration.objects.count() == 1


def test_a_delegate_cannot_reach_anyone_outside_their_organizations(client):
    event = make_event()
    _org, delegate, (colleague, _) = organization_with_delegate()
    outsider = UserFactory()
    theirs = services.register(
        event, outsider, by=outsider, option=option(event), answers=answers(event)
    )
    client.force_login(delegate)
    group = reverse("events:group", kwargs={"key": event.translation_key})
    html = client.get(group).content.decode()
    assert colleague.last_name in html and outsider.last_name not in html
    assert client.get(group, {"person": outsider.pk}).status_code == 404
    assert client.get(register_url(event, outsider)).status_code == 404
    assert client.post(register_url(event, outsider), form_data(event)).status_code == 404
    assert client.post(review_url(event, outsider)).status_code == 404
    for name in ("registration", "change", "cancel", "companion"):
        assert client.get(reverse(f"events:{name}", kwargs={"pk": theirs.pk})).status_code == 404
    assert (
        client.post(
            reverse("events:change", kwargs={"pk": theirs.pk}), form_data(event)
        ).status_code
        == 404
    )
    assert outsider.last_name not in client.get(group).content.decode()
    # a person who is not a delegate has no group page
    client.force_login(colleague)
    assert client.get(group).status_code == 404


def test_delegate_registers_a_colleague_without_seeing_sensitive_answers(client):
    event = make_event()
    _org, delegate, (colleague, _) = organization_with_delegate()
    client.force_login(delegate)
    form = client.get(register_url(event, colleague)).content.decode()
    assert "Besoins alimentaires" not in form
    client.post(register_url(event, colleague), form_data(event))
    client.post(review_url(event, colleague))
    registration = Registration.objects.get(person=colleague)
    assert registration.invoice.customer == colleague
    assert registration.invoice.issued_by == delegate
    # the colleague adds an allergy from their own account; the delegate never sees it
    registration.answers[list(event.questions)[1].id] = "Allergie aux noix"
    registration.save()
    for url in (
        reverse("events:registration", kwargs={"pk": registration.pk}),
        reverse("events:change", kwargs={"pk": registration.pk}),
        reverse("events:group", kwargs={"key": event.translation_key}),
    ):
        assert "Allergie aux noix" not in client.get(url).content.decode()
    client.force_login(colleague)
    assert (
        "Allergie aux noix"
        in client.get(
            reverse("events:registration", kwargs={"pk": registration.pk})
        ).content.decode()
    )


def test_registrations_page_query_count_does_not_grow(client, django_assert_max_num_queries):
    def count_for(n):
        event = make_event(title=f"Évènement {n}")
        _org, delegate, people = organization_with_delegate(colleagues=n)
        for person in people:
            registration = services.register(
                event, person, by=delegate, option=option(event), answers=answers(event)
            )
            services.add_companion(registration, by=delegate, name=f"Accompagnateur {person.pk}")
        client.force_login(delegate)
        url = reverse("events:group", kwargs={"key": event.translation_key})
        client.get(url)  # warm the caches (site, locales)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.content.decode().count("F-0") >= n
        return len(queries)

    assert count_for(2) == count_for(20)


def test_change_and_cancellation_pages_after_the_deadline(client):
    now = datetime.datetime.now(datetime.UTC)
    event = make_event(
        modification_deadline=now + datetime.timedelta(hours=1),
        cancellation_deadline=now + datetime.timedelta(hours=2),
    )
    person = UserFactory()
    registration = services.register(
        event, person, by=person, option=option(event), answers=answers(event)
    )
    client.force_login(person)
    change = reverse("events:change", kwargs={"pk": registration.pk})
    cancel = reverse("events:cancel", kwargs={"pk": registration.pk})
    with time_machine.travel(event.cancellation_deadline + datetime.timedelta(minutes=1)):
        client.force_login(person)  # sessions last two hours
        response = client.post(cancel, {"reason": "Trop tard"})
        html = response.content.decode()
        assert "date limite d’annulation" in html and 'name="reason"' not in html
        assert not CancellationRequest.objects.exists()
    with time_machine.travel(event.modification_deadline + datetime.timedelta(minutes=1)):
        client.force_login(person)
        client.post(change, form_data(event, option(event, "Demi")))
        registration.refresh_from_db()
        assert registration.option == option(event)
    client.force_login(person)
    client.post(cancel, {"reason": "Conflit d'horaire"})
    assert CancellationRequest.objects.get().reason == "Conflit d'horaire"


def test_my_events_and_my_trainings_with_documents_and_attendance(client, django_user_model):
    from django.contrib.auth.models import Permission

    past = make_event(title="Formation passée", start_in=datetime.timedelta(days=-10))
    upcoming = make_event(title="Formation à venir", kind="training")
    person = UserFactory(language="fr")
    registration = Registration.objects.create(
        event=past, person=person, registered_by=person, option=option(past), answers={}
    )
    services.register(
        upcoming, person, by=person, option=option(upcoming), answers=answers(upcoming)
    )
    client.force_login(person)
    html = client.get(reverse("events:my_events")).content.decode()
    assert html.index("Formation à venir") < html.index("Formation passée")
    pdf_url = reverse("events:attendance_pdf", kwargs={"pk": registration.pk})
    assert pdf_url not in client.get(reverse("events:my_trainings")).content.decode()
    assert client.get(pdf_url).status_code == 404
    recorder = UserFactory(is_staff=True)
    recorder.user_permissions.add(Permission.objects.get(codename="record_attendance"))
    services.record_attendance(past, by=recorder, attended=[registration.pk])
    assert pdf_url in client.get(reverse("events:my_trainings")).content.decode()
    response = client.get(pdf_url)
    assert response.content.startswith(b"%PDF-")
    client.force_login(UserFactory())
    assert client.get(pdf_url).status_code == 404


@pytest.mark.parametrize(
    ("credits", "french", "english"),
    [
        ("1", "1 crédit", "1 credit"),
        ("1.5", "1,50 crédit", "1.50 credits"),
        ("7", "7 crédits", "7 credits"),
    ],
)
def test_my_trainings_agrees_the_credits_with_their_number(client, credits, french, english):
    event = make_event(title="Formation d’un crédit")
    event.credits = credits
    event.save()
    person = UserFactory()
    services.register(event, person, by=person, option=option(event), answers=answers(event))
    client.force_login(person)
    html = client.get("/fr/account/trainings/").content.decode()
    assert f"— {french}\n" in html
    html = client.get("/en/account/trainings/").content.decode()
    assert f"— {english}\n" in html


def test_documents_are_served_to_registered_participants_only(client):
    from django.core.files.base import ContentFile

    from wagtail.documents.models import Document

    doc = Document.objects.create(title="Cahier du participant")
    doc.file.save("cahier.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    event = make_event()
    event.documents = [("document", doc)]
    event.save_revision().publish()
    person = UserFactory()
    registration = services.register(
        event, person, by=person, option=option(event), answers=answers(event)
    )
    url = reverse("events:document", kwargs={"pk": registration.pk, "index": 0})
    assert client.get(event.url).content.decode().count("Cahier du participant") == 0
    client.force_login(person)
    assert url in client.get(event.url).content.decode()
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_staff_export_attendance_catering_and_cancellation_queue(client):
    from django.contrib.auth.models import Permission

    event = make_event()
    person = UserFactory()
    registration = services.register(
        event,
        person,
        by=person,
        option=option(event),
        answers=answers(event, dietary="Sans gluten"),
    )
    services.request_cancellation(registration, by=person, reason="Déménagement")
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(
        *Permission.objects.filter(
            codename__in=[
                "access_admin",
                "view_registration",
                "record_attendance",
                "decide_cancellation",
            ]
        )
    )
    client.force_login(editor)
    export = client.get("/admin/event_registrations/", {"export": "csv"})
    body = (
        b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    )
    assert person.email in body and "Finances" in body and "Sans gluten" not in body
    xlsx = client.get("/admin/event_registrations/", {"export": "xlsx"})
    assert xlsx.status_code == 200
    refused = client.get(reverse("event_catering:index"), {"event": event.pk})
    assert refused.status_code != 200 and b"Sans gluten" not in refused.content
    editor.user_permissions.add(Permission.objects.get(codename="view_catering"))
    assert (
        "Sans gluten"
        in client.get(reverse("event_catering:index"), {"event": event.pk}).content.decode()
    )
    started(event)  # attendance is recorded from the day the event starts
    client.post(
        reverse("event_attendance:index"), {"event": event.pk, "attended": [registration.pk]}
    )
    assert registration.__class__.objects.get().attendance.attended
    request = CancellationRequest.objects.get()
    assert "Déménagement" in client.get(reverse("event_cancellations:index")).content.decode()
    client.post(
        reverse("event_cancellations:decide", kwargs={"pk": request.pk}), {"decision": "approve"}
    )
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert Invoice.objects.filter(credited_invoice=registration.invoice).exists()


def test_a_registration_made_in_english_is_stored_in_french_and_shown_in_both(client):
    event = make_event(english=True)
    english = event.get_translations().get()
    raw = list(english.questions.raw_data)
    raw[0]["value"]["label"] = "Workshop"
    raw[0]["value"]["choices"] = [
        {"type": "item", "value": "Finance", "id": raw[0]["value"]["choices"][0]["id"]},
        {"type": "item", "value": "Succession", "id": raw[0]["value"]["choices"][1]["id"]},
    ]
    english.questions = raw
    english.save_revision().publish()
    person = UserFactory(language="en")
    client.force_login(person)
    first_question = list(event.questions)[0].id
    english_form = client.get(f"/en/registrations/{event.translation_key}/register/")
    assert "Succession" in english_form.content.decode()
    client.post(
        f"/en/registrations/{event.translation_key}/register/",
        {"option": english.options.get(label="Full day").pk, f"q_{first_question}": "1"},
    )
    client.post(f"/en/registrations/{event.translation_key}/review/")
    registration = Registration.objects.get()
    assert registration.event == event and registration.option == option(event)
    assert registration.answers[first_question] == "Relève"
    english_detail = client.get(f"/en/registrations/{registration.pk}/").content.decode()
    assert "Workshop" in english_detail and "Succession" in english_detail
    french_detail = client.get(f"/fr/registrations/{registration.pk}/").content.decode()
    assert "Relève" in french_detail and "Journée complète" in french_detail


@pytest.mark.parametrize("by_delegate", [False, True])
def test_the_companion_form_sent_twice_registers_one_companion(client, by_delegate):
    """A double click on "Register" (or the back button and a second send) gives one companion
    and one card-only invoice; the second send lands where the first did, saying so."""
    event = make_event(kind="congress")
    _org, delegate, (colleague, _) = organization_with_delegate()
    registration = services.register(
        event, colleague, by=colleague, option=option(event), answers=answers(event)
    )
    client.force_login(delegate if by_delegate else colleague)
    url = reverse("events:companion", kwargs={"pk": registration.pk})
    data = {"name": "Alex Conjoint", "option": option(event, "Accompagnateur").pk}
    first = client.post(url, data)
    second = client.post(url, {**data, "name": " alex conjoint "}, follow=True)
    assert registration.companions.count() == 1
    assert Invoice.objects.filter(customer=colleague).count() == 2  # registration, companion
    assert second.redirect_chain[0][0] == first["Location"]
    page = second.content.decode()
    assert "Un accompagnateur nommé Alex Conjoint est déjà inscrit." in page


def test_a_seat_offer_accepted_twice_leads_to_the_registration_not_a_404(client):
    """A double click on the offer's "Continue", or its e-mail link opened again afterwards,
    shows the registration the offer gave; an expired or unknown offer is still a 404."""
    event = make_event(capacity=1)
    holder, waiting = UserFactory(), UserFactory()
    held = services.register(event, holder, by=holder, option=option(event), answers=answers(event))
    services.join_waiting_list(
        event, waiting, by=waiting, option=option(event), answers=answers(event)
    )
    Registration.objects.filter(pk=held.pk).update(status="cancelled")
    (entry,) = services.offer_freed_seats(event)
    url = reverse("events:offer", kwargs={"token": entry.offer_token})
    client.force_login(waiting)
    first = client.post(url)
    registration = Registration.objects.get(person=waiting, status="confirmed")
    assert first["Location"] == reverse("events:registration", kwargs={"pk": registration.pk})
    for again in (client.post(url, follow=True), client.get(url, follow=True)):
        assert again.status_code == 200
        assert again.redirect_chain == [(first["Location"], 302)]
        assert "Cette personne est déjà inscrite à cet évènement." in again.content.decode()
    assert Registration.objects.filter(person=waiting).count() == 1
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.get(reverse("events:offer", kwargs={"token": "nope"})).status_code == 404


@pytest.mark.parametrize("year", ["0", "10000", "99999999999999999999"])
def test_my_events_with_a_year_no_list_offers_shows_every_completed_event(client, year):
    """Mes évènements read ?year= as typed: a year outside the calendar's range was a 500."""
    past = make_event(title="Formation passée", start_in=datetime.timedelta(days=-10))
    person = UserFactory(language="fr")
    Registration.objects.create(
        event=past, person=person, registered_by=person, option=option(past), answers={}
    )
    client.force_login(person)
    response = client.get(reverse("events:my_events"), {"year": year})
    assert response.status_code == 200
    assert "Formation passée" in response.content.decode()
    shown_year = str(timezone.localtime(past.start).year)
    filtered = client.get(reverse("events:my_events"), {"year": shown_year}).content.decode()
    assert "Formation passée" in filtered


def test_a_delegate_puts_a_colleague_on_the_waiting_list_and_sees_them_there(client):
    """The delegate was told "you are on the waiting list" and the group page showed nothing of
    the colleague's wait, nor the seat offered to them."""
    event = make_event(capacity=1)
    holder = UserFactory()
    held = services.register(event, holder, by=holder, option=option(event), answers=answers(event))
    _org, delegate, (colleague, _) = organization_with_delegate()
    name = colleague.get_full_name()
    client.force_login(delegate)
    client.post(register_url(event, colleague), form_data(event))
    joined = client.post(review_url(event, colleague), {"waiting_list": "1"}, follow=True)
    page = joined.content.decode()
    assert f"{name} est sur la liste d’attente." in page
    assert "Vous êtes sur la liste d’attente" not in page
    assert colleague.waiting_list_entries.get().added_by == delegate
    assert "Liste d’attente" in page and f"{name} — En attente" in page
    Registration.objects.filter(pk=held.pk).update(status="cancelled")
    (entry,) = services.offer_freed_seats(event)
    group = client.get(reverse("events:group", kwargs={"key": event.translation_key}))
    offer_url = reverse("events:offer", kwargs={"token": entry.offer_token})
    assert f'href="{offer_url}">Accepter la place' in group.content.decode()
    client.post(offer_url)
    assert Registration.objects.get(person=colleague).registered_by == delegate
    group = client.get(reverse("events:group", kwargs={"key": event.translation_key}))
    assert "Accepter la place" not in group.content.decode()


def test_a_cancelled_registration_offers_no_change_cancellation_or_companion_form(client):
    """Its e-mail's links or the back button led to the forms, which then refused on sending."""
    event = make_event(kind="congress")
    person = UserFactory()
    registration = services.register(
        event, person, by=person, option=option(event), answers=answers(event)
    )
    Registration.objects.filter(pk=registration.pk).update(status="cancelled")
    client.force_login(person)
    detail = reverse("events:registration", kwargs={"pk": registration.pk})
    for name, said in (
        ("change", "Cette inscription est annulée."),
        ("companion", "Cette inscription est annulée."),
        ("cancel", "Cette inscription est déjà annulée."),
    ):
        response = client.get(reverse(f"events:{name}", kwargs={"pk": registration.pk}))
        assert response["Location"] == detail
        assert said in client.get(detail).content.decode()
    assert not CancellationRequest.objects.exists()


def test_the_companion_page_after_the_modification_deadline_goes_back_to_the_registration(
    client,
):
    """As the change page does: the form no longer shows, to be refused only on sending."""
    event = make_event(kind="congress")
    person = UserFactory()
    registration = services.register(
        event, person, by=person, option=option(event), answers=answers(event)
    )
    client.force_login(person)
    url = reverse("events:companion", kwargs={"pk": registration.pk})
    assert 'name="name"' in client.get(url).content.decode()
    with time_machine.travel(event.modification_deadline + datetime.timedelta(minutes=1)):
        client.force_login(person)
        response = client.get(url, follow=True)
    assert response.redirect_chain[0][0] == reverse(
        "events:registration", kwargs={"pk": registration.pk}
    )
    page = response.content.decode()
    assert "La date limite de modification de cet évènement est passée." in page
    assert 'name="name"' not in page


def test_the_event_page_offers_the_seat_held_for_the_person(client):
    """The e-mail said a seat was held; the event page still said "on the waiting list", with
    no seat left and no way to take it."""
    event = make_event(capacity=1)
    holder, waiting = UserFactory(), UserFactory()
    held = services.register(event, holder, by=holder, option=option(event), answers=answers(event))
    services.join_waiting_list(
        event, waiting, by=waiting, option=option(event), answers=answers(event)
    )
    client.force_login(waiting)
    page = client.get(event.url).content.decode()
    assert "Vous êtes sur la liste d’attente de cet évènement." in page
    Registration.objects.filter(pk=held.pk).update(status="cancelled")
    (entry,) = services.offer_freed_seats(event)
    page = client.get(event.url).content.decode()
    offer_url = reverse("events:offer", kwargs={"token": entry.offer_token})
    assert f'Une place est disponible — <a href="{offer_url}">Accepter la place</a>' in page
    assert "Vous êtes sur la liste d’attente" not in page
    client.post(offer_url)
    assert "Vous êtes inscrit à cet évènement." in client.get(event.url).content.decode()


def test_the_registration_page_gives_the_event_from_its_first_day_to_its_last(client):
    event = make_event()
    start = timezone.localtime(event.start).replace(hour=9, minute=0, second=0, microsecond=0)
    type(event).objects.filter(pk=event.pk).update(
        start=start, end=start + datetime.timedelta(days=2, hours=7)
    )
    event.refresh_from_db()
    person = UserFactory()
    registration = services.register(
        event, person, by=person, option=option(event), answers=answers(event)
    )
    client.force_login(person)
    page = client.get(reverse("events:registration", args=[registration.pk])).content.decode()
    assert format_date_range(event.start, event.end, "fr") in page
    assert format_date(event.end, "DATE_FORMAT", "fr") in page


@pytest.mark.parametrize("for_colleague", [False, True], ids=["self", "colleague"])
def test_an_event_filled_while_the_review_was_open_says_so_once(client, for_colleague):
    """The last seat went while the review was open: confirming says the event is full once,
    to whom the waiting list's offer will go, and offers the list."""
    event = make_event(capacity=1)
    _org, delegate, (colleague, _) = organization_with_delegate()
    person = colleague if for_colleague else UserFactory()
    client.force_login(delegate if for_colleague else person)
    target = person if for_colleague else None
    client.post(register_url(event, target), form_data(event))
    holder = UserFactory()
    services.register(event, holder, by=holder, option=option(event), answers=answers(event))
    page = client.post(review_url(event, target), {}).content.decode()
    assert page.count("Cet évènement est complet.") == 1
    assert 'name="waiting_list"' in page
    if for_colleague:
        assert f"{colleague.get_full_name()} peut s’inscrire sur la liste d’attente" in page
        assert "nous la lui offrirons par courriel" in page
    else:
        assert "nous vous l’offrirons par courriel" in page
    assert not Registration.objects.filter(person=person).exists()
