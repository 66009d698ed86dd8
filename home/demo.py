"""Demo of the home app: the locales, the home page of a fictional association (French with its
English translation), its settings and snippets, and the admin account; with the helpers the
other apps' demo modules use to add their pages (`translated_child`, `translate_page`, `fill`,
`stream_data`, `list_item`). English pages are wagtail-localize translations of the French ones
(editors see "Sync translated pages" and "Translate", French edits mark them out of date), made
from the demo's English text. Existing pages are left as editors made them."""

import json
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model

from wagtail.models import Locale, Page, Site

from . import demo_content as content
from .models import AssociationSettings, ContactBlock, FooterText, HomePage, LegalNotice

LEGAL = {
    "fr": (
        "<p>Ce site est exploité par l’association pour ses membres et ses participants. "
        "Nous recueillons seulement les renseignements nécessaires à la gestion de votre "
        "dossier, de vos inscriptions et de vos factures.</p>"
        "<p>Vos renseignements ne sont jamais vendus. Les renseignements de santé (allergies et "
        "intolérances) ne sont recueillis qu’avec votre consentement exprès et servent "
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
    _home(fr, en)
    _settings(Site.objects.get(is_default_site=True))
    _site_address(Site.objects.get(is_default_site=True))
    _snippets(fr, en)
    _admin(command.password)
    command.stdout.write("The home page, settings, snippets and the admin account are in place.")


def home_page():
    """The demo's French home page, for the other apps' demo modules."""
    return HomePage.objects.get(locale__language_code="fr")


def _site_address(site):
    """The demo site answers at the public base URL (from PORT under `make run`), so that page
    links (e.g. the API's html_url) name the same host and port as every other link."""
    address = urlsplit(settings.PUBLIC_BASE_URL)
    site.hostname = address.hostname or "localhost"
    site.port = address.port or (443 if address.scheme == "https" else 80)
    site.save()


def _home(fr, en):
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = HomePage.objects.filter(locale=fr).first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Racine", slug="root", locale=fr)
        )
        home = HomePage(
            title=content.HOME["title"]["fr"],
            slug="accueil",
            locale=fr,
            intro=content.HOME["intro"]["fr"],
            body=stream_data(content.HOME["body"], "fr"),
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

    def english(page):
        page.title = content.HOME["title"]["en"]
        page.slug = "home"
        page.intro = content.HOME["intro"]["en"]
        page.body = stream_data(content.HOME["body"], "en")

    translate_page(home, en, english)
    return home


def translated_child(parent, model, *, slug, title, fields, en, show_in_menus=False):
    """The French child page with this slug, created with its English translation if
    missing. Values in `fields` are {"fr": ..., "en": ...} or callables of the language."""
    page = model.objects.child_of(parent).filter(slug=slug["fr"]).first()
    if page is None:
        page = model(title=title["fr"], slug=slug["fr"], show_in_menus=show_in_menus)
        fill(page, fields, "fr")
        parent.add_child(instance=page)
        page.save_revision().publish()

    def english(translation):
        translation.title = title["en"]
        translation.slug = slug["en"]
        fill(translation, fields, "en")

    translate_page(page, en, english)
    return page


def translate_page(page, locale, write):
    """Translate the live `page` into `locale` through wagtail-localize, as its "Translate this
    page" does (a TranslationSource, a Translation, then `save_target`), with the demo's own
    text: `write(copy)` puts that text on a copy of the page, whose strings become the
    translation's strings, segment by segment. An existing translation page without a
    Translation record (an older demo) gives its own strings. Nothing happens once the
    Translation exists, so editors' changes stay."""
    from wagtail_localize.models import StringTranslation, Translation, TranslationSource
    from wagtail_localize.segments import StringSegmentValue
    from wagtail_localize.segments.extract import extract_segments

    page = page.specific
    if Translation.objects.filter(
        source__object_id=page.translation_key, target_locale=locale
    ).exists():
        return page.get_translation(locale)
    source, _ = TranslationSource.update_or_create_from_instance(page)
    translated = page.get_translation_or_none(locale)
    if translated is None:
        translated = page.copy_for_translation(locale)
        write(translated)
    translated = translated.specific
    strings = [s for s in extract_segments(translated) if isinstance(s, StringSegmentValue)]
    segments = list(source.stringsegment_set.order_by("order").select_related("string", "context"))
    if len(strings) != len(segments):
        raise ValueError(f"{page}: the English text does not match the French page's segments.")
    for segment, value in zip(segments, strings, strict=True):
        if segment.context.path.split(".")[0] != value.path.split(".")[0]:
            raise ValueError(f"{page}: {segment.context.path} is not {value.path}.")
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": value.string.data,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    translation, _ = Translation.objects.update_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    # Saved as a draft, then published here: wagtail-localize publishes on commit, from the
    # instance it saved, which would write back a stale child count once the demo has added
    # the translated children (and never runs inside the tests' outer transaction).
    translation.save_target(publish=False)
    translated = page.get_translation(locale)
    translated.get_latest_revision().publish()
    return translated


def fill(page, fields, language):
    for name, value in fields.items():
        setattr(page, name, value(language) if callable(value) else value[language])


def stream_data(blocks, language=None):
    """Turn the bilingual block list of demo_content into StreamField raw data."""
    if language is None:
        return lambda lang: stream_data(blocks, lang)

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
                    list_item({"title": text(step["title"]), "text": text(step["text"])})
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


def list_item(value):
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


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
    # Older demos wrote the role in French before the name, shown as is on /en/legal/.
    role = "Responsable de la protection des renseignements personnels : "
    if settings.privacy_officer.startswith(role):
        settings.privacy_officer = settings.privacy_officer.removeprefix(role)
        settings.save(update_fields=["privacy_officer"])


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
