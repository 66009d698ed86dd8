from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _seats_changed(sender, instance, **kwargs):
    """A registration or a waiting-list offer changes the seats an event page shows: that page
    (both languages) leaves the page cache (home/page_cache.py), and so do the home pages,
    whose cards show the seats left."""
    from home.models import purge_home_pages
    from home.page_cache import purge_page

    from .models import EventPage

    key = (
        EventPage.objects.filter(pk=instance.event_id)
        .values_list("translation_key", flat=True)
        .first()
    )
    if key is not None:
        purge_page(key)
        purge_home_pages()


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import privacy
        from .models import Registration, WaitingListEntry

        privacy.register()
        from home.signals import invoice_copies

        from .services import invoice_copies as copies_for_delegates

        invoice_copies.connect(copies_for_delegates, dispatch_uid="events_invoice_copies")

        for model in (Registration, WaitingListEntry):
            post_save.connect(_seats_changed, sender=model, dispatch_uid=f"seats_{model.__name__}")
            post_delete.connect(
                _seats_changed, sender=model, dispatch_uid=f"seats_del_{model.__name__}"
            )
