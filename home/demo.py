"""Demo pages and settings: a fictional association, its two guides and its events, in French
with English translations. Existing pages are left as editors made them."""

import datetime
import json
import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Locale, Page, Site

from events.models import EventIndexPage, EventOption, EventPage
from guide.models import GuideIndexPage, GuidePage

from . import demo_content as content
from .models import AssociationSettings, ContactBlock, FooterText, HomePage, LegalNotice

LEGAL = {
    "fr": (
        "<p>Ce site est exploité par l'association pour ses membres et ses participants. "
        "Nous recueillons seulement les renseignements nécessaires à la gestion de votre "
        "dossier, de vos inscriptions et de vos factures.</p>"
        "<p>Vos renseignements ne sont jamais vendus. Les renseignements de santé (allergies et "
        "intolérances) ne sont recueillis qu'avec votre consentement exprès et servent "
        "uniquement au service des repas.</p>"
        "<p>Vous pouvez consulter, télécharger ou faire corriger vos renseignements depuis "
        "votre dossier, et demander la suppression de votre compte en tout temps.</p>"
    ),
    "en": (
        "<p>This site is run by the association for its members and participants. We collect "
        "only the information needed to manage your file, your registrations and your "
        "invoices.</p>"
        "<p>Your information is never sold. Health information (allergies and intolerances) is "
        "collected only with your express consent and is used for catering alone.</p>"
        "<p>You can view, download or correct your information from your file, and ask for "
        "your account to be deleted at any time.</p>"
    ),
}


def load(command):
    fr, _ = Locale.objects.get_or_create(language_code="fr")
    en, _ = Locale.objects.get_or_create(language_code="en")
    home = _home(fr, en)
    _settings(Site.objects.get(is_default_site=True))
    _snippets(fr, en)
    guides = _child(
        home,
        GuideIndexPage,
        slug={"fr": "guides", "en": "guides"},
        title={"fr": "Guides", "en": "Guides"},
        fields={
            "intro": {
                "fr": "Les marches à suivre pour tirer le meilleur de votre espace membre.",
                "en": "Step-by-step help to get the most out of your member area.",
            }
        },
        en=en,
        show_in_menus=True,
    )
    for guide in content.GUIDES:
        _child(
            guides,
            GuidePage,
            slug=guide["slug"],
            title=guide["title"],
            fields={"intro": guide["intro"], "body": _stream(guide["body"])},
            en=en,
        )
    events = _child(
        home,
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
    _admin(command.password)
    command.stdout.write("Pages, settings and the admin account are in place.")


def _home(fr, en):
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = HomePage.objects.filter(locale=fr).first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=fr)
        )
        home = HomePage(
            title=content.HOME["title"]["fr"],
            slug="accueil",
            locale=fr,
            intro=content.HOME["intro"]["fr"],
            body=_stream(content.HOME["body"], "fr"),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        if site is None:
            site = Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True
            )
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Quorum"
        site.save()
        if old_root.pk != home.pk and not isinstance(old_root.specific, HomePage):
            old_root.delete()
    if home.get_translation_or_none(en) is None:
        english = home.copy_for_translation(en)
        english.title = content.HOME["title"]["en"]
        english.slug = "home"
        english.intro = content.HOME["intro"]["en"]
        english.body = _stream(content.HOME["body"], "en")
        english.save_revision().publish()
    return home


def _child(parent, model, *, slug, title, fields, en, show_in_menus=False):
    """The French child page with this slug, created with its English translation if
    missing. Values in `fields` are {"fr": ..., "en": ...} or callables of the language."""
    page = model.objects.child_of(parent).filter(slug=slug["fr"]).first()
    if page is None:
        page = model(title=title["fr"], slug=slug["fr"], show_in_menus=show_in_menus)
        _fill(page, fields, "fr")
        parent.add_child(instance=page)
        page.save_revision().publish()
    if page.get_translation_or_none(en) is None:
        translation = page.copy_for_translation(en)
        translation.title = title["en"]
        translation.slug = slug["en"]
        _fill(translation, fields, "en")
        translation.save_revision().publish()
    return page


def _fill(page, fields, language):
    for name, value in fields.items():
        setattr(page, name, value(language) if callable(value) else value[language])


def _stream(blocks, language=None):
    """Turn the bilingual block list of demo_content into StreamField raw data."""
    if language is None:
        return lambda lang: _stream(blocks, lang)

    def text(value):
        return value[language]

    raw = []
    for kind, value in blocks:
        if kind in ("heading", "paragraph"):
            data = text(value)
        elif kind == "steps":
            data = {
                "title": text(value["title"]) if value.get("title") else "",
                "steps": [
                    _item({"title": text(step["title"]), "text": text(step["text"])})
                    for step in value["steps"]
                ],
            }
        elif kind == "callout":
            data = {
                "kind": value.get("kind", "important"),
                "title": text(value["title"]) if value.get("title") else "",
                "text": text(value["text"]),
            }
        elif kind == "contact":
            data = {"title": text(value["title"]), "text": text(value["text"])}
        elif kind == "cta":
            data = {
                "label": text(value["label"]),
                "action": value["action"],
                "text": text(value["text"]) if value.get("text") else "",
            }
        else:
            raise ValueError(f"Unknown demo block: {kind}")
        raw.append({"type": kind, "value": data, "id": str(uuid.uuid4())})
    return json.dumps(raw)


def _item(value):
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


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
                    "choices": [_item(c[lang]) for c in q.get("choices", [])],
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
        "program": same(event.get("program", "")),
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

    page = EventPage.objects.child_of(index).filter(slug=event["slug"]["fr"]).first()
    if page is None:
        page = EventPage(title=event["title"]["fr"], slug=event["slug"]["fr"])
        _fill(page, fields, "fr")
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
        index.add_child(instance=page)
        page.save_revision().publish()
    if page.get_translation_or_none(en) is None:
        translation = page.copy_for_translation(en)
        translation.title = event["title"]["en"]
        translation.slug = event["slug"]["en"]
        _fill(translation, fields, "en")
        labels = {o["label"]["fr"]: o["label"]["en"] for o in event["options"]}
        options = list(translation.options.all())
        for option in options:
            option.label = labels.get(option.label, option.label)
        # Assigning the list keeps the edited objects in the page's cluster for the revision.
        translation.options = options
        translation.save_revision().publish()


def _settings(site):
    a = content.ASSOCIATION
    values = {
        "name": a["name"]["fr"],
        "name_en": a["name"]["en"],
        "short_name": a["short_name"],
        "email": a["email"],
        "phone": a["phone"],
        "toll_free": a["toll_free"],
        "address": a["address"],
        "facebook_url": a["facebook"],
        "linkedin_url": a["linkedin"],
        "gst_number": a["gst_number"],
        "qst_number": a["qst_number"],
        "privacy_officer": a["privacy_officer"],
        "privacy_email": a["email"],
    }
    settings = AssociationSettings.for_site(site)
    if settings.name in ("", "Quorum"):
        for name, value in values.items():
            setattr(settings, name, value)
        settings.save()


def _snippets(fr, en):
    a = content.ASSOCIATION
    texts = {
        FooterText: {
            "fr": {
                "body": f"<p>{a['name']['fr']} — au service des gestionnaires municipaux "
                "de toutes les régions du Québec.</p>"
            },
            "en": {
                "body": f"<p>{a['name']['en']} — serving municipal managers in every region "
                "of Quebec.</p>"
            },
        },
        LegalNotice: {
            "fr": {
                "title": "Mentions légales et confidentialité",
                "body": LEGAL["fr"],
            },
            "en": {"title": "Legal notice and privacy", "body": LEGAL["en"]},
        },
        ContactBlock: {
            "fr": {
                "heading": "Nous joindre",
                "body": "<p>Notre équipe répond du lundi au vendredi, de 8 h 30 à 16 h 30.</p>",
            },
            "en": {
                "heading": "Contact us",
                "body": "<p>Our team answers Monday to Friday, 8:30 a.m. to 4:30 p.m.</p>",
            },
        },
    }
    for model, values in texts.items():
        source = model.objects.filter(locale=fr).first()
        if source is None:
            source = model.objects.create(locale=fr, **values["fr"])
        if source.get_translation_or_none(en) is None:
            translation = source.copy_for_translation(en)
            for name, value in values["en"].items():
                setattr(translation, name, value)
            translation.save()


def _admin(password):
    User = get_user_model()
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        User.objects.create_superuser(
            username="admin",
            email="admin@quorum.example",
            password=password,
            first_name="Admin",
            last_name="Quorum",
        )
