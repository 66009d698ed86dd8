"""Event pages for tests: a French page with options and questions, optionally translated."""

import datetime
import json
import uuid
from decimal import Decimal

from django.utils import timezone

from wagtail.models import Locale

from events.models import EventIndexPage, EventOption, EventPage
from tests.factories import (
    DelegateGrantFactory,
    FunctionFactory,
    OrganizationFactory,
    UserFactory,
    default_site,
)


def question(label, kind="short_text", *, required=True, choices=(), sensitive=False):
    return {
        "type": "question",
        "id": str(uuid.uuid4()),
        "value": {
            "label": label,
            "kind": kind,
            "required": required,
            "choices": [{"type": "item", "value": c, "id": str(uuid.uuid4())} for c in choices],
            "help_text": "",
            "sensitive": sensitive,
        },
    }


DEFAULT_QUESTIONS = [
    question("Atelier", "single_choice", choices=["Finances", "Relève"]),
    question("Besoins alimentaires", required=False, sensitive=True),
]


def event_index():
    fr, _ = Locale.objects.get_or_create(language_code="fr")
    Locale.objects.get_or_create(language_code="en")
    index = EventIndexPage.objects.filter(locale=fr).first()
    if index is None:
        site = default_site()
        root = site.root_page
        index = EventIndexPage(title="Évènements", slug="evenements", locale=root.locale)
        root.add_child(instance=index)
        index.save_revision().publish()
    return index


def make_event(
    *,
    title="Formation test",
    kind="training",
    capacity=None,
    start_in=datetime.timedelta(days=30),
    questions=None,
    companion=True,
    english=False,
    **fields,
):
    index = event_index()
    start = timezone.now() + start_in
    defaults = {
        "registration_opens": start - datetime.timedelta(days=90),
        "registration_closes": start - datetime.timedelta(days=1),
        "modification_deadline": start - datetime.timedelta(days=7),
        "cancellation_deadline": start - datetime.timedelta(days=14),
    }
    defaults.update(fields)
    page = EventPage(
        title=title,
        slug=f"event-{uuid.uuid4().hex[:8]}",
        kind=kind,
        start=start,
        end=start + datetime.timedelta(hours=8),
        capacity=capacity,
        credits=Decimal("7"),
        questions=json.dumps(DEFAULT_QUESTIONS if questions is None else questions),
        **defaults,
    )
    options = [
        EventOption(
            label="Journée complète",
            member_price=Decimal("100.00"),
            non_member_price=Decimal("150.00"),
            taxable=True,
            locale=index.locale,
        ),
        EventOption(
            label="Demi-journée",
            member_price=Decimal("60.00"),
            non_member_price=Decimal("80.00"),
            taxable=True,
            locale=index.locale,
        ),
    ]
    if companion:
        options.append(
            EventOption(
                label="Accompagnateur — soirée gala",
                member_price=Decimal("145.00"),
                non_member_price=Decimal("145.00"),
                taxable=True,
                is_companion=True,
                card_only=True,
                locale=index.locale,
            )
        )
    page.options = options
    index.add_child(instance=page)
    page.save_revision().publish()
    if english:
        en = Locale.objects.get(language_code="en")
        if index.get_translation_or_none(en) is None:
            translated_index = index.copy_for_translation(en, copy_parents=True)
            translated_index.slug = "events"
            translated_index.save_revision().publish()
        translation = page.copy_for_translation(en)
        translation.title = f"{title} (EN)"
        translation.slug = f"{page.slug}-en"
        translated_options = list(translation.options.all())
        for option in translated_options:
            option.label = {
                "Journée complète": "Full day",
                "Demi-journée": "Half day",
            }.get(option.label, "Companion — gala evening")
        translation.options = translated_options
        translation.save_revision().publish()
    return page


def started(page, *, ago=datetime.timedelta(hours=1)):
    """`page` (and its translations) moved to have started `ago`, keeping its length and its
    registration dates: attendance is recorded only from the day an event starts, so a test
    registers people while registration is open, then records their attendance."""
    length = page.end - page.start
    start = timezone.now() - ago
    EventPage.objects.filter(translation_key=page.translation_key).update(
        start=start, end=start + length
    )
    page.start, page.end = start, start + length
    return page


def option(page, label_start="Journée"):
    return page.options.get(label__startswith=label_start)


def answers(page, workshop="Finances", dietary=""):
    blocks = list(page.questions)
    result = {blocks[0].id: workshop}
    if len(blocks) > 1 and dietary:
        result[blocks[1].id] = dietary
    return result


def organization_with_delegate(colleagues=2):
    organization = OrganizationFactory()
    delegate = UserFactory(is_member=True)
    FunctionFactory(user=delegate, organization=organization)
    DelegateGrantFactory(user=delegate, organization=organization)
    people = []
    for _ in range(colleagues):
        person = UserFactory()
        FunctionFactory(user=person, organization=organization)
        people.append(person)
    return organization, delegate, people
