"""Staff screens of the events' admin: the catering list, attendance for a whole list at once,
and the cancellation queue. The viewsets in wagtail_hooks register them; each view checks its
permission, calls a service, messages and redirects."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from wagtail.models import Locale

from home.errors import QuorumError

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


def _events():
    """The events, each once: the source (default language) pages registrations are stored
    against."""
    return EventPage.objects.filter(locale=Locale.get_default()).order_by("-start")


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
        return redirect(f"{reverse('event_attendance:index')}?event={event.pk}")
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
    except QuorumError as error:
        messages.error(request, error.text)
    return redirect("event_cancellations:index")
