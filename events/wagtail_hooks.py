"""Staff side: registrations per event (filters, CSV/XLSX export with answers), the catering
list, attendance for a whole list at once, and the cancellation queue."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from home.admin_menu import PermissionMenuItem

from . import services
from .models import (
    CancellationRequest,
    CancellationStatus,
    Companion,
    EventPage,
    Registration,
    RegistrationStatus,
)
from .questions import sensitive_rows


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Registrations change only through the services (invoices, seats, credit notes)."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "list-ul"
    menu_label = _("Registrations")
    add_to_admin_menu = False
    inspect_view_enabled = True
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
    list_display = ["person", "event", "option", "status", "invoice", "created_at"]
    list_filter = ["status", "event"]
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
    ]
    export_headings = {
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
        return Registration.objects.select_related(
            "person", "event", "option", "invoice"
        ).prefetch_related("person__functions__organization")


register_permission_policy(Registration, ReadOnlyPolicy(Registration))
registration_viewset = RegistrationViewSet("event_registrations")


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset


def _events():
    return EventPage.objects.filter(locale__language_code="fr").order_by("-start")


def _selected_event(request):
    event_id = request.GET.get("event")
    if event_id and event_id.isdigit():
        return _events().filter(pk=int(event_id)).first()
    return None


@permission_required("events.view_catering", raise_exception=True)
def catering(request):
    event = _selected_event(request)
    rows = []
    if event:
        registrations = (
            Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
            .select_related("person")
            .prefetch_related(
                Prefetch(
                    "companions",
                    queryset=Companion.objects.filter(status=RegistrationStatus.CONFIRMED),
                )
            )
            .order_by("person__last_name", "person__first_name")
        )
        for registration in registrations:
            rows.append(
                {
                    "name": registration.person.get_full_name(),
                    "needs": sensitive_rows(registration.answers, event),
                    "companions": list(registration.companions.all()),
                }
            )
    return render(
        request,
        "events/admin/catering.html",
        {"events": _events(), "event": event, "rows": rows, "header_icon": "food"},
    )


@permission_required("events.record_attendance", raise_exception=True)
def attendance(request):
    event = _selected_event(request)
    if request.method == "POST":
        event = get_object_or_404(_events(), pk=request.POST.get("event"))
        count = services.record_attendance(
            event, by=request.user, attended=request.POST.getlist("attended")
        )
        messages.success(request, _("Attendance recorded for %(count)s people.") % {"count": count})
        return redirect(f"{reverse('events_attendance')}?event={event.pk}")
    registrations = []
    if event:
        registrations = list(
            Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
            .select_related("person", "attendance")
            .order_by("person__last_name", "person__first_name")
        )
        for registration in registrations:
            record = getattr(registration, "attendance", None)
            registration.attended = bool(record and record.attended)
    return render(
        request,
        "events/admin/attendance.html",
        {"events": _events(), "event": event, "registrations": registrations},
    )


@permission_required("events.decide_cancellation", raise_exception=True)
def cancellation_queue(request):
    pending = CancellationRequest.objects.filter(status=CancellationStatus.PENDING).select_related(
        "registration__person", "registration__event", "registration__invoice"
    )
    decided = (
        CancellationRequest.objects.exclude(status=CancellationStatus.PENDING)
        .select_related("registration__person", "registration__event", "decided_by")
        .order_by("-decided_at")[:50]
    )
    return render(
        request,
        "events/admin/cancellations.html",
        {"pending": pending, "decided": decided},
    )


@require_POST
@permission_required("events.decide_cancellation", raise_exception=True)
def decide_cancellation(request, pk):
    cancellation = get_object_or_404(CancellationRequest, pk=pk)
    try:
        if request.POST.get("decision") == "approve":
            services.approve_cancellation(cancellation, by=request.user)
            messages.success(request, _("The registration is cancelled and its invoice credited."))
        else:
            services.reject_cancellation(cancellation, by=request.user)
            messages.success(request, _("The request is rejected."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("events_cancellations")


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("events/catering/", catering, name="events_catering"),
        path("events/attendance/", attendance, name="events_attendance"),
        path("events/cancellations/", cancellation_queue, name="events_cancellations"),
        path(
            "events/cancellations/<int:pk>/decide/",
            decide_cancellation,
            name="events_cancellation_decide",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_registrations_menu():
    items = [
        PermissionMenuItem(
            _("Registrations"),
            reverse(registration_viewset.get_url_name("index")),
            icon_name="list-ul",
            order=100,
            permission="events.view_registration",
        ),
        PermissionMenuItem(
            _("Cancellation requests"),
            reverse("events_cancellations"),
            icon_name="cross",
            order=200,
            permission="events.decide_cancellation",
        ),
        PermissionMenuItem(
            _("Attendance"),
            reverse("events_attendance"),
            icon_name="tick",
            order=300,
            permission="events.record_attendance",
        ),
        PermissionMenuItem(
            _("Catering list"),
            reverse("events_catering"),
            icon_name="group",
            order=400,
            permission="events.view_catering",
        ),
    ]
    return SubmenuMenuItem(
        _("Registrations"), Menu(items=items), icon_name="date", name="registrations", order=350
    )
