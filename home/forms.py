"""Form pieces shared by the apps."""


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
