import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from .blocks import QuestionStreamBlock

EVENT_KINDS = [
    ("congress", _("Congress")),
    ("seminar", _("Seminar")),
    ("techday", _("Technology day")),
    ("training", _("Training")),
]


class EventIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("event index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = EventPage.objects.live().public().child_of(self).order_by("start")
        kind = request.GET.get("kind", "")
        program = request.GET.get("program", "")
        if kind in dict(EVENT_KINDS):
            events = events.filter(kind=kind)
        if program in dict(settings.TRAINING_PROGRAMS):
            events = events.filter(program=program)
        now = timezone.now()
        context.update(
            upcoming=[e for e in events if e.end >= now],
            past=sorted((e for e in events if e.end < now), key=lambda e: e.start, reverse=True),
            kinds=EVENT_KINDS,
            programs=settings.TRAINING_PROGRAMS,
            selected_kind=kind,
            selected_program=program,
        )
        return context


class EventPage(Page):
    kind = models.CharField(_("kind"), max_length=20, choices=EVENT_KINDS, default="training")
    program = models.CharField(
        _("training program"),
        max_length=20,
        choices=settings.TRAINING_PROGRAMS,
        blank=True,
        help_text=_("Trainings only."),
    )
    intro = models.TextField(_("introduction"), blank=True)
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
        _("credits"), max_digits=5, decimal_places=2, default=0, help_text=_("Trainings only.")
    )
    questions = StreamField(
        QuestionStreamBlock(), blank=True, verbose_name=_("registration questions")
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("program")]),
        FieldPanel("intro"),
        FieldPanel("description"),
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
        APIField("program"),
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

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

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
        """The event as an iCalendar file (RFC 5545)."""

        def stamp(value):
            return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")

        def escape(text):
            return (
                text.replace("\\", "\\\\")
                .replace(";", r"\;")
                .replace(",", r"\,")
                .replace("\n", r"\n")
            )

        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Quorum//Events//FR",
            "BEGIN:VEVENT",
            f"UID:event-{self.translation_key}@quorum",
            f"DTSTAMP:{stamp(timezone.now())}",
            f"DTSTART:{stamp(self.start)}",
            f"DTEND:{stamp(self.end)}",
            f"SUMMARY:{escape(self.title)}",
            f"LOCATION:{escape(self.place)}",
            f"DESCRIPTION:{escape(self.intro)}",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
        return "\r\n".join(lines) + "\r\n"


class EventOption(TranslatableMixin, Orderable):
    """A way to attend an event, with its member and non-member prices."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("label"), max_length=200)
    member_price = models.DecimalField(_("member price"), max_digits=10, decimal_places=2)
    non_member_price = models.DecimalField(_("non-member price"), max_digits=10, decimal_places=2)
    taxable = models.BooleanField(_("taxable"), default=True)
    is_companion = models.BooleanField(
        _("companion option (gala evening)"),
        default=False,
        help_text=_("Registered for a companion of a participant, after the participant."),
    )
    card_only = models.BooleanField(_("payable by card only"), default=False)

    panels = [
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("member_price"), FieldPanel("non_member_price")]),
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

    def __str__(self):
        return self.label
