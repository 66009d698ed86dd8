import django_filters

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.permissions import register_permission_policy

from .admin_export import LabelledExportMixin, LabelledInspectView
from .admin_menu import ReadOnlyPolicy, ReadOnlyViewSet
from .audit import register_actions
from .models import ReminderKind, SentReminder
from .page_cache import note_page


@hooks.register("before_serve_page")
def remember_page_for_the_cache(page, request, serve_args, serve_kwargs):
    """The page cache (home/page_cache.py) learns which page it may store, before it renders."""
    note_page(page, request)


# --- Sent reminders (home/reminders.py): read-only, under Reports ---------------------------


class SentReminderFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ReminderKind.choices)
    sent_at = django_filters.DateFromToRangeFilter(label=_("Sent"), widget=DateRangePickerWidget)

    class Meta:
        model = SentReminder
        fields = ["kind", "sent_at"]


class SentReminderIndexView(LabelledExportMixin, generic.IndexView):
    pass


class SentReminderInspectView(LabelledInspectView):
    pass


class SentReminderViewSet(ReadOnlyViewSet):
    """What the scheduled reminders sent, to whom and when: listing, search, filters, export
    and inspect only (the rows are written by `send_reminders`)."""

    model = SentReminder
    name = "sent_reminders"
    icon = "mail"
    menu_label = _("Sent reminders")
    menu_hook = "register_reports_menu_item"
    menu_order = 1100
    index_view_class = SentReminderIndexView
    inspect_view_class = SentReminderInspectView
    filterset_class = SentReminderFilterSet
    search_fields = ["kind", "key", "about", "recipient__username", "recipient__email"]
    search_backend_name = None
    list_display = ["kind", "about", "recipient", "sent_at"]
    list_export = ["kind", "about", "recipient", "key", "sent_at"]
    export_filename = "sent-reminders"
    inspect_view_fields = ["kind", "about", "recipient", "key", "sent_at"]

    def get_queryset(self, request):
        return SentReminder.objects.select_related("recipient")

    get_object_queryset = get_queryset


register_permission_policy(SentReminder, ReadOnlyPolicy(SentReminder))


@hooks.register("register_admin_viewset")
def register_sent_reminders():
    return SentReminderViewSet()


# --- Exports built by the task worker (home/exports.py): each staff member's own -------------


@hooks.register("register_admin_urls")
def register_exports_urls():
    from . import export_views

    patterns = [
        path("", export_views.index, name="index"),
        path("<int:pk>/download/", export_views.download, name="download"),
    ]
    return [path("exports/", include((patterns, "quorum_exports")))]


@hooks.register("register_reports_menu_item")
def register_exports_menu_item():
    return MenuItem(_("Exports"), reverse("quorum_exports:index"), icon_name="download", order=1200)


@hooks.register("register_log_actions")
def register_export_actions(actions):
    register_actions(
        actions,
        {
            "home.export_created": (_("Export requested"), _("Export requested")),
            "home.export_downloaded": (_("Export downloaded"), _("Export downloaded")),
            "home.export_stalled": (
                _("Export stopped"),
                _("Export failed: its task stopped making progress"),
            ),
        },
    )
