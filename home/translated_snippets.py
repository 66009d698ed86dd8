"""The listing of a translatable snippet (programmes, interests, orders, categories) with
wagtail-localize's "Translate" and "Sync translated snippets" buttons, from what is read once
for the page of rows: wagtail-localize's own hook asks the database two or three questions per
row (issue 15: a listing's queries must not grow with its rows)."""

from collections import defaultdict
from urllib.parse import urlencode

from django.contrib.admin.utils import quote
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.models import Locale, TranslatableMixin
from wagtail.snippets.views.snippets import IndexView
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import Translation, TranslationSource

FACTS = "_translation_buttons_facts"
HOOK = "register_snippet_listing_buttons"


def remember_translation_facts(instances) -> None:
    """Attach to each translatable snippet of a page of rows whether a locale still lacks its
    translation, and its translation source with enabled translations (or None)."""
    instances = [item for item in instances if isinstance(item, TranslatableMixin)]
    if not instances:
        return
    model = type(instances[0])
    keys = {item.translation_key for item in instances}
    locales_of = defaultdict(set)
    rows = model._default_manager.filter(translation_key__in=keys)
    for key, locale_id in rows.values_list("translation_key", "locale_id"):
        locales_of[key].add(locale_id)
    every_locale = set(Locale.objects.values_list("pk", flat=True))
    synced = {
        (object_id, locale_id): pk
        for pk, object_id, locale_id in TranslationSource.objects.filter(object_id__in=keys)
        .filter(Exists(Translation.objects.filter(source=OuterRef("pk"), enabled=True)))
        .values_list("pk", "object_id", "locale_id")
    }
    for item in instances:
        missing = bool(every_locale - locales_of[item.translation_key])
        setattr(item, FACTS, (missing, synced.get((item.translation_key, item.locale_id))))


def translation_buttons(snippet, user, next_url=None):
    """wagtail-localize's buttons, from the facts remembered for the row; a snippet shown
    elsewhere (without them) gets wagtail-localize's own hook."""
    facts = getattr(snippet, FACTS, None)
    if facts is None:
        yield from localize_hooks.register_snippet_listing_buttons(snippet, user, next_url)
        return
    if not user.has_perm("wagtail_localize.submit_translation"):
        return
    missing, source_id = facts
    meta = type(snippet)._meta
    if missing:
        yield Button(
            _("Translate"),
            reverse(
                "wagtail_localize:submit_snippet_translation",
                args=[meta.app_label, meta.model_name, quote(snippet.pk)],
            ),
            attrs={"aria-label": _("Translate '%(title)s'") % {"title": str(snippet)}},
            icon_name="wagtail-localize-language",
            priority=100,
        )
    if source_id is not None:
        url = reverse("wagtail_localize:update_translations", args=[source_id])
        if next_url is not None:
            url += "?" + urlencode({"next": next_url})
        yield Button(
            _("Sync translated snippets"),
            url,
            attrs={"aria-label": _("Sync translations of '%(title)s'") % {"title": str(snippet)}},
            icon_name="resubmit",
            priority=106,
        )


def _replace_localize_hook() -> None:
    registered = hooks._hooks.get(HOOK, [])
    for index, (function, order) in enumerate(registered):
        if function is localize_hooks.register_snippet_listing_buttons:
            registered[index] = (translation_buttons, order)


class TranslatedSnippetIndexView(IndexView):
    """A translatable snippet's listing: the facts for the translation buttons are read once
    for the page of rows."""

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        remember_translation_facts(context["object_list"])  # the table reads the same rows
        return context


_replace_localize_hook()
