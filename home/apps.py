from django.apps import AppConfig
from django.db import models
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")

    def ready(self):
        from wagtail.admin.forms.models import register_form_field_override

        from .forms import ASSUME_SCHEME
        from .groups import ensure_translators_group
        from .ids import register_lookups
        from .ordering import register_collation
        from .page_cache import connect as connect_page_cache
        from .privacy import register_outside_apps

        post_migrate.connect(ensure_translators_group, sender=self)
        # Names and titles in alphabetical order on SQLite too (home/ordering.py).
        connection_created.connect(register_collation)
        # Publishing, moving, deleting pages and editing snippets or settings purge the cache.
        connect_page_cache()
        # Web addresses typed without a scheme in the Wagtail admin's model forms (settings,
        # snippets, viewsets with panels) are read as https:// (see home/forms.py).
        register_form_field_override(models.URLField, override={"assume_scheme": ASSUME_SCHEME})
        # A number past what a key column holds finds nothing, in every lookup (home/ids.py).
        register_lookups()
        # Law 25: what Django, Wagtail and django-axes keep about a person (home/privacy.py).
        register_outside_apps()
