"""Staff side in the Wagtail admin, in one "Registrations" menu: registrations per event
(filters, CSV/XLSX export with answers), the cancellation queue, attendance and the catering
list, each behind its own permission."""

import django_filters

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.shortcuts import redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter
from wagtail.models import Locale
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.admin_export import LabelledExportMixin, LabelledInspectView
from home.admin_menu import (
    PermissionMenuItem,
    ReadOnlyHistoryView,
    ReadOnlyPolicy,
    RequestQuerysetViewSetMixin,
)
from home.audit import register_actions
from home.ordering import alphabetical
from home.translated_snippets import TranslatedSnippetIndexView

from . import admin_views, dashboard
from .documents import participant_document_chooser, refuse_public_serving
from .models import Companion, EventPage, PromoCode, Registration, TrainingProgram
from .translations import TranslatedEvents, option_label_in, title_in

# Registrations change only through the services (invoices, seats, credit notes).
register_permission_policy(Registration, ReadOnlyPolicy(Registration))


class EventChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.shown_title


class EventFilter(django_filters.ModelChoiceFilter):
    field_class = EventChoiceField


class RegistrationFilterSet(WagtailFilterSet):
    """The event filter offers each event once (the French pages registrations are stored
    against), titled in the staff member's language: the latest first, those on the same
    date in the alphabetical order of the titles the staff member reads."""

    event = EventFilter(
        label=_("Event"),
        queryset=lambda request: (
            EventPage.objects.filter(locale=Locale.get_default())
            .annotate(shown_title=title_in())
            .order_by("-start", alphabetical("shown_title"), "pk")
        ),
    )

    class Meta:
        model = Registration
        fields = ["status", "event"]


class RegistrationIndexView(LabelledExportMixin, generic.IndexView):
    """The export shows labels, local times, and each registration's gala companions (names,
    option and status; never their dietary needs, which stay with the catering list). Events
    and options are named in the staff member's language, as in the listing, and the answers
    too (questions and choices from the event's page in that language). Sorted by event, the
    rows follow the titles the staff member reads."""

    # The sort key of the Event column, kept in the address (?ordering=event).
    EVENT_ORDERING = {
        "event": (alphabetical("shown_title"), "event_id", "-created_at", "-pk"),
        "-event": (alphabetical("shown_title", descending=True), "-event_id", "-created_at", "-pk"),
    }

    export_extras = {
        "event": lambda item: item.shown_title,
        "answers_text": lambda item: item.answers_text(page=item.page),
        "option_label": lambda item: item.shown_option,
        "companions": lambda item: "; ".join(
            f"{companion.name} ({companion.shown_option}, {companion.get_status_display()})"
            for companion in item.companions.all()
        ),
    }

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        if self.ordering in self.EVENT_ORDERING:
            queryset = queryset.order_by(*self.EVENT_ORDERING[self.ordering])
        return queryset

    @cached_property
    def translated_events(self):
        """The pages, in the staff member's language, of the events of the exported rows, read
        once for the whole export (their keys, the pages, their options), not once per row."""
        events = EventPage.objects.filter(pk__in=self.get_queryset().values("event"))
        return TranslatedEvents(events.only("translation_key"))

    def to_row_dict(self, item):
        item.page = self.translated_events.page(item.event)
        return super().to_row_dict(item)


class RegistrationInspectView(LabelledInspectView):
    """The event and the option named in the staff member's language, as in the listing."""

    def get_field_display_value(self, field_name, field):
        if field_name == "event":
            return self.object.shown_title
        if field_name == "option":
            return self.object.shown_option
        return super().get_field_display_value(field_name, field)


class RegistrationViewSet(RequestQuerysetViewSetMixin, ModelViewSet):
    model = Registration
    index_view_class = RegistrationIndexView
    inspect_view_class = RegistrationInspectView
    icon = "list-ul"
    menu_label = _("Registrations")
    add_to_admin_menu = False
    inspect_view_enabled = True
    history_view_class = ReadOnlyHistoryView
    # No raw answers here: allergies and dietary needs are for the catering list only.
    inspect_view_fields = [
        "event",
        "person",
        "registered_by",
        "option",
        "status",
        "invoice",
        "created_at",
        "updated_at",
        "cancelled_at",
    ]
    list_display = [
        "person",
        Column("shown_title", label=_("Event"), accessor="shown_title", sort_key="event"),
        Column("shown_option", label=_("Option"), accessor="shown_option", sort_key="option"),
        "status",
        "invoice",
        "created_at",
    ]
    filterset_class = RegistrationFilterSet
    list_export = [
        "event",
        "person_name",
        "person_email",
        "organization_name",
        "option_label",
        "status",
        "invoice_number",
        "created_at",
        "answers_text",
        "companions",
    ]
    export_headings = {
        "companions": _("Gala companions"),
        "person_name": _("Participant"),
        "person_email": _("E-mail"),
        "organization_name": _("Organization"),
        "option_label": _("Option"),
        "invoice_number": _("Invoice"),
        "answers_text": _("Answers"),
    }
    export_filename = "registrations"
    search_fields = ["person__first_name", "person__last_name", "person__email"]
    form_fields = ["status"]

    def get_queryset(self, request):
        # The event's title and the options' labels in the staff member's language, read in
        # the rows' own queries (the listing and its export alike).
        return (
            Registration.objects.select_related("person", "event", "option", "invoice")
            .annotate(shown_title=title_in(event="event"), shown_option=option_label_in())
            .prefetch_related(
                Prefetch(
                    "companions",
                    queryset=Companion.objects.annotate(shown_option=option_label_in()),
                ),
                "person__functions__organization",
            )
        )

    def get_object_queryset(self, request):
        return Registration.objects.select_related(
            "person", "registered_by", "event", "option", "invoice"
        ).annotate(shown_title=title_in(event="event"), shown_option=option_label_in())


class StaffScreenViewSet(ViewSet):
    """One staff screen (and the actions it posts to), shown in the menu to the users who hold
    `permission`; each view checks it too."""

    permission = None

    def get_menu_item(self, order=None):
        return PermissionMenuItem(
            self.menu_label,
            self.menu_url,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=self.get_menu_item_order(order),
            permission=self.permission,
        )


class CancellationViewSet(StaffScreenViewSet):
    name = "event_cancellations"
    url_prefix = "events/cancellations"
    icon = "cross"
    menu_label = _("Cancellation requests")
    permission = "events.decide_cancellation"

    def get_urlpatterns(self):
        return [
            path("", admin_views.cancellation_queue, name="index"),
            path("<int:pk>/decide/", admin_views.decide_cancellation, name="decide"),
        ]


class AttendanceViewSet(StaffScreenViewSet):
    name = "event_attendance"
    url_prefix = "events/attendance"
    icon = "tick"
    menu_label = _("Attendance")
    permission = "events.record_attendance"

    def get_urlpatterns(self):
        return [path("", admin_views.attendance, name="index")]


class CheckinViewSet(StaffScreenViewSet):
    name = "event_checkin"
    url_prefix = "events/checkin"
    icon = "tick-inverse"
    menu_label = _("Check-in")
    permission = "events.record_attendance"

    def get_urlpatterns(self):
        return [
            path("", admin_views.checkin_events, name="index"),
            path("<int:event_id>/", admin_views.checkin, name="event"),
        ]


class CateringViewSet(StaffScreenViewSet):
    name = "event_catering"
    url_prefix = "events/catering"
    icon = "group"
    menu_label = _("Catering list")
    permission = "events.view_catering"

    def get_urlpatterns(self):
        return [path("", admin_views.catering, name="index")]


class PromoCodeDeleteView(generic.DeleteView):
    """A code already used stays (its uses point to invoices): staff deactivate it instead."""

    def post(self, request, *args, **kwargs):
        if self.object.code_uses.exists():
            messages.error(
                request, _("This promo code has been used: deactivate it instead of deleting it.")
            )
            return redirect(self.get_success_url())
        return super().post(request, *args, **kwargs)


class PromoCodeInspectView(LabelledInspectView):
    """The event and the option named in the staff member's language, as in the listing."""

    def get_field_display_value(self, field_name, field):
        if field_name == "event" and self.object.event_id:
            return self.object.shown_title
        if field_name == "option" and self.object.option_id:
            return self.object.shown_option
        return super().get_field_display_value(field_name, field)


class PromoCodeViewSet(RequestQuerysetViewSetMixin, ModelViewSet):
    """Promo codes, made and changed by staff; each code's uses (registrations and invoices)
    are recorded by the registration service and counted here."""

    model = PromoCode
    delete_view_class = PromoCodeDeleteView
    inspect_view_class = PromoCodeInspectView
    icon = "tag"
    menu_label = _("Promo codes")
    add_to_admin_menu = False
    inspect_view_enabled = True
    form_fields = [
        "code",
        "percentage",
        "amount",
        "event",
        "option",
        "valid_from",
        "valid_until",
        "max_uses",
        "active",
    ]
    list_display = [
        "code",
        "percentage",
        "amount",
        Column("shown_title", label=_("Event"), accessor="shown_title", sort_key="event"),
        "valid_until",
        Column("use_count", label=PromoCode.uses.short_description, accessor="use_count"),
        "active",
    ]
    list_filter = ["active"]
    search_fields = ["code"]

    def get_queryset(self, request):
        # Each code's uses counted in the listing's query (the registrations that used it), and
        # its event titled in the staff member's language (none: the code is for every event).
        return PromoCode.objects.select_related("event", "option").annotate(
            use_count=Count("code_uses__registration", distinct=True),
            shown_title=title_in(event="event"),
        )

    def get_object_queryset(self, request):
        return PromoCode.objects.select_related("event", "option").annotate(
            shown_title=title_in(event="event"), shown_option=option_label_in()
        )

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)

        class PromoCodeForm(form_class):
            """The events and options to choose from, named in the staff member's language
            (codes are stored against the French pages and options)."""

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                event, option = self.fields["event"], self.fields["option"]
                event.queryset = event.queryset.annotate(shown=title_in())
                event.label_from_instance = lambda page: page.shown
                option.queryset = option.queryset.annotate(shown=option_label_in(option=""))
                option.label_from_instance = lambda item: item.shown

        return PromoCodeForm


class RegistrationsGroup(ViewSetGroup):
    menu_label = _("Registrations")
    menu_name = "registrations"
    menu_icon = "date"
    menu_order = 350
    items = (
        RegistrationViewSet("event_registrations"),
        CancellationViewSet,
        AttendanceViewSet,
        CheckinViewSet,
        CateringViewSet,
        PromoCodeViewSet("event_promo_codes"),
    )


@hooks.register("register_admin_viewset")
def register_registrations():
    return RegistrationsGroup()


class TrainingProgramViewSet(SnippetViewSet):
    model = TrainingProgram
    index_view_class = TranslatedSnippetIndexView
    icon = "list-ol"
    menu_label = _("Training programs")
    list_display = ["name", "slug"]


register_snippet(TrainingProgramViewSet)


@hooks.register("register_admin_viewset")
def register_participant_document_chooser():
    return participant_document_chooser


# Before Wagtail's own collection check, which would send a visitor to the login page.
hooks.register("before_serve_document", refuse_public_serving, order=-1)


@hooks.register("register_log_actions")
def register_event_log_actions(actions):
    register_actions(
        actions,
        {
            "events.registered": (_("Registered"), _("Registered to the event")),
            "events.registration_changed": (
                _("Registration changed"),
                _("Registration changed (option or answers)"),
            ),
            "events.companion_added": (_("Companion added"), _("Companion added")),
            "events.waiting_list_joined": (
                _("Joined the waiting list"),
                _("Joined the waiting list"),
            ),
            "events.seat_offered": (_("Seat offered"), _("Seat offered from the waiting list")),
            "events.offer_accepted": (_("Offer accepted"), _("Waiting-list offer accepted")),
            "events.cancellation_requested": (
                _("Cancellation requested"),
                _("Cancellation requested"),
            ),
            "events.cancellation_approved": (
                _("Cancellation approved"),
                _("Cancellation approved"),
            ),
            "events.cancellation_rejected": (
                _("Cancellation rejected"),
                _("Cancellation rejected"),
            ),
            "events.registration_cancelled": (
                _("Registration cancelled"),
                _("Registration cancelled"),
            ),
            "events.promo_code_used": (_("Promo code used"), _("Promo code used")),
            "events.attendance_recorded": (_("Attendance recorded"), _("Attendance recorded")),
            "events.answers_erased": (
                _("Answers erased"),
                _("Answers erased (deletion request)"),
            ),
        },
    )

    @actions.register_action("events.option_kept")
    class OptionKept(LogFormatter):
        """Publishing a draft or a revision that left out an option records keep
        (`EventPage.keep_options_in_use`): the page's history names the option kept."""

        label = _("Option kept")

        def format_message(self, log_entry):
            return _(
                "The option “%(label)s” was kept: registrations or promo codes refer to it."
            ) % {"label": log_entry.data.get("option", "")}


# --- Staff dashboard (issue 16): this app's panels on the admin's home page ------------------


@hooks.register("construct_homepage_panels")
def add_events_dashboard_panels(request, panels):
    dashboard.add_panels(request, panels)


# ---- home page (issue 16): the upcoming cards and the next registration -------------------
# home declares the hooks (home/home_sections.py) and renders them; events answers them.


@hooks.register("quorum_home_upcoming")
def home_upcoming_cards(request, *, count, kinds):
    from .home_cards import upcoming_cards

    return upcoming_cards(request, count=count, kinds=kinds)


@hooks.register("quorum_home_personal")
def home_next_registration(request):
    from .home_cards import next_registration

    return next_registration(request)
