"""Staff screens of the events' admin: the catering list, attendance for a whole list at once,
check-in at the door, and the cancellation queue. The viewsets in wagtail_hooks register them;
each view checks its permission, calls a service, messages and redirects."""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db.models import Prefetch
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from wagtail.models import Locale

from home.errors import QuorumError
from home.formatting import elide
from home.ids import as_id
from home.ordering import name_order
from home.pagination import paginate
from home.text import every_word

from . import checkin as checkin_service
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
from .translations import TranslatedEvents, title_in, with_pages


def _events():
    """The events, each once: the source (default language) pages registrations are stored
    against, each with its title in the staff member's language (`shown_title`)."""
    return (
        EventPage.objects.filter(locale=Locale.get_default())
        .annotate(shown_title=title_in())
        .order_by("-start")
    )


def _selected_event(request, data=None):
    event_id = as_id((request.GET if data is None else data).get("event"))
    return _events().filter(pk=event_id).first() if event_id is not None else None


STAFF_PAGE_SIZE = 50


def _confirmed(event, request):
    """The event's confirmed registrations, narrowed by the search box (`q`: words of the
    name, without regard to accents or case) and the option filter, in alphabetical order."""
    registrations = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
    registrations = registrations.filter(
        every_word("person__directory_search", request.GET.get("q", ""))
    )
    option = as_id(request.GET.get("option"))
    if option is not None:
        registrations = registrations.filter(option_id=option)
    return registrations.order_by(*name_order("person__"), "pk")


def _filters(request, event, translated):
    """The search box and the option filter (the event's options, labelled in the staff
    member's language)."""
    options = list(event.options.all()) if event else []
    for item in options:
        item.shown_label = translated.option_label(item, event)
    return {
        "query": request.GET.get("q", "").strip(),
        "options": options,
        "option": request.GET.get("option", ""),
    }


def _named(registrations, event, translated):
    """The registrations of `event` (the screen's), each with its event's page and its option's
    label in the staff member's language (`page`, `shown_option`)."""
    for registration in registrations:
        registration.event = event  # the screen's own, without a query per row
    return with_pages(registrations, translated)


@permission_required("events.view_catering", raise_exception=True)
def catering(request):
    event = _selected_event(request)
    rows = []
    page = None
    translated = TranslatedEvents([event] if event else [])
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
        for registration in _named(list(page), event, translated):
            rows.append(
                {
                    "name": registration.person.get_full_name(),
                    "option": registration.shown_option,
                    "needs": sensitive_rows(registration.answers, event, registration.page),
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
            **_filters(request, event, translated),
        },
    )


@permission_required("events.record_attendance", raise_exception=True)
def attendance(request):
    """The list pages and searches like the others; a save records only the people the form
    listed, and "Mark selected present" only the ticked ones. Before the day the event starts
    the list says from when attendance can be recorded, without the form."""
    event = _selected_event(request)
    if request.method == "POST":
        event = _selected_event(request, request.POST)
        if event is None:
            raise Http404
        ticked = {pk for pk in map(as_id, request.POST.getlist("attended")) if pk is not None}
        shown = set(ticked)  # a ticked person is always one the form listed
        if request.POST.get("action") != "present":
            shown.update(pk for pk in map(as_id, request.POST.getlist("shown")) if pk is not None)
        try:
            count = services.record_attendance(event, by=request.user, attended=ticked, shown=shown)
        except QuorumError as error:
            messages.error(request, error.text)
        else:
            messages.success(
                request, _("Attendance recorded for %(count)s people.") % {"count": count}
            )
        query = request.GET.copy()
        query["event"] = event.pk
        return redirect(f"{reverse('event_attendance:index')}?{query.urlencode()}")
    page = None
    status = request.GET.get("status", "")
    translated = TranslatedEvents([event] if event else [])
    if event:
        registrations = _confirmed(event, request).select_related("person", "option", "attendance")
        if status == "present":
            registrations = registrations.filter(attendance__attended=True)
        elif status == "absent":
            registrations = registrations.filter(attendance__attended=False)
        elif status == "unrecorded":
            registrations = registrations.filter(attendance__isnull=True)
        page = paginate(request, registrations, per_page=STAFF_PAGE_SIZE)
        for registration in _named(list(page), event, translated):
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
            "not_open": services.attendance_refusal(event) if event else None,
            "status": status,
            "statuses": [
                ("", _("Everyone")),
                ("present", _("Present")),
                ("absent", _("Absent")),
                ("unrecorded", _("Not recorded yet")),
            ],
            **_filters(request, event, translated),
        },
    )


@permission_required("events.decide_cancellation", raise_exception=True)
def cancellation_queue(request):
    # Each event titled in the staff member's language (`shown_title`), in the rows' query.
    pending = (
        CancellationRequest.objects.filter(status=CancellationStatus.PENDING)
        .select_related("registration__person", "registration__event", "registration__invoice")
        .annotate(shown_title=title_in(event="registration__event"))
    )
    decided = (
        CancellationRequest.objects.exclude(status=CancellationStatus.PENDING)
        .select_related("registration__person", "registration__event", "decided_by")
        .annotate(shown_title=title_in(event="registration__event"))
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
    decision = request.POST.get("decision")
    if decision not in ("approve", "reject"):  # only the screen's two buttons decide
        return HttpResponseBadRequest()
    try:
        if decision == "approve":
            services.approve_cancellation(cancellation, by=request.user)
            messages.success(request, _("The registration is cancelled and its invoice credited."))
        else:
            services.reject_cancellation(cancellation, by=request.user)
            messages.success(request, _("The request is rejected."))
    except QuorumError as error:
        messages.error(request, error.text)
    return redirect("event_cancellations:index")


# --- Check-in at the door -----------------------------------------------------------------

CHECKIN_OUTCOME = "events_checkin_outcome"
# The page asks for the camera (to scan badges) on this origin only; every other page of the
# site keeps the camera off (settings.PERMISSIONS_POLICY).
CHECKIN_PERMISSIONS_POLICY = settings.PERMISSIONS_POLICY.replace("camera=()", "camera=(self)")


@permission_required("events.record_attendance", raise_exception=True)
def checkin_events(request):
    """Pick the event: the ones under way or to come first, then the others in the picker."""
    event = _selected_event(request)
    if event:
        return redirect("event_checkin:event", event_id=event.pk)
    since = timezone.now() - datetime.timedelta(days=1)
    current = _events().filter(end__gte=since).order_by("start")[:10]
    return render(
        request,
        "events/admin/checkin_events.html",
        {"events": _events(), "current": current, "event": None},
    )


def _outcome_text(result):
    person = result.registration.person
    name = str(person)
    if not result.already:
        return elide(_("%(name)s is checked in.") % {"name": name})
    attendance = result.attendance
    by = attendance.recorded_by
    return elide(
        _("%(name)s was already checked in at %(time)s by %(by)s.")
        % {
            "name": name,
            "time": time_format(timezone.localtime(attendance.recorded_at)),
            "by": str(by) if by else _("someone"),
        }
    )


@permission_required("events.record_attendance", raise_exception=True)
def checkin(request, event_id):
    """The check-in screen of one event: search by ticket code or name, mark present or undo.
    The outcome of the last action is announced in a live region (kept in the session across
    the redirect)."""
    event = get_object_or_404(_events(), pk=event_id)
    url = reverse("event_checkin:event", args=[event.pk])
    if request.method == "POST":
        query = request.POST.get("q", "")
        registration = get_object_or_404(
            Registration, pk=as_id(request.POST.get("registration")) or 0
        )
        name = str(registration.person)
        try:
            if request.POST.get("action") == "undo":
                checkin_service.undo_check_in(registration, event=event, by=request.user)
                outcome = ("info", elide(_("%(name)s is marked absent.") % {"name": name}))
            else:
                result = checkin_service.check_in(registration, event=event, by=request.user)
                outcome = ("warning" if result.already else "success", _outcome_text(result))
        except QuorumError as error:
            outcome = ("error", error.text)
        request.session[CHECKIN_OUTCOME] = [outcome[0], str(outcome[1])]
        return redirect(f"{url}?{urlencode({'q': query})}" if query else url)
    query = request.GET.get("q", "")[:100]
    lookup = checkin_service.find_for_checkin(event, query)
    # Titles and option labels in the staff member's language (a ticket may be for another
    # event: the refusal names it).
    for registration in lookup.registrations:
        if registration.event_id == event.pk:
            registration.event = event  # the screen's own, without a query
    translated = TranslatedEvents({r.event for r in lookup.registrations})
    not_open = services.attendance_refusal(event)
    not_open_code = not_open.code if not_open else None
    cards = []
    for registration in with_pages(lookup.registrations, translated):
        attendance = getattr(registration, "attendance", None)
        recorder = attendance.recorded_by if attendance else None
        refusal = checkin_service.refusal(registration, event)
        for companion in registration.confirmed_companions:
            companion.shown_option = translated.option_label(companion.option, registration.event)
        cards.append(
            {
                "registration": registration,
                "name": str(registration.person),
                "organization": registration.person.current_organization,
                "attendance": attendance if attendance and attendance.attended else None,
                # None when recorded by the system (the demo) or by a deleted account.
                "recorded_by": str(recorder) if recorder else "",
                "can_record": refusal is None,
                # A coming event's refusal heads the screen: each card does not repeat it.
                "refusal": refusal.text if refusal and refusal.code != not_open_code else "",
                "companions": registration.confirmed_companions,
            }
        )
    # A scanned or typed code of someone still to check in: the button is ready for Enter.
    ready = (
        lookup.by_code and len(cards) == 1 and cards[0]["can_record"] and not cards[0]["attendance"]
    )
    level, text = request.session.pop(CHECKIN_OUTCOME, [None, ""])
    response = render(
        request,
        "events/admin/checkin.html",
        {
            "event": event,
            "not_open": not_open,
            "query": query,
            "lookup": lookup,
            "cards": cards,
            "ready": ready,
            "outcome_level": level,
            "outcome": text,
            "header_icon": "tick-inverse",
        },
    )
    response["Permissions-Policy"] = CHECKIN_PERMISSIONS_POLICY
    return response
