"""Editors build the registration questions in the page editor."""

import html
import json

import pytest

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.factories import UserFactory

from .factories import make_event

pytestmark = pytest.mark.django_db


def _edit_data(event, question=None, options=None):
    """What the editor sends for `event` (a page, a draft or a revision) with one question (or
    none) and `options` (its first option by default)."""
    options = [event.options.first()] if options is None else options
    return nested_form_data(
        {
            "title": event.title,
            "slug": event.slug,
            "kind": event.kind,
            "program": "",
            "intro": "",
            "description": rich_text(""),
            "start": event.start.strftime("%Y-%m-%d %H:%M"),
            "end": event.end.strftime("%Y-%m-%d %H:%M"),
            "place": "",
            "registration_opens": "",
            "registration_closes": "",
            "modification_deadline": "",
            "cancellation_deadline": "",
            "capacity": "",
            "credits": "7",
            "options": inline_formset(
                [
                    {
                        "id": option.pk,
                        "label": option.label,
                        "member_price": option.member_price,
                        "non_member_price": option.non_member_price,
                        "taxable": "on",
                    }
                    for option in options
                ],
                min=1,
            ),
            "questions": streamfield([("question", question)] if question else []),
            "documents": streamfield([]),
        }
    )


def _question(kind, choices):
    return {
        "label": "Atelier",
        "kind": kind,
        "required": "on",
        "choices": streamfield([("item", choice) for choice in choices]),
        "help_text": "",
    }


def test_a_choice_question_cannot_be_saved_without_choices(client):
    event = make_event(questions=[])
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = reverse("wagtailadmin_pages:edit", args=[event.pk])

    response = client.post(url, _edit_data(event, _question("single_choice", [])))
    assert response.status_code == 200
    # The editor shows the error on the question's choices (the stream's errors are JSON).
    shown = html.unescape(response.content.decode())
    message = json.dumps("Donnez au moins un choix pour une question à choix.")
    assert f'"choices": {{"messages": [{message}]}}' in shown
    event.refresh_from_db()
    assert len(event.get_latest_revision_as_object().questions) == 0

    response = client.post(url, _edit_data(event, _question("single_choice", ["Finances"])))
    assert response.status_code == 302
    event.refresh_from_db()
    saved = event.get_latest_revision_as_object().questions[0].value
    assert [str(c) for c in saved["choices"]] == ["Finances"]
