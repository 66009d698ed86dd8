"""Form pieces shared by the apps."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe


class NoSuffixMixin:
    """Labels without the trailing colon, so a field's accessible name is its label."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


# Web addresses typed without a scheme are read as https:// everywhere (Django 6.0's default;
# saying so silences Django 5.2's warning): home/apps.py registers it for the Wagtail admin's
# model forms, ModelViewSets built from `form_fields` mix in `HttpsURLFieldsMixin`, and
# hand-written forms pass `assume_scheme=ASSUME_SCHEME`.
ASSUME_SCHEME = "https"


class HttpsURLFieldsMixin:
    """For a Wagtail ModelViewSet whose form is built from `form_fields`."""

    def formfield_for_dbfield(self, db_field, **kwargs):
        from django.db import models

        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", ASSUME_SCHEME)
        return super().formfield_for_dbfield(db_field, **kwargs)


class LongSelect(forms.Select):
    """A select for long lists (thousands of organizations): its options written in Python
    rather than by one template each, which costs a page most of its time at scale. Renders
    the same HTML as Django's Select (flat choices, no option groups)."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = []
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            selected = " selected" if option_value in chosen else ""
            options.append(
                f'<option value="{escape(option_value)}"{selected}>{escape(label)}</option>'
            )
        attrs = self.build_attrs(self.attrs, attrs)
        return mark_safe(
            f'<select name="{escape(name)}"{flatatt(attrs)}>{"".join(options)}</select>'
        )


class LanguageSelect(forms.Select):
    """A choice of language (settings.LANGUAGES): each language's name is written in that
    language ("English" on a French page), and says so (WCAG 3.1.2), for a screen reader to
    pronounce it right."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option
