from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.db.models.functions import ExtractYear
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.models import Locale

from home.errors import NotFound, QuorumError
from home.formatting import format_money
from home.ids import as_id
from home.links import current_language
from home.ordering import name_order
from home.pagination import paginate
from home.pdf import pdf_download, render_pdf
from home.text import every_word
from invoices.pdf import format_rate
from members.services import colleagues_for_delegate, delegate_organizations, is_delegate

from . import delegates, services
from .badges import badge_filename, badge_language, badge_pdf
from .documents import event_documents, source_documents
from .forms import CancellationForm, ColleagueSearchForm, CompanionForm, RegistrationForm
from .models import (
    CancellationRequest,
    CancellationStatus,
    Companion,
    EventKind,
    EventPage,
    Registration,
    RegistrationStatus,
    TrainingProgram,
    WaitingListEntry,
    WaitingStatus,
)
from .questions import answer_rows
from .translations import TranslatedEvents, with_pages


def event_ics(request, translation_key):
    events = EventPage.objects.live().public().filter(translation_key=translation_key)
    event = events.filter(locale=Locale.get_active()).first() or get_object_or_404(events[:1])
    response = HttpResponse(event.ics(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


# ---------------------------------------------------------------------------------------------
# Helpers


def _page_for_key(key):
    """The live event page with this translation key in the current language."""
    pages = EventPage.objects.live().filter(translation_key=key)
    page = pages.filter(locale=Locale.get_active()).first() or pages.first()
    if page is None:
        raise Http404
    return page


def _localized(event):
    return event.localized_for(current_language())


def _person(request, person_id):
    """The person to act for: oneself, or a colleague of the delegate's organizations (404)."""
    if person_id is None or person_id == request.user.pk:
        return request.user
    return get_object_or_404(colleagues_for_delegate(request.user), pk=person_id)


def _draft_key(page, person):
    return f"events_draft_{page.translation_key}_{person.pk}"


def _event_urls(page, person, user):
    kwargs = {"key": page.translation_key}
    if person.pk != user.pk:
        kwargs["person_id"] = person.pk
        return (
            reverse("events:register_for", kwargs=kwargs),
            reverse("events:review_for", kwargs=kwargs),
        )
    return reverse("events:register", kwargs=kwargs), reverse("events:review", kwargs=kwargs)


def _back_url(page, person, user):
    if person.pk != user.pk:
        return reverse("events:group", kwargs={"key": page.translation_key})
    return page.url


def _refused_once_closed(request, registration, check):
    """Back to the registration, saying why, once `check` (services.check_changeable or
    check_cancellable) refuses: cancelled (an e-mail's link, the back button), the event
    started, past the deadline (None before)."""
    try:
        check(registration)
    except QuorumError as error:
        messages.error(request, error.text)
        return redirect("events:registration", pk=registration.pk)
    return None


# ---------------------------------------------------------------------------------------------
# Registration: form, review, confirm


@login_required
def register(request, key, person_id=None):
    page = _page_for_key(key)
    person = _person(request, person_id)
    form_url, review_url = _event_urls(page, person, request.user)
    sees = person.pk == request.user.pk
    existing = Registration.objects.filter(
        event=page.source, person=person, status=RegistrationStatus.CONFIRMED
    ).first()
    if existing:
        messages.info(request, _("This person is already registered to this event."))
        return redirect("events:registration", pk=existing.pk)
    if not page.source.registration_is_open():
        messages.error(request, _("Registration for this event is closed."))
        return redirect(_back_url(page, person, request.user))
    draft = request.session.get(_draft_key(page, person))
    if request.method == "POST":
        form = RegistrationForm(request.POST, page=page, person=person, sees_sensitive=sees)
        if form.is_valid():
            data = {k: request.POST.getlist(k) for k in request.POST if k != "csrfmiddlewaretoken"}
            request.session[_draft_key(page, person)] = data
            return redirect(review_url)
    elif draft:
        form = RegistrationForm(_querydict(draft), page=page, person=person, sees_sensitive=sees)
    else:
        form = RegistrationForm(page=page, person=person, sees_sensitive=sees)
    return render(
        request,
        "events/register_form.html",
        {
            "page": page,
            "event": page,
            "person": person,
            "for_colleague": not sees,
            "form": form,
            "form_url": form_url,
            "seats_left": services.seats_left(page),
            "back_url": _back_url(page, person, request.user),
        },
    )


def _querydict(data):
    query = QueryDict(mutable=True)
    for name, values in data.items():
        query.setlist(name, values)
    return query


@login_required
def review(request, key, person_id=None):
    page = _page_for_key(key)
    person = _person(request, person_id)
    form_url, review_url = _event_urls(page, person, request.user)
    sees = person.pk == request.user.pk
    draft = request.session.get(_draft_key(page, person))
    if not draft:
        return redirect(form_url)
    form = RegistrationForm(_querydict(draft), page=page, person=person, sees_sensitive=sees)
    if not form.is_valid():
        return redirect(form_url)
    option = form.cleaned_data["option"]
    full = False
    promo_code = request.POST.get("promo_code", "").strip()[:40]
    applied_code = ""  # the code the price lines show, once it was checked
    if request.method == "POST" and request.POST.get("apply_promo"):
        try:
            discount = services.promo_discount(page, person, option=option, code=promo_code)
        except QuorumError as error:
            messages.error(request, error.text)
        else:
            applied_code = promo_code
            messages.success(
                request,
                _("The promo code “%(code)s” takes %(amount)s off the price, before taxes.")
                % {"code": promo_code, "amount": format_money(discount, current_language())},
            )
    elif request.method == "POST":
        try:
            if request.POST.get("waiting_list"):
                services.join_waiting_list(
                    page, person, by=request.user, option=option, answers=form.answers()
                )
                request.session.pop(_draft_key(page, person), None)
                if sees:
                    text = _(
                        "You are on the waiting list. If a seat frees up, an e-mail will offer "
                        "it for a limited time."
                    )
                else:  # a delegate's colleague: they are on the list, and get the e-mail
                    text = _(
                        "%(name)s is on the waiting list. If a seat frees up, an e-mail will "
                        "offer it to them for a limited time."
                    ) % {"name": person.get_full_name() or person.username}
                messages.success(request, text)
                return redirect(_back_url(page, person, request.user))
            registration = services.register(
                page,
                person,
                by=request.user,
                option=option,
                answers=form.answers(),
                promo_code=promo_code,
            )
        except QuorumError as error:
            full = error.code == "full"
            if not full:  # the page then says it is full, and offers the waiting list
                messages.error(request, error.text)
        else:
            request.session.pop(_draft_key(page, person), None)
            messages.success(request, _("The registration is confirmed."))
            return redirect("events:registration", pk=registration.pk)
    rows = answer_rows(form.answers(), page.source, page, include_sensitive=sees)
    return render(
        request,
        "events/register_review.html",
        {
            "page": page,
            "event": page,
            "person": person,
            "for_colleague": not sees,
            "option": option,
            "preview": services.registration_preview(page, option, person, promo_code=applied_code),
            "gst_rate": format_rate(settings.GST_RATE, current_language()),
            "qst_rate": format_rate(settings.QST_RATE, current_language()),
            "promo_code": promo_code,
            "rows": rows,
            "form_url": form_url,
            "review_url": review_url,
            "full": full or services.seats_left(page) == 0,
        },
    )


@login_required
def registration_detail(request, pk):
    registration = services.get_registration_for(request.user, pk)
    page = _localized(registration.event)
    sees = registration.person_id == request.user.pk
    return render(
        request,
        "events/registration_detail.html",
        {
            "registration": registration,
            "event": page,
            "option": page.option_in(registration.option),
            "rows": registration.answer_rows(include_sensitive=sees, page=page),
            "companions": registration.companions.select_related("invoice"),
            "can_change": services.can_change(registration),
            "can_cancel": services.offers_cancellation(registration),
            "has_companion_option": bool(services.companion_options(registration.event)),
            "documents": event_documents(registration.event)
            if sees and registration.is_confirmed
            else [],
            "pending_cancellation": registration.cancellation_requests.filter(
                status=CancellationStatus.PENDING
            ).first(),
            "invoices_url": reverse("invoices:list"),
        },
    )


@login_required
def badge(request, pk):
    """The badge (PDF) of a confirmed registration, in the person's language, for the person
    or their delegate (404 for anyone else, and once the registration is cancelled)."""
    registration = services.get_registration_for(request.user, pk)
    if not registration.is_confirmed:
        raise Http404
    language = badge_language(registration)
    return pdf_download(badge_pdf(registration, language), badge_filename(registration, language))


@login_required
def change(request, pk):
    registration = services.get_registration_for(request.user, pk)
    page = _localized(registration.event)
    person = registration.person
    sees = person.pk == request.user.pk
    if refused := _refused_once_closed(request, registration, services.check_changeable):
        return refused
    option = page.option_in(registration.option)
    if request.method == "POST":
        form = RegistrationForm(
            request.POST, page=page, person=person, sees_sensitive=sees, stored=registration.answers
        )
        if form.is_valid():
            try:
                services.change_registration(
                    registration,
                    by=request.user,
                    option=form.cleaned_data["option"],
                    answers=form.answers(),
                )
            except QuorumError as error:
                messages.error(request, error.text)
            else:
                messages.success(request, _("The registration has been changed."))
                return redirect("events:registration", pk=pk)
    else:
        form = RegistrationForm(
            page=page,
            person=person,
            sees_sensitive=sees,
            stored=registration.answers,
            initial={"option": option},
        )
    return render(
        request,
        "events/register_form.html",
        {
            "page": page,
            "event": page,
            "person": person,
            "for_colleague": not sees,
            "form": form,
            "form_url": reverse("events:change", kwargs={"pk": pk}),
            "changing": True,
            "back_url": reverse("events:registration", kwargs={"pk": pk}),
        },
    )


@login_required
def cancel(request, pk):
    registration = services.get_registration_for(request.user, pk)
    page = _localized(registration.event)
    if refused := _refused_once_closed(request, registration, services.check_cancellable):
        return refused
    deadline = services.cancellation_deadline(registration.event)
    too_late = timezone.now() > deadline
    form = CancellationForm(request.POST or None)
    if request.method == "POST" and not too_late and form.is_valid():
        try:
            services.request_cancellation(
                registration, by=request.user, reason=form.cleaned_data["reason"]
            )
        except QuorumError as error:
            if error.code == "deadline_passed":
                too_late = True
            else:
                messages.error(request, error.text)
        else:
            messages.success(
                request,
                _("Your cancellation request was sent. You will receive an answer by e-mail."),
            )
            return redirect("events:registration", pk=pk)
    return render(
        request,
        "events/cancel.html",
        {
            "registration": registration,
            "event": page,
            "form": form,
            "too_late": too_late,
            "deadline": deadline,
            "contact": services.contact_details(),
            "pending": registration.cancellation_requests.filter(
                status=CancellationStatus.PENDING
            ).first(),
        },
    )


@login_required
def companion(request, pk):
    registration = services.get_registration_for(request.user, pk)
    page = _localized(registration.event)
    if refused := _refused_once_closed(request, registration, services.check_changeable):
        return refused
    form = CompanionForm(request.POST or None, page=page, person=registration.person)
    if not form.fields["option"].queryset.exists():
        raise Http404
    if registration.person_id != request.user.pk:
        done_url = reverse("events:group", kwargs={"key": page.translation_key})
    else:
        done_url = reverse("events:registration", kwargs={"pk": pk})
    if request.method == "POST" and form.is_valid():
        try:
            added = services.add_companion(
                registration,
                by=request.user,
                name=form.cleaned_data["name"],
                dietary_needs=form.cleaned_data["dietary_needs"],
                option=form.cleaned_data["option"],
            )
        except QuorumError as error:
            if error.code == "companion_exists":  # sent twice: the first one registered them
                messages.info(request, error.text)
                return redirect(done_url)
            messages.error(request, error.text)
        else:
            messages.success(
                request,
                _("The companion is registered. Invoice %(number)s is payable by card only.")
                % {"number": added.invoice.number},
            )
            return redirect(done_url)
    return render(
        request,
        "events/companion_form.html",
        {"registration": registration, "event": page, "form": form},
    )


@login_required
def document(request, pk, index):
    registration = get_object_or_404(
        Registration, pk=pk, person=request.user, status=RegistrationStatus.CONFIRMED
    )
    documents = event_documents(registration.event)
    if index >= len(documents):
        raise Http404
    doc = documents[index]
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=doc.filename)


# ---------------------------------------------------------------------------------------------
# Waiting list offers


@login_required
def offer(request, token):
    try:
        entry, registration = services.seat_offer(token, by=request.user)
    except NotFound:
        raise Http404 from None
    if registration is not None:
        # Sent twice (a double click), or the e-mail's link opened again: the seat is theirs.
        messages.info(request, _("This person is already registered to this event."))
        return redirect("events:registration", pk=registration.pk)
    if request.method == "POST":
        try:
            registration = services.accept_offer(token, by=request.user)
        except NotFound:
            # Taken meanwhile (the form sent twice at once): the page says what became of it.
            return redirect("events:offer", token=token)
        except QuorumError as error:
            messages.error(request, error.text)
        else:
            messages.success(request, _("The registration is confirmed."))
            return redirect("events:registration", pk=registration.pk)
    return render(request, "events/offer.html", {"entry": entry, "event": _localized(entry.event)})


# ---------------------------------------------------------------------------------------------
# Delegate


def _option_labels(page):
    return {o.translation_key: o.label for o in page.options.all()}


@login_required
def group(request, key):
    if not is_delegate(request.user):
        raise Http404
    page = _page_for_key(key)
    event = page.source
    colleagues = colleagues_for_delegate(request.user)
    if request.GET.get("person"):
        try:
            person_id = int(request.GET["person"])
        except ValueError as error:
            raise Http404 from error
        person = get_object_or_404(colleagues, pk=person_id)
        return redirect("events:register_for", key=key, person_id=person.pk)
    search = ColleagueSearchForm(request.GET or None)
    query = search.data.get("q", "").strip() if search.is_bound else ""
    if query:
        # Words of the name, without regard to accents or case ("Helene" finds "Hélène").
        colleagues = colleagues.filter(
            every_word("directory_search", query) | Q(username__iexact=query)
        )
    # The colleagues' ids as a list (a few hundred): with a subquery, PostgreSQL walks every
    # registration in name order to find the first 25 of this event.
    people = [*colleagues_for_delegate(request.user).values_list("pk", flat=True), request.user.pk]
    registrations = Registration.objects.filter(person__in=people, event=event)
    name = request.GET.get("name", "").strip()[:100]
    registrations = registrations.filter(every_word("person__directory_search", name))
    registrations = paginate(
        request,
        registrations.select_related("person", "option", "invoice")
        .prefetch_related(
            Prefetch("companions", queryset=Companion.objects.select_related("invoice"))
        )
        .order_by(*name_order("person__"), "-created_at", "pk"),
    )
    # Colleagues waiting for a seat (the delegate accepts an offered one for them here).
    waiting = WaitingListEntry.objects.filter(
        event=event, person__in=people, status__in=[WaitingStatus.WAITING, WaitingStatus.OFFERED]
    ).select_related("person")
    labels = _option_labels(page)
    for registration in registrations:
        registration.shown_option = labels.get(
            registration.option.translation_key, registration.option.label
        )
    return render(
        request,
        "events/group.html",
        {
            "page": page,
            "event": page,
            "colleagues": list(colleagues),
            "search": search,
            "query": query,
            "name": name,
            "registrations": registrations,
            "waiting": list(waiting),
            "registration_open": event.registration_is_open(),
            "seats_left": services.seats_left(event),
            "account_request_url": reverse("members:account_request"),
            "invoices_url": reverse("invoices:list"),
            "has_companion_option": any(o.is_companion for o in page.options.all()),
            "can_change": not services.has_started(event)
            and timezone.now() <= services.modification_deadline(event),
        },
    )


@login_required
def delegate_dashboard(request):
    """Per upcoming event, how many of the delegate's organizations are registered and what is
    due (404 for anyone who is not a delegate); below, the people themselves, filtered by event
    and name, a page at a time."""
    registrations = delegates.upcoming_registrations(request.user)
    events = delegates.dues_by_event(registrations)
    translated = TranslatedEvents(dues.event for dues in events)
    for dues in events:
        dues.page = translated.page(dues.event)
    chosen = request.GET.get("event", "")
    name = request.GET.get("name", "").strip()[:100]
    registrations, count = delegates.matching(
        registrations, events, event_id=as_id(chosen), name=name
    )
    page = paginate(request, delegates.for_the_page(registrations), count=count)
    rows = with_pages(delegates.with_dues(page, (dues.event for dues in events)), translated)
    sections = []
    for registration in rows:
        if not sections or sections[-1]["event_id"] != registration.event_id:
            sections.append(
                {"event_id": registration.event_id, "event": registration.page, "registrations": []}
            )
        sections[-1]["registrations"].append(registration)
    return render(
        request,
        "events/delegate_dashboard.html",
        {
            "events": events,
            "sections": sections,
            "page": page,
            "chosen": chosen,
            "name": name,
            "organizations": list(delegate_organizations(request.user)),
            "invoices_url": reverse("invoices:list"),
        },
    )


# ---------------------------------------------------------------------------------------------
# Member area


@login_required
def my_events(request):
    """Upcoming registrations in full; completed ones by year, searchable by title, a page at
    a time."""
    now = timezone.now()
    mine = Registration.objects.filter(person=request.user).select_related(
        "event", "option", "invoice", "attendance"
    )
    upcoming = list(mine.filter(event__end__gte=now).order_by("event__start", "pk"))
    completed = mine.filter(event__end__lt=now)
    years = list(
        completed.annotate(year=ExtractYear("event__start"))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    year = request.GET.get("year", "")
    if (chosen_year := as_id(year)) in years:  # one the list offers (year 0 or 10000: a 500)
        completed = completed.filter(event__start__year=chosen_year)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        # The title as read: in the reader's language, or the French one when untranslated.
        titles = EventPage.objects.filter(
            Q(locale=Locale.get_active()) | Q(locale=Locale.get_default()), title__icontains=query
        )
        completed = completed.filter(event__translation_key__in=titles.values("translation_key"))
    page = paginate(request, completed.order_by("-event__start", "-pk"))
    registrations = with_pages(upcoming + list(page))
    pending = set(
        CancellationRequest.objects.filter(
            registration__in=[r.pk for r in registrations], status=CancellationStatus.PENDING
        ).values_list("registration_id", flat=True)
    )
    for registration in registrations:
        # Only what can still be done: nothing once the event has started.
        registration.can_change = services.can_change(registration, now)
        registration.can_cancel = (
            services.offers_cancellation(registration, now) and registration.pk not in pending
        )
    waiting = list(
        WaitingListEntry.objects.filter(
            person=request.user, status__in=[WaitingStatus.WAITING, WaitingStatus.OFFERED]
        ).select_related("event")
    )
    for entry in waiting:
        entry.page = _localized(entry.event)  # the title in the reader's language
    delegate_events = []
    if is_delegate(request.user):
        delegate_events = [
            _localized(e)
            for e in EventPage.objects.live()
            .filter(locale=Locale.get_default(), end__gte=now)
            .order_by("start")
            if e.registration_is_open()
        ]
    return render(
        request,
        "events/my_events.html",
        {
            "upcoming": upcoming,
            "completed": page,
            "years": years,
            "year": year,
            "query": query,
            "waiting": waiting,
            "delegate_events": delegate_events,
            "invoices_url": reverse("invoices:list"),
        },
    )


@login_required
def my_trainings(request):
    """Every training the person registered to, by programme. Only what the page shows is
    read: a busy member has hundreds of trainings, and whole event pages (their questions and
    descriptions) cost more to load than the page takes to draw."""
    registrations = list(
        Registration.objects.filter(person=request.user, event__kind=EventKind.TRAINING)
        .select_related("event", "event__program", "attendance")
        .only(
            "status",
            "event__title",
            "event__start",
            "event__end",
            "event__credits",
            "event__translation_key",
            "event__documents",
            "event__program__translation_key",
            "attendance__attended",
        )
        .order_by("event__start", "pk")
    )
    # The titles in the reader's language (the French one where a page is not translated).
    titles = dict(
        EventPage.objects.filter(
            translation_key__in={r.event.translation_key for r in registrations},
            locale=Locale.get_active(),
        ).values_list("translation_key", "title")
    )
    for registration in registrations:
        registration.title = titles.get(registration.event.translation_key, "")
        # A registration is stored against the source page: no lookup of it per row.
        registration.documents = (
            source_documents(registration.event) if registration.is_confirmed else []
        )
        attendance = getattr(registration, "attendance", None)
        registration.attended = bool(attendance and attendance.attended)
    programs = []
    grouped = set()
    for program in TrainingProgram.objects.filter(locale=Locale.get_active()):
        items = [
            r
            for r in registrations
            if r.event.program and r.event.program.translation_key == program.translation_key
        ]
        grouped.update(r.pk for r in items)
        programs.append({"code": program.slug, "label": program.name, "registrations": items})
    others = [r for r in registrations if r.pk not in grouped]
    if others:
        programs.append({"code": "other", "label": _("Other trainings"), "registrations": others})
    return render(
        request, "events/my_trainings.html", {"programs": programs, "now": timezone.now()}
    )


@login_required
def attendance_pdf(request, pk):
    registration = get_object_or_404(
        Registration.objects.select_related("event", "person", "attendance"),
        pk=pk,
        person=request.user,
        attendance__attended=True,
    )
    language = request.user.language or current_language()
    with translation.override(language):
        filename = _("attendance-confirmation") + f"-{registration.pk}.pdf"
    pdf = render_pdf(
        "events/attendance_pdf.html",
        {
            "registration": registration,
            "event": registration.event.localized_for(language),
            "person": registration.person,
            "today": timezone.localdate(),
        },
        language=language,
    )
    return pdf_download(pdf, filename)
