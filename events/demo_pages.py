"""Demo pages of the events app: the events index and the event and training pages of the
fictional association, in French with English translations (content in events/demo_content.py).
Run by `load_demo` after the home page exists; existing pages are left as editors made them."""

import datetime
import io
import json
import uuid
from decimal import Decimal

from xhtml2pdf import pisa

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import escape

from wagtail.documents.models import Document
from wagtail.models import Locale

from home.demo import fill, home_page, list_item, translate_page, translated_child

from . import demo_content as content
from .demo_images import demo_image
from .documents import ensure_participants_collection
from .models import EventIndexPage, EventOption, EventPage, TrainingProgram

# The training programmes the demo's trainings belong to (migration 0004 creates the same two
# on an existing database; editors may have renamed or removed them since).
PROGRAMS = {
    "regular": {"fr": "Programme régulier", "en": "Regular program"},
    "study": {"fr": "Programme d’études", "en": "Study program"},
}


def ensure_programs() -> None:
    """Each programme in French and as its English translation, kept when it exists (the
    French name that migration 0004 gave, with a straight apostrophe, takes the demo's ’)."""
    for slug, names in PROGRAMS.items():
        french = TrainingProgram.objects.filter(slug=slug, locale__language_code="fr").first()
        if french is None:
            french = TrainingProgram.objects.create(
                slug=slug, name=names["fr"], locale=Locale.objects.get(language_code="fr")
            )
        elif french.name != names["fr"] and french.name == names["fr"].replace("’", "'"):
            french.name = names["fr"]
            french.save(update_fields=["name"])
        english_locale = Locale.objects.get(language_code="en")
        if not TrainingProgram.objects.filter(slug=slug, locale=english_locale).exists():
            english = french.copy_for_translation(english_locale)
            english.name = names["en"]
            english.save()


def load(command):
    en = Locale.objects.get(language_code="en")
    ensure_programs()
    events = translated_child(
        home_page(),
        EventIndexPage,
        slug={"fr": "evenements", "en": "events"},
        title={"fr": "Évènements et formations", "en": "Events and trainings"},
        fields={
            "intro": {
                "fr": "<p>Congrès, séminaire, journée techno et formations de nos deux "
                "programmes.</p>",
                "en": "<p>Congress, seminar, technology day and trainings of our two programs.</p>",
            }
        },
        en=en,
        show_in_menus=True,
    )
    for event in content.EVENTS:
        _event(events, event, en)
    command.stdout.write("The event and training pages are in place.")


def _event(index, event, en):
    today = timezone.localdate()
    start_day = today + datetime.timedelta(days=event["start_in_days"])
    end_day = start_day + datetime.timedelta(days=max(event.get("duration_days", 1), 1) - 1)
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(start_day, datetime.time(8, 30), tzinfo=tz)
    end = datetime.datetime.combine(end_day, datetime.time(16, 30), tzinfo=tz)
    questions = lambda lang: json.dumps(  # noqa: E731
        [
            {
                "type": "question",
                "id": str(uuid.uuid4()),
                "value": {
                    "label": q["label"][lang],
                    "kind": q["kind"],
                    "required": q["required"],
                    "choices": [list_item(c[lang]) for c in q.get("choices", [])],
                    "help_text": "",
                    "sensitive": q.get("sensitive", False),
                },
            }
            for q in event.get("questions", [])
        ]
    )

    def same(value):
        return {"fr": value, "en": value}

    fields = {
        "kind": same(event["kind"]),
        "program": {
            lang: TrainingProgram.objects.filter(
                slug=event.get("program") or None, locale__language_code=lang
            ).first()
            for lang in ("fr", "en")
        },
        "intro": event["intro"],
        "description": event["description"],
        "place": event["place"],
        "start": same(start),
        "end": same(end),
        "registration_opens": same(start - datetime.timedelta(days=180)),
        "registration_closes": same(start - datetime.timedelta(days=2)),
        "modification_deadline": same(start - datetime.timedelta(days=7)),
        "cancellation_deadline": same(start - datetime.timedelta(days=14)),
        "capacity": same(event.get("capacity")),
        "credits": same(Decimal(event.get("credits", "0"))),
        "questions": questions,
    }
    if event.get("image"):
        fields["image"] = same(demo_image(event["image"]))
        fields["image_alt"] = event["image"]["alt"]

    page = EventPage.objects.child_of(index).filter(slug=event["slug"]["fr"]).first()
    if page is None:
        page = EventPage(title=event["title"]["fr"], slug=event["slug"]["fr"])
        fill(page, fields, "fr")
        page.options = [
            EventOption(
                label=o["label"]["fr"],
                member_price=Decimal(o["member_price"]),
                non_member_price=Decimal(o["non_member_price"]),
                taxable=o.get("taxable", True),
                is_companion=o.get("companion", False),
                card_only=o.get("card_only", False),
                locale=Locale.get_default(),
            )
            for o in event["options"]
        ]
        page.documents = [("document", doc) for doc in _documents(event)]
        index.add_child(instance=page)
        page.save_revision().publish()

    def english(translation):
        translation.title = event["title"]["en"]
        translation.slug = event["slug"]["en"]
        fill(translation, fields, "en")
        labels = {o["label"]["fr"]: o["label"]["en"] for o in event["options"]}
        options = list(translation.options.all())
        for option in options:
            option.label = labels.get(option.label, option.label)
        # Assigning the list keeps the edited objects in the page's cluster.
        translation.options = options

    translate_page(page, en, english)


def _documents(event):
    """The event's documents for registered participants: small PDFs in the participants'
    collection (one file for both languages, as editors upload them)."""
    documents = []
    for spec in event.get("documents", []):
        doc = Document.objects.filter(title=spec["title"]).first()
        if doc is None:
            doc = Document(title=spec["title"], collection=ensure_participants_collection())
            doc.file.save(spec["filename"], ContentFile(_pdf(spec)), save=True)
        documents.append(doc)
    return documents


def _pdf(spec):
    html = "".join(
        [f"<h1>{escape(spec['title'])}</h1>"]
        + [f"<p>{escape(paragraph)}</p>" for paragraph in spec["paragraphs"]]
    )
    output = io.BytesIO()
    pisa.CreatePDF(f"<html><body>{html}</body></html>", dest=output, encoding="utf-8")
    return output.getvalue()
