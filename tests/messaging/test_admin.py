"""Staff write, review (count and preview) and send a message in the admin, then read its send
log; a sent message no longer changes; members and staff without the permissions get nothing."""

import re
from html import unescape

import pytest

from django.core import mail
from django.urls import reverse

from members.models import Subscription
from messaging.models import Delivery, Message
from tests.factories import FunctionFactory, UserFactory, speaks, staff_with

from .conftest import make_message, subscribe

pytestmark = pytest.mark.django_db

NEWS = Subscription.List.NEWSLETTER


@pytest.fixture
def admin_user(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_write_review_and_send(client, admin_user, association, sent):
    from wagtail.models import ModelLogEntry

    members = [subscribe(UserFactory(is_member=True), NEWS) for _ in range(3)]
    subscribe(UserFactory(is_member=False), NEWS)
    FunctionFactory(user=members[0], organization__region="Mauricie")
    response = client.post(
        reverse("member_messages:add"),
        {
            "subject_fr": "Assemblée générale",
            "subject_en": "Annual meeting",
            "body_fr": "L'assemblée générale aura lieu en mai.",
            "body_en": "The annual meeting takes place in May.",
            "kind": Message.Kind.COMMERCIAL,
            "consent_list": NEWS,
            "membership": Message.Membership.MEMBERS,
        },
    )
    message = Message.objects.get(subject_fr="Assemblée générale")
    review_url = reverse("member_messages:review", args=[message.pk])
    assert response.status_code == 302 and response["Location"] == review_url
    assert message.created_by == admin_user and message.is_draft
    assert (
        ModelLogEntry.objects.for_instance(message)
        .filter(action="messaging.message_created")
        .exists()
    )

    # The listing leads to the review of a draft too.
    assert review_url in client.get(reverse("member_messages:index")).content.decode()
    html = client.get(review_url).content.decode()
    assert "3 personnes recevront ce message." in html
    assert 'name="send"' in html
    assert "Le courriel en français" in html and "Le courriel en anglais" in html
    assert "L&#x27;assemblée générale aura lieu en mai." in html
    assert "The annual meeting takes place in May." in html
    assert "Pour vous désabonner de cette liste en un clic" in html
    assert "To unsubscribe from this list in one click" in html
    assert "avec un lien de désabonnement qui lui est propre" in html

    with sent():
        response = client.post(review_url)
    log_url = reverse("member_messages:log", args=[message.pk])
    assert response.status_code == 302 and response["Location"] == log_url
    assert sorted(e.to[0] for e in mail.outbox) == sorted(m.email for m in members)
    html = client.get(log_url).content.decode()
    counts = dict(re.findall(r'data-count="(\w+)">(\d+)<', html))
    assert counts == {"recipients": "3", "sent": "3", "failed": "0", "waiting": "0"}
    assert all(str(m) in html for m in members)

    # Sent: no more editing, and a second click sends nothing.
    response = client.get(reverse("member_messages:edit", args=[message.pk]))
    assert response.status_code == 302 and response["Location"] == log_url
    assert client.post(review_url).status_code == 302
    assert len(mail.outbox) == 3
    assert Delivery.objects.filter(message=message).count() == 3


def test_a_commercial_message_without_a_list_is_refused(client, admin_user):
    response = client.post(
        reverse("member_messages:add"),
        {
            "subject_fr": "Promo",
            "subject_en": "Promo",
            "body_fr": "x",
            "body_en": "x",
            "kind": Message.Kind.COMMERCIAL,
            "consent_list": "",
        },
    )
    assert response.status_code == 200
    assert "Un message commercial exige la liste de communication" in response.content.decode()
    assert not Message.objects.exists()


def test_the_count_follows_the_criteria_in_the_review(client, admin_user):
    FunctionFactory(user__is_member=True, organization__region="Mauricie")
    FunctionFactory(user__is_member=True, organization__region="Laurentides")
    message = make_message(
        regions=["Mauricie"],
        membership=Message.Membership.MEMBERS,
        body_fr="Voir <script>alert(1)</script>",
    )
    html = client.get(reverse("member_messages:review", args=[message.pk])).content.decode()
    assert "1 personne recevra ce message." in html
    # Informational: no list, so no unsubscribe link is promised.
    assert "Chaque personne reçoit le message dans sa langue." in html
    assert "lien de désabonnement" not in html
    # The preview shows the text as typed, never as markup.
    assert "Voir &lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_without_the_send_permission_no_sending(client, association):
    editor = staff_with("add_message", "change_message")
    client.force_login(editor)
    subscribe(UserFactory(), NEWS)
    message = make_message(consent_list=NEWS)
    review_url = reverse("member_messages:review", args=[message.pk])
    html = client.get(review_url).content.decode()
    assert "1 personne recevra ce message." in html
    assert 'name="send"' not in html
    assert client.post(review_url).status_code in (302, 403)
    message.refresh_from_db()
    assert message.is_draft and not mail.outbox


def test_members_and_staff_without_permissions_get_no_access(client):
    message = make_message()
    urls = [
        reverse("member_messages:index"),
        reverse("member_messages:add"),
        reverse("member_messages:edit", args=[message.pk]),
        reverse("member_messages:review", args=[message.pk]),
        reverse("member_messages:log", args=[message.pk]),
    ]
    client.force_login(UserFactory(is_member=True))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
    client.force_login(staff_with())
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert response.status_code == 403 or "login" not in response["Location"]
    assert client.post(urls[3]).status_code in (302, 403)
    message.refresh_from_db()
    assert message.is_draft


def test_editing_a_draft_sets_every_criterion(client, admin_user):
    from tests.events.factories import make_event
    from tests.members.factories import interest

    finance, _ = interest("Finances", "Finance")
    city = FunctionFactory(user__is_member=True, organization__region="Mauricie").organization
    event = make_event()
    message = make_message()
    response = client.post(
        reverse("member_messages:edit", args=[message.pk]),
        {
            "subject_fr": "Sujet",
            "subject_en": "Subject",
            "body_fr": "Texte",
            "body_en": "Text",
            "kind": Message.Kind.INFORMATIONAL,
            "consent_list": "",
            "membership": Message.Membership.MEMBERS,
            "interests": [finance.pk],
            "organizations": [city.pk],
            "regions": ["Mauricie"],
            "event": event.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    message.refresh_from_db()
    assert message.subject_fr == "Sujet" and message.regions == ["Mauricie"]
    assert list(message.interests.all()) == [finance]
    assert list(message.organizations.all()) == [city]
    assert message.event_id == event.pk and message.membership == "members"
    # Nobody follows the interest and is registered: the review says so and cannot send.
    html = client.get(response["Location"]).content.decode()
    assert "0 personne recevra ce message." in html
    assert "Finances" in html and city.name in html and "Mauricie" in html and event.title in html


def test_the_listing_offers_no_edit_or_delete_for_a_sent_message(client, admin_user):
    draft = make_message(subject_fr="Brouillon")
    done = make_message(subject_fr="Déjà envoyé", status=Message.Status.SENT)
    html = client.get(reverse("member_messages:index")).content.decode()
    assert reverse("member_messages:edit", args=[draft.pk]) in html
    assert reverse("member_messages:delete", args=[draft.pk]) in html
    assert reverse("member_messages:log", args=[done.pk]) in html
    assert reverse("member_messages:edit", args=[done.pk]) not in html
    assert reverse("member_messages:delete", args=[done.pk]) not in html
    assert "Déjà envoyé" in html
    assert "Rédiger un message" in html and "Ajouter un(e)" not in html


@pytest.mark.parametrize(
    ("language", "shown", "hidden", "header"),
    [
        ("en", "Autumn news", "Nouvelles d’automne", "Subject"),
        ("fr", "Nouvelles d’automne", "Autumn news", "Objet"),
    ],
)
def test_the_listing_gives_each_subject_in_the_staff_members_language(
    client, admin_user, language, shown, hidden, header
):

    speaks(admin_user, language)
    draft = make_message(subject_fr="Nouvelles d’automne", subject_en="Autumn news")
    html = client.get(reverse("member_messages:index")).content.decode()
    edit_link = re.search(
        rf'<a[^>]*href="{reverse("member_messages:edit", args=[draft.pk])}"[^>]*>\s*([^<]+?)\s*<',
        html,
    )
    assert edit_link and edit_link.group(1) == shown
    assert hidden not in html
    assert re.search(rf">\s*{header}\s*<", html)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_form_review_and_log_speak_the_staff_members_language(
    client, admin_user, association, sent, language
):
    """The criteria are stored against the French event, interests and categories: the form,
    the review and the send log name them, and the message, in the staff member's language."""
    from wagtail.models import Locale

    from membership.models import MembershipCategory
    from tests.events.factories import make_event
    from tests.members.factories import interest

    speaks(admin_user, language)
    event = make_event(title="Colloque", english=True)  # English title: "Colloque (EN)"
    roads, _roads_en = interest("Voirie", "Roads")
    student = MembershipCategory.objects.create(
        locale=Locale.objects.get(language_code="fr"), name="Étudiant", dues=50
    )
    english_student = student.copy_for_translation(Locale.objects.get(language_code="en"))
    english_student.name = "Student"
    english_student.save()
    words = {
        "en": ("Colloque (EN)", "Roads", "Student", "Autumn news"),
        "fr": ("Colloque", "Voirie", "Étudiant", "Nouvelles d’automne"),
    }[language]
    other = {
        "en": ("Voirie", "Étudiant", "Nouvelles d’automne"),
        "fr": ("Colloque (EN)", "Roads", "Student", "Autumn news"),
    }[language]

    form = unescape(client.get(reverse("member_messages:add")).content.decode())
    for word in words[:3]:
        assert re.search(rf">\s*{re.escape(word)}\s*</", form), word
    assert not any(re.search(rf">\s*{re.escape(word)}\s*<", form) for word in other[:-1])

    message = make_message(
        subject_fr="Nouvelles d’automne", subject_en="Autumn news", event=event, interests=[roads]
    )
    message.membership_categories.set([student])
    review = unescape(
        client.get(reverse("member_messages:review", args=[message.pk])).content.decode()
    )
    assert f"<h2>{words[3]}</h2>" in review
    for word in words[:3]:
        assert f"{word}</dd>" in review, word
    log = unescape(client.get(reverse("member_messages:log", args=[message.pk])).content.decode())
    assert f"<h2>{words[3]}</h2>" in log
    assert other[-1] not in log
