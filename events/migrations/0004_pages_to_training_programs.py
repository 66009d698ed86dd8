"""Existing pages keep their programme: each page points to the programme of its code in its
own language, and the stored revisions (and wagtail-localize sources) are rewritten the same way,
so that older drafts still open in the editor."""

import json
import uuid

from django.db import migrations

# The two programmes that existed, with their names in each language.
PROGRAMS = {
    "regular": {"fr": "Programme régulier", "en": "Regular program"},
    "study": {"fr": "Programme d'études", "en": "Study program"},
}


def _programs(apps):
    """{(code, language): programme pk}, creating the programmes in French and English."""
    Locale = apps.get_model("wagtailcore", "Locale")
    TrainingProgram = apps.get_model("events", "TrainingProgram")
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("fr", "en")}
    found = {}
    for code, names in PROGRAMS.items():
        key = uuid.uuid4()
        for language, locale in locales.items():
            program, _created = TrainingProgram.objects.get_or_create(
                locale=locale,
                slug=code,
                defaults={"name": names[language], "translation_key": key},
            )
            found[code, language] = program.pk
    return found


def _program_for(found, code, language):
    if not code:
        return None
    return found.get((code, language)) or found.get((code, "fr"))


def forwards(apps, schema_editor):
    found = _programs(apps)
    EventPage = apps.get_model("events", "EventPage")
    for page in EventPage.objects.select_related("locale").exclude(program_code=""):
        page.program_id = _program_for(found, page.program_code, page.locale.language_code)
        page.save(update_fields=["program"])

    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="events", model="eventpage").first()
    if content_type is None:
        return
    Locale = apps.get_model("wagtailcore", "Locale")
    languages = dict(Locale.objects.values_list("pk", "language_code"))

    Revision = apps.get_model("wagtailcore", "Revision")
    for revision in Revision.objects.filter(content_type=content_type):
        content = revision.content
        if isinstance(content.get("program"), str):
            language = languages.get(content.get("locale"), "fr")
            content["program"] = _program_for(found, content["program"], language)
            revision.save(update_fields=["content"])

    TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")
    for source in TranslationSource.objects.filter(specific_content_type=content_type):
        content = json.loads(source.content_json)
        if isinstance(content.get("program"), str):
            language = languages.get(source.locale_id, "fr")
            content["program"] = _program_for(found, content["program"], language)
            source.content_json = json.dumps(content)
            source.save(update_fields=["content_json"])


def backwards(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    for page in EventPage.objects.select_related("program").exclude(program=None):
        page.program_code = page.program.slug
        page.save(update_fields=["program_code"])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_training_programs_and_decided_cancellations"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
