import datetime
from decimal import Decimal

import icalendar
from rest_framework.fields import Field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.audit import record
from home.fields import bounded_text
from home.links import locale_id
from home.requests import DecidedRequest, RequestStatus
from invoices.models import MAX_AMOUNT, MAX_UNIT_PRICE

from .blocks import QuestionStreamBlock
from .documents import ParticipantDocumentChooserBlock

MAX_PRICE = MAX_UNIT_PRICE  # a price an invoice line can hold


class EventKind(models.TextChoices):
    CONGRESS = "congress", _("Congress")
    SEMINAR = "seminar", _("Seminar")
    TECHDAY = "techday", _("Technology day")
    TRAINING = "training", _("Training")


class TrainingProgram(TranslatableMixin, models.Model):
    """A training programme (e.g. the regular programme, the study programme), managed and
    translated by editors. `slug` is the same in every language: the event list filters by it
    (`?program=regular`)."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=50, help_text=_("Used in addresses; the same in every language.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["pk"]
        verbose_name = _("training program")
        verbose_name_plural = _("training programs")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="unique_program_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name


class ProgramSlugField(Field):
    """The API shows a training's programme by its slug, as it did before programmes were
    snippets."""

    def to_representation(self, value):
        return value.slug if value else ""


class EventIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("event index")

    def route(self, request, path_components):
        """Its children are events: one query finds the event page itself (Wagtail's own
        routing asks for the generic page, then for its specific page)."""
        if path_components:
            subpage = EventPage.objects.child_of(self).filter(slug=path_components[0]).first()
            if subpage is not None:
                subpage._cached_parent_obj = self
                return subpage.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = (
            EventPage.objects.live()
            .public()
            .child_of(self)
            .select_related("program")
            .order_by("start")
        )
        kind = request.GET.get("kind", "")
        program = request.GET.get("program", "")
        programs = TrainingProgram.objects.filter(locale=Locale.get_active())
        if kind in EventKind.values:
            events = events.filter(kind=kind)
        if program and any(p.slug == program for p in programs):
            events = events.filter(program__slug=program)
        now = timezone.now()
        context.update(
            upcoming=[e for e in events if e.end >= now],
            past=sorted((e for e in events if e.end < now), key=lambda e: e.start, reverse=True),
            kinds=EventKind.choices,
            programs=[(p.slug, p.name) for p in programs],
            selected_kind=kind,
            selected_program=program,
        )
        return context


def option_in_use(option: "EventOption") -> bool:
    """Whether registrations, companions, the waiting list or a promo code refer to `option`:
    they keep it, so the page cannot lose it (the one rule for the editor and every way a page
    is published)."""
    try:
        Collector(using=DEFAULT_DB_ALIAS).collect([option])
    except (ProtectedError, RestrictedError):
        return True
    return False


class EventPageForm(WagtailAdminPageForm):
    """The page editor refuses to remove an option that registrations, companions, the waiting
    list or a promo code refer to (they keep it), instead of failing when the page is
    published. A draft or a revision saved before it refused that, which leaves such an option
    out, shows the option again: the page keeps it whatever publishes it (`EventPage.save`)."""

    def __init__(self, *args, **kwargs):
        page = kwargs.get("instance")
        if page is not None:
            page.keep_options_in_use()
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("options")
        for form in formset.deleted_forms if formset is not None else []:
            option = form.instance
            if option.pk is not None and option_in_use(option):
                self.add_error(
                    None,
                    _(
                        "The option “%(label)s” cannot be removed: registrations or promo codes "
                        "refer to it."
                    )
                    % {"label": option.label},
                )
        return cleaned_data


class EventPage(Page):
    base_form_class = EventPageForm
    kind = models.CharField(
        _("kind"), max_length=20, choices=EventKind.choices, default=EventKind.TRAINING
    )
    program = models.ForeignKey(
        TrainingProgram,
        verbose_name=_("training program"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Trainings only."),
    )
    intro = bounded_text(_("introduction"), 1000, blank=True)
    description = RichTextField(_("description"), blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    modification_deadline = models.DateTimeField(_("modification deadline"), null=True, blank=True)
    cancellation_deadline = models.DateTimeField(_("cancellation deadline"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    credits = models.DecimalField(
        _("credits"),
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("Trainings only."),
    )
    questions = StreamField(
        QuestionStreamBlock(), blank=True, verbose_name=_("registration questions")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Shown at the top of the page and on the home page's card."),
    )
    image_alt = models.CharField(
        _("image description (alternative text)"),
        max_length=250,
        blank=True,
        default="",
        db_default="",
        help_text=_(
            "What the image shows, for people who cannot see it. Required with an image; "
            "translated with the page."
        ),
    )
    documents = StreamField(
        [("document", ParticipantDocumentChooserBlock(label=_("document")))],
        blank=True,
        verbose_name=_("documents for registered participants"),
        help_text=_(
            "Shown only to registered participants, in both languages, through a checked link. "
            "Uploads go to the restricted collection “Documents des inscrits”."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("program")]),
        FieldPanel("intro"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("place")],
            heading=_("When and where"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("registration_opens"), FieldPanel("registration_closes")]
                ),
                FieldRowPanel(
                    [FieldPanel("modification_deadline"), FieldPanel("cancellation_deadline")]
                ),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("credits")]),
            ],
            heading=_("Registration"),
        ),
        InlinePanel("options", label=_("Options"), min_num=1),
        FieldPanel("questions"),
        FieldPanel("documents"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("start"),
    ]
    api_fields = [
        APIField("kind"),
        APIField("program", serializer=ProgramSlugField()),
        APIField("intro"),
        APIField("description"),
        APIField("start"),
        APIField("end"),
        APIField("place"),
        APIField("registration_opens"),
        APIField("registration_closes"),
        APIField("modification_deadline"),
        APIField("cancellation_deadline"),
        APIField("capacity"),
        APIField("credits"),
        APIField("options"),
        APIField("questions"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    # The same documents in both languages: wagtail-localize copies the field on every
    # synchronisation instead of offering it for translation.
    override_translatable_fields = [SynchronizedField("documents", overridable=False)]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end date comes before the start date.")})
        opens, closes = self.registration_opens, self.registration_closes
        if opens and closes and closes < opens:
            raise ValidationError(
                {"registration_closes": _("Registration cannot close before it opens.")}
            )
        self.image_alt = (self.image_alt or "").strip()
        if self.image_id and not self.image_alt:
            raise ValidationError(
                {"image_alt": _("Describe the image for people who cannot see it.")}
            )

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        kept = []
        if update_fields is None or "options" in update_fields:
            kept = self.keep_options_in_use()
        result = super().save(*args, **kwargs)
        for option in kept:
            record(self, "events.option_kept", data={"option": option.label})
        return result

    def keep_options_in_use(self) -> list["EventOption"]:
        """Puts back, among the options this page is about to save (a draft's, a revision's,
        the editor's), those of its saved options that records keep (`option_in_use`) and that
        they leave out: publishing a draft saved before the editor refused their removal, an
        older revision, a workflow's approval, the page listing's bulk "Publish" or scheduled
        publishing keeps them instead of failing. Returns the options put back."""
        options = getattr(self, "_cluster_related_objects", {}).get("options")
        if self.pk is None or options is None:
            return []
        present = [o.pk for o in options if o.pk is not None]
        kept = [
            o
            for o in EventOption.objects.filter(page_id=self.pk).exclude(pk__in=present)
            if option_in_use(o)
        ]
        if kept:
            self.options = [*options, *kept]
        return kept

    @cached_property
    def source(self):
        """The French (source) page, against which registrations are stored (found once per
        object: a screen asks for it once per row)."""
        if self.locale_id == locale_id(settings.LANGUAGE_CODE):
            return self
        return (
            EventPage.objects.filter(
                translation_key=self.translation_key,
                locale__language_code=settings.LANGUAGE_CODE,
            ).first()
            or self
        )

    @property
    def program_name(self):
        """The training programme's name in the page's language (no query when the programme
        chosen is already that language's, as editors and the demo set it)."""
        program = self.program
        if program is None:
            return ""
        if program.locale_id != self.locale_id:
            program = program.get_translation_or_none(self.locale_id) or program
        return program.name

    def localized_for(self, language):
        """This event's page in `language`, or itself when it has no such translation."""
        if self.locale.language_code == language:
            return self
        return (
            EventPage.objects.filter(
                translation_key=self.translation_key, locale__language_code=language
            ).first()
            or self
        )

    def option_in(self, option):
        """The option of this page that translates `option` (shares its translation key)."""
        return next(
            (o for o in self.options.all() if o.translation_key == option.translation_key), option
        )

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def duration_days(self):
        return (self.end.date() - self.start.date()).days + 1

    def registration_is_open(self, now=None):
        now = now or timezone.now()
        if self.registration_opens and now < self.registration_opens:
            return False
        closes = self.registration_closes or self.start
        return now < closes

    def ics(self):
        """The event as an iCalendar file (RFC 5545: escaped text, folded lines, CRLF)."""
        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//Quorum//Events//FR")
        calendar.add("version", "2.0")
        event = icalendar.Event()
        event.add("uid", f"event-{self.translation_key}@quorum")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", self.start)
        event.add("dtend", self.end)
        event.add("summary", self.title)
        event.add("location", self.place)
        event.add("description", self.intro)
        calendar.add_component(event)
        return calendar.to_ical().decode()


class EventOption(TranslatableMixin, Orderable):
    """A way to attend an event, with its member and non-member prices."""

    page = ParentalKey(
        EventPage, verbose_name=_("page"), on_delete=models.CASCADE, related_name="options"
    )
    label = models.CharField(_("label"), max_length=200)
    member_price = models.DecimalField(
        _("member price"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_PRICE)],
    )
    non_member_price = models.DecimalField(
        _("non-member price"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_PRICE)],
    )
    taxable = models.BooleanField(_("taxable"), default=True)
    is_companion = models.BooleanField(
        _("companion option (gala evening)"),
        default=False,
        help_text=_("Registered for a companion of a participant, after the participant."),
    )
    card_only = models.BooleanField(_("payable by card only"), default=False)
    early_member_price = models.DecimalField(
        _("early-bird member price"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_PRICE)],
    )
    early_non_member_price = models.DecimalField(
        _("early-bird non-member price"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_PRICE)],
    )
    early_until = models.DateField(
        _("early-bird until"),
        null=True,
        blank=True,
        help_text=_("Last day (inclusive) of the early-bird prices."),
    )

    panels = [
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("member_price"), FieldPanel("non_member_price")]),
        FieldRowPanel(
            [
                FieldPanel("early_member_price"),
                FieldPanel("early_non_member_price"),
                FieldPanel("early_until"),
            ],
            heading=_("Early-bird prices"),
        ),
        FieldRowPanel([FieldPanel("taxable"), FieldPanel("is_companion"), FieldPanel("card_only")]),
    ]
    api_fields = [
        APIField("label"),
        APIField("member_price"),
        APIField("non_member_price"),
        APIField("taxable"),
        APIField("is_companion"),
        APIField("card_only"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("option")
        verbose_name_plural = _("options")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(early_member_price__isnull=True)
                    | models.Q(early_member_price__gte=0, early_member_price__lte=MAX_PRICE)
                )
                & (
                    models.Q(early_non_member_price__isnull=True)
                    | models.Q(early_non_member_price__gte=0, early_non_member_price__lte=MAX_PRICE)
                ),
                name="event_option_early_prices_bounded",
            ),
            models.CheckConstraint(
                condition=models.Q(member_price__gte=0, member_price__lte=MAX_PRICE)
                & models.Q(non_member_price__gte=0, non_member_price__lte=MAX_PRICE),
                name="event_option_prices_bounded",
            ),
        ]

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        has_prices = self.early_member_price is not None or self.early_non_member_price is not None
        if has_prices and self.early_until is None:
            raise ValidationError({"early_until": _("Give the last day of the early-bird prices.")})
        if self.early_until is not None and not has_prices:
            raise ValidationError(
                {"early_member_price": _("Give an early-bird price, or clear the date.")}
            )

    def early_bird_on(self, day: datetime.date | None = None) -> bool:
        """Whether the early-bird prices apply on `day` (today in the site's time zone by
        default): until `early_until`, inclusive."""
        if self.early_until is None:
            return False
        return (day or timezone.localdate()) <= self.early_until

    def price_for_status(self, is_member: bool, day: datetime.date | None = None):
        """The member or non-member price on `day`, the early-bird one while it applies."""
        if self.early_bird_on(day):
            early = self.early_member_price if is_member else self.early_non_member_price
            if early is not None:
                return early
        return self.member_price if is_member else self.non_member_price


class EventSeats(models.Model):
    """One row per event (both languages share it through the translation key): the row that
    registrations lock while they count the seats taken."""

    event_key = models.UUIDField(_("event key"), unique=True)

    class Meta:
        verbose_name = _("event seats")
        verbose_name_plural = _("event seats")

    def __str__(self):
        return str(self.event_key)


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    """A person registered to an event. Always stored against the French (source) page and
    option, and shown in either language through their translations."""

    event = models.ForeignKey(
        EventPage, verbose_name=_("event"), on_delete=models.PROTECT, related_name="registrations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    option = models.ForeignKey(
        EventOption, verbose_name=_("option"), on_delete=models.PROTECT, related_name="+"
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
    )
    invoice = models.ForeignKey(
        "invoices.Invoice",
        verbose_name=_("invoice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=models.Q(status=RegistrationStatus.CONFIRMED),
                name="one_confirmed_registration_per_person",
            )
        ]
        # The catering, attendance and delegate lists (an event's confirmed registrations),
        # the member's events, and the staff listing (status filter, newest first).
        indexes = [
            models.Index(fields=["event", "status"], name="registration_event_status"),
            models.Index(fields=["person", "status"], name="registration_person_status"),
            models.Index(fields=["status", "-created_at", "-id"], name="registration_status_new"),
            models.Index(fields=["-created_at", "-id"], name="registration_created"),
        ]
        permissions = [
            ("view_catering", _("Can see the catering list (dietary needs and allergies)")),
            ("record_attendance", _("Can record attendance")),
            ("decide_cancellation", _("Can approve or reject cancellation requests")),
        ]

    def __str__(self):
        # `shown_title`: the event's title in the reader's language, when the query set that
        # read the registration annotated it (events.translations.title_in, the staff screens).
        return f"{self.person} — {getattr(self, 'shown_title', None) or self.event}"

    @property
    def is_confirmed(self):
        return self.status == RegistrationStatus.CONFIRMED

    def answer_rows(self, *, include_sensitive, page=None):
        """(question, answer) pairs in the language of `page` (a translation of the event)."""
        from .questions import answer_rows

        return answer_rows(self.answers, self.event, page, include_sensitive=include_sensitive)

    def answers_text(self, page=None):
        """The non-sensitive answers on one line, in the language of `page`."""
        rows = self.answer_rows(include_sensitive=False, page=page)
        return " | ".join(f"{q}: {a}" for q, a in rows if a)

    answers_text.short_description = _("answers")

    @property
    def person_name(self):
        return str(self.person)

    @property
    def person_email(self):
        return self.person.email or ""

    @property
    def organization_name(self):
        organization = self.person.current_organization
        return organization.name if organization else ""

    @property
    def option_label(self):
        return self.option.label

    @property
    def invoice_number(self):
        return self.invoice.number if self.invoice_id else ""


class Companion(models.Model):
    """A companion to the gala evening, tied to a participant's registration; paid by card."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.PROTECT,
        related_name="companions",
    )
    name = models.CharField(_("companion's name"), max_length=200)
    dietary_needs = models.CharField(_("dietary needs or allergies"), max_length=255, blank=True)
    option = models.ForeignKey(
        EventOption, verbose_name=_("option"), on_delete=models.PROTECT, related_name="+"
    )
    invoice = models.ForeignKey(
        "invoices.Invoice",
        verbose_name=_("invoice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("companion")
        verbose_name_plural = _("companions")

    def __str__(self):
        return self.name

    @property
    def is_cancelled(self):
        return self.status == RegistrationStatus.CANCELLED


class WaitingStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    OFFERED = "offered", _("Seat offered")
    ACCEPTED = "accepted", _("Accepted")
    EXPIRED = "expired", _("Offer expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class WaitingListEntry(models.Model):
    """A place on a full event's waiting list. When a seat frees up, the first person waiting
    is offered it by e-mail for a limited time; an expired offer passes to the next person."""

    event = models.ForeignKey(
        EventPage, verbose_name=_("event"), on_delete=models.PROTECT, related_name="waiting_list"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="waiting_list_entries",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    option = models.ForeignKey(
        EventOption, verbose_name=_("option"), on_delete=models.PROTECT, related_name="+"
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=WaitingStatus.choices, default=WaitingStatus.WAITING
    )
    created_at = models.DateTimeField(_("added at"), default=timezone.now)
    offer_token = models.CharField(_("offer token"), max_length=64, blank=True, db_index=True)
    offer_expires_at = models.DateTimeField(_("offer expires at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("waiting list entry")
        verbose_name_plural = _("waiting list")

    def __str__(self):
        return f"{self.person} — {self.event}"

    @property
    def is_offered(self):
        return self.status == WaitingStatus.OFFERED


# A cancellation request is pending, approved or rejected, like every decided request.
CancellationStatus = RequestStatus


class CancellationRequest(DecidedRequest):
    """A written, timestamped request to cancel a registration, decided by staff."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.PROTECT,
        related_name="cancellation_requests",
    )
    reason = bounded_text(_("reason"), 2000)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("cancellation request")
        verbose_name_plural = _("cancellation requests")
        constraints = [
            models.UniqueConstraint(
                fields=["registration"],
                condition=models.Q(status=CancellationStatus.PENDING),
                name="one_pending_cancellation_request",
            )
        ]
        indexes = [models.Index(fields=["status", "requested_at"], name="cancellation_status")]

    def __str__(self):
        return str(self.registration)


class Attendance(models.Model):
    """Whether a participant attended, as recorded by staff. Attended trainings earn the
    event's credits."""

    registration = models.OneToOneField(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    attended = models.BooleanField(_("attended"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self):
        return str(self.registration)


class PromoCode(models.Model):
    """A promotional code entered at the registration review step: a percentage or an amount
    off the registration's price, optionally for one event and option, for a period, a number
    of times. Codes are matched whatever their case."""

    code = models.CharField(
        _("code"), max_length=40, help_text=_("Letters and digits; case does not matter.")
    )
    percentage = models.DecimalField(
        _("percentage off"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(100)],
    )
    amount = models.DecimalField(
        _("amount off"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_AMOUNT)],
    )
    event = models.ForeignKey(
        EventPage,
        verbose_name=_("event"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="promo_codes",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        help_text=_("Leave empty for every event."),
    )
    option = models.ForeignKey(
        EventOption,
        verbose_name=_("option"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="promo_codes",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        help_text=_("Leave empty for every option."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Inclusive.")
    )
    max_uses = models.PositiveIntegerField(
        _("maximum uses"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(1_000_000)],
        help_text=_("Leave empty for no limit."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("promo code")
        verbose_name_plural = _("promo codes")
        constraints = [
            models.UniqueConstraint(
                Lower("code"),
                name="promo_code_code_unique_ci",
                violation_error_message=_("A promo code with this code already exists."),
            ),
            models.CheckConstraint(
                condition=(models.Q(percentage__isnull=True) & models.Q(amount__isnull=False))
                | (models.Q(percentage__isnull=False) & models.Q(amount__isnull=True)),
                name="promo_code_percentage_xor_amount",
                violation_error_message=_("Give either a percentage or an amount, not both."),
            ),
            models.CheckConstraint(
                condition=models.Q(percentage__isnull=True)
                | models.Q(percentage__gt=0, percentage__lte=100),
                name="promo_code_percentage_bounded",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True)
                | models.Q(amount__gt=0, amount__lte=MAX_AMOUNT),
                name="promo_code_amount_bounded",
            ),
        ]

    def __str__(self):
        return self.code

    def clean(self):
        super().clean()
        self.code = (self.code or "").strip()
        if (self.percentage is None) == (self.amount is None):
            raise ValidationError(_("Give either a percentage or an amount, not both."))
        if self.option_id and self.event_id and self.option.page_id != self.event_id:
            raise ValidationError({"option": _("This option does not belong to this event.")})
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("The end of validity cannot come before its start.")}
            )

    def uses(self) -> int:
        """Registrations that used the code."""
        return self.code_uses.values("registration").distinct().count()

    uses.short_description = _("uses")


class PromoCodeUse(models.Model):
    """One use of a promo code: the registration and the invoice it discounted."""

    code = models.ForeignKey(
        PromoCode, verbose_name=_("code"), on_delete=models.PROTECT, related_name="code_uses"
    )
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.PROTECT,
        related_name="promo_code_uses",
    )
    invoice = models.ForeignKey(
        "invoices.Invoice",
        verbose_name=_("invoice"),
        on_delete=models.PROTECT,
        related_name="promo_code_uses",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("used at"), auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("promo code use")
        verbose_name_plural = _("promo code uses")

    def __str__(self):
        return f"{self.code} — {self.invoice}"
