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
from home.pagination import paginate
from home.text import fold

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


STAFF_PAGE_SIZE = 50


def _confirmed(event, request):
    """The event's confirmed registrations, narrowed by the search box (`q`: words of the
    name, without regard to accents or case) and the option filter, in alphabetical order."""
    registrations = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
    for word in fold(request.GET.get("q", "")).split():
        registrations = registrations.filter(person__directory_search__contains=word)
    option = request.GET.get("option", "")
    if option.isdigit():
        registrations = registrations.filter(option_id=int(option))
    return registrations.order_by("person__last_name", "person__first_name", "pk")


def _filters(request, event):
    return {
        "query": request.GET.get("q", "").strip(),
        "options": list(event.options.all()) if event else [],
        "option": request.GET.get("option", ""),
    }


@permission_required("events.view_catering", raise_exception=True)
def catering(request):
    event = _selected_event(request)
    rows = []
    page = None
    if event:
        registrations = (
            _confirmed(event, request)
            .select_related("person", "option")
            .prefetch_related(
                Prefetch(
                    "companions",
                    queryset=Companion.objects.filter(status=RegistrationStatus.CONFIRMED),
                )
            )
        )
        page = paginate(request, registrations, per_page=STAFF_PAGE_SIZE)
        for registration in page:
            rows.append(
                {
                    "name": registration.person.get_full_name(),
                    "option": registration.option.label,
                    "needs": sensitive_rows(registration.answers, event),
                    "companions": list(registration.companions.all()),
                }
            )
    return render(
        request,
        "events/admin/catering.html",
        {
            "events": _events(),
            "event": event,
            "rows": rows,
            "page": page,
            "header_icon": "food",
            **_filters(request, event),
        },
    )


@permission_required("events.record_attendance", raise_exception=True)
def attendance(request):
    """The list pages and searches like the others; a save records only the people the form
    listed, and "Mark selected present" only the ticked ones."""
    event = _selected_event(request)
    if request.method == "POST":
        event = get_object_or_404(_events(), pk=request.POST.get("event"))
        ticked = request.POST.getlist("attended")
        shown = set(ticked)  # a ticked person is always one the form listed
        if request.POST.get("action") != "present":
            shown.update(request.POST.getlist("shown"))
        count = services.record_attendance(event, by=request.user, attended=ticked, shown=shown)
        messages.success(request, _("Attendance recorded for %(count)s people.") % {"count": count})
        query = request.GET.copy()
        query["event"] = event.pk
        return redirect(f"{reverse('event_attendance:index')}?{query.urlencode()}")
    page = None
    status = request.GET.get("status", "")
    if event:
        registrations = _confirmed(event, request).select_related("person", "option", "attendance")
        if status == "present":
            registrations = registrations.filter(attendance__attended=True)
        elif status == "absent":
            registrations = registrations.filter(attendance__attended=False)
        elif status == "unrecorded":
            registrations = registrations.filter(attendance__isnull=True)
        page = paginate(request, registrations, per_page=STAFF_PAGE_SIZE)
        for registration in page:
            record = getattr(registration, "attendance", None)
            registration.attended = bool(record and record.attended)
    return render(
        request,
        "events/admin/attendance.html",
        {
            "events": _events(),
            "event": event,
            "registrations": page.object_list if page else [],
            "page": page,
            "status": status,
            "statuses": [
                ("", _("Everyone")),
                ("present", _("Present")),
                ("absent", _("Absent")),
                ("unrecorded", _("Not recorded yet")),
            ],
            **_filters(request, event),
        },
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
