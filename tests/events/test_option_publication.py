"""An option people registered to stays on its event whatever publishes the page: a draft
saved before the editor refused its removal, an older revision reverted to, a workflow's
"Approve and publish", the bulk "Publish" of the page listing, scheduled publishing
(`publish_scheduled`). Before, each of them tried to delete the option the registrations keep
and failed: a server error, or the command stopped with the exception."""

import datetime
import html

import pytest

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageLogEntry, Workflow

from events import services
from events.models import EventPage, Registration
from tests.factories import UserFactory, speaks

from .factories import make_event, option
from .test_questions_admin import _edit_data

pytestmark = pytest.mark.django_db

REVISED = "Formation test (révisée)"


@pytest.fixture
def event():
    event = make_event(questions=[])
    person = UserFactory()
    services.register(event, person, by=person, option=option(event), answers={})
    return event


@pytest.fixture
def editor(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    speaks(user, "fr")
    client.force_login(user)
    return user


def _old_draft(event, **fields):
    """A draft that leaves out the option people registered to, as the editor saved one
    before it refused that (written here directly: the editor now refuses it)."""
    draft = event.get_latest_revision_as_object()
    draft.title = REVISED
    draft.options = [o for o in draft.options.all() if o.label != "Journée complète"]
    revision = draft.save_revision(**fields)
    event.refresh_from_db()
    return revision


def _kept(event, *, title=REVISED):
    """The option is still the page's, with its registration, and the rest was published."""
    live = EventPage.objects.get(pk=event.pk)
    assert live.title == title
    assert live.live
    assert live.options.filter(label="Journée complète").exists()
    assert Registration.objects.get(event=event).option.label == "Journée complète"


def _kept_by(event):
    """Who the page's history says kept the option (Wagtail's log context names the staff
    member of an admin request; nobody for the scheduler)."""
    [entry] = PageLogEntry.objects.filter(page=event, action="events.option_kept")
    return entry.user


def _publish_from_editor(client, url, page):
    """Publishes `page` (a draft or a revision) from the editor at `url`, sending the options
    it holds, as an editor opened before the option came back would."""
    data = _edit_data(page, options=list(page.options.all()))
    data["action-publish"] = "action-publish"
    return client.post(url, data)


def test_publishing_an_old_draft_from_the_editor_keeps_the_option(client, editor, event):
    _old_draft(event)
    url = reverse("wagtailadmin_pages:edit", args=[event.pk])
    page = html.unescape(client.get(url).content.decode())
    assert 'value="Journée complète"' in page
    response = _publish_from_editor(client, url, event.get_latest_revision_as_object())
    assert response.status_code == 302
    _kept(event)


def test_reverting_to_a_revision_without_the_option_keeps_it(client, editor, event):
    old = _old_draft(event)
    url = reverse("wagtailadmin_pages:revisions_revert", args=[event.pk, old.pk])
    assert 'value="Journée complète"' in html.unescape(client.get(url).content.decode())
    assert _publish_from_editor(client, url, old.as_object()).status_code == 302
    _kept(event)


def test_approve_and_publish_keeps_the_option(client, editor, event):
    _old_draft(event)
    workflow = event.get_workflow()
    assert isinstance(workflow, Workflow)
    state = workflow.start(event, editor)
    task_state = state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[event.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": ""})
    assert response.status_code == 302
    _kept(event)
    assert _kept_by(event) == editor


def test_bulk_publish_keeps_the_option(client, editor, event):
    _old_draft(event)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    response = client.post(f"{url}?id={event.pk}", {"include_descendants": ""})
    assert response.status_code == 302
    _kept(event)
    assert _kept_by(event) == editor
    # The page's history says which option was kept and why, in the reader's language.
    history = reverse("wagtailadmin_pages:history", args=[event.pk])
    assert (
        "L’option « Journée complète » a été conservée : des inscriptions ou des codes promo y "
        "renvoient." in html.unescape(client.get(history).content.decode())
    )
    speaks(editor, "en")
    assert (
        "The option “Journée complète” was kept: registrations or promo codes refer to it."
        in html.unescape(client.get(history).content.decode())
    )


def test_scheduled_publishing_keeps_the_option(event):
    revision = _old_draft(event)
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    call_command("publish_scheduled")
    _kept(event)
    assert _kept_by(event) is None
