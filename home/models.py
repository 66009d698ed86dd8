import copy

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

from . import colours, home_sections
from .blocks import ContentStreamBlock, action_url
from .fields import bounded_text
from .home_sections import FeaturedStreamBlock


class HomePage(Page):
    class UpcomingKinds(models.TextChoices):
        ALL = "all", _("Events and trainings")
        TRAININGS = "trainings", _("Trainings only")
        EVENTS = "events", _("Events only (no trainings)")

    intro = RichTextField(_("introduction"), blank=True)
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))
    upcoming_count = models.PositiveSmallIntegerField(
        _("upcoming events shown"),
        default=3,
        db_default=3,
        validators=[MaxValueValidator(12)],
        help_text=_("The next events and trainings shown as cards; 0 shows none."),
    )
    upcoming_kinds = models.CharField(
        _("kinds of upcoming events"),
        max_length=20,
        choices=UpcomingKinds.choices,
        default=UpcomingKinds.ALL,
        db_default=UpcomingKinds.ALL,
    )
    featured = StreamField(
        FeaturedStreamBlock(),
        blank=True,
        verbose_name=_("featured pages"),
        help_text=_("Up to six pages shown on the home page, in this order."),
    )
    latest_guides_count = models.PositiveSmallIntegerField(
        _("latest guide pages shown"),
        default=3,
        db_default=3,
        validators=[MaxValueValidator(12)],
        help_text=_("The guide pages published last; 0 shows none."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("upcoming_count"), FieldPanel("upcoming_kinds")]),
                FieldPanel("featured"),
                FieldPanel("latest_guides_count"),
            ],
            heading=_("What the home page features"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("body")]
    # The same choices in every language: wagtail-localize copies them on synchronisation.
    override_translatable_fields = [
        SynchronizedField("upcoming_count", overridable=False),
        SynchronizedField("upcoming_kinds", overridable=False),
        SynchronizedField("latest_guides_count", overridable=False),
    ]

    max_count_per_parent = 1
    subpage_types = ["guide.GuideIndexPage", "events.EventIndexPage", "guide.GuidePage"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from .page_cache import shared

        context = super().get_context(request, *args, **kwargs)

        def sections():
            pages = Page.objects.live().public().child_of(self).not_type(HomePage)
            return [{"url": page.get_url(request), "title": page.title} for page in pages]

        # Kept until the next publication, as the menu is (home/page_cache.py).
        context["guides"] = shared(
            f"home-sections:{self.pk}:{request.get_host()}", sections, request
        )
        cards = home_sections.upcoming_cards(
            request, count=self.upcoming_count, kinds=self.upcoming_kinds
        )
        # A card leaves when its event ends: the cached page must not outlive the first one.
        self._cards_change_at = min((card.end for card in cards), default=None)
        context.update(
            upcoming=cards,
            events_url=action_url("events") if cards else None,
            featured_pages=home_sections.featured_pages(self.featured, request),
            latest_guides=home_sections.latest_guides(request, self.latest_guides_count),
            # Only for a signed-in person, whose page is never cached (home/page_cache.py).
            personal=home_sections.personal_panels(request),
        )
        return context

    def page_cache_timeout(self) -> int:
        """Seconds the anonymous page may stay cached (home/page_cache.py)."""
        change_at = getattr(self, "_cards_change_at", None)
        if change_at is None:
            return 24 * 3600
        return max(int((change_at - timezone.now()).total_seconds()), 0)


def purge_home_pages() -> None:
    """The home pages (every language) leave the page cache: the seats left on their cards
    changed (events call it when a registration or a waiting-list offer changes)."""
    from .page_cache import purge_page

    for key in HomePage.objects.values_list("translation_key", flat=True).distinct():
        purge_page(key)


@register_setting(icon="site")
class AssociationSettings(BaseSiteSetting):
    """Language-neutral facts about the association, used across pages, e-mails and PDFs."""

    name = models.CharField(_("name (French)"), max_length=200, default="Quorum")
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    toll_free = models.CharField(_("toll-free phone"), max_length=40, blank=True)
    address = bounded_text(_("mailing address"), 500, blank=True)
    staff_alert_email = models.EmailField(
        _("e-mail for staff alerts"),
        blank=True,
        help_text=_(
            "Where new membership applications and cancellation requests are announced. When "
            "empty, the contact e-mail receives them; when both are empty, no alert is sent."
        ),
    )
    facebook_url = models.URLField(_("Facebook"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    gst_number = models.CharField(_("GST registration number"), max_length=40, blank=True)
    qst_number = models.CharField(_("QST registration number"), max_length=40, blank=True)
    privacy_officer = models.CharField(
        _("person in charge of personal information"),
        max_length=200,
        blank=True,
        help_text=_(
            "Named in the privacy notice, as Quebec's Law 25 requires. The name only: the "
            "notice gives the role in the reader's language."
        ),
    )
    privacy_email = models.EmailField(_("privacy contact e-mail"), blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("short_name")],
            heading=_("Association"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("toll_free"),
                FieldPanel("address"),
                FieldPanel("staff_alert_email"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("linkedin_url")], heading=_("Social links")
        ),
        MultiFieldPanel([FieldPanel("gst_number"), FieldPanel("qst_number")], heading=_("Taxes")),
        MultiFieldPanel(
            [FieldPanel("privacy_officer"), FieldPanel("privacy_email")], heading=_("Privacy")
        ),
    ]

    class Meta:
        verbose_name = _("association settings")

    @classmethod
    def for_request(cls, request):
        """Read once per publication (home/page_cache.py), not on every page."""
        from wagtail.models import Site

        from .page_cache import shared

        attr = cls.get_cache_attr_name()
        if hasattr(request, attr):
            return getattr(request, attr)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        # A copy: the shared instance stays free of this request.
        value = copy.copy(
            shared(f"settings:{cls._meta.label}:{site.pk}", lambda: cls.for_site(site), request)
        )
        value._request = request
        setattr(request, attr, value)
        return value

    def localized_name(self, language_code):
        if language_code == "en" and self.name_en:
            return self.name_en
        return self.name


@register_setting(icon="lock")
class PrivacySettings(BaseGenericSetting):
    """How long login logs and expired tokens are kept (Law 25: no longer than needed). The
    `purge_personal_data` command, run daily by the scheduler, removes what is older."""

    login_log_days = models.PositiveIntegerField(
        _("keep login logs (days)"),
        default=365,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_("Successful and failed logins (address, browser) older than this are deleted."),
    )
    expired_token_days = models.PositiveIntegerField(
        _("keep expired tokens (days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_(
            "Waiting-list offer links and finished background tasks (which hold e-mail "
            "addresses) older than this are deleted; expired sessions go every day."
        ),
    )

    panels = [FieldPanel("login_log_days"), FieldPanel("expired_token_days")]

    class Meta:
        verbose_name = _("privacy settings")


def _days(label, default, help_text):
    return models.PositiveSmallIntegerField(
        label,
        default=default,
        validators=[MaxValueValidator(365)],
        help_text=help_text,
    )


@register_setting(icon="mail")
class ReminderSettings(BaseGenericSetting):
    """When the scheduled reminders go out (`send_reminders`, run hourly by the scheduler).
    Each offset is a number of days; 0 turns that reminder off."""

    event_first_days = _days(
        _("first event reminder (days before)"),
        7,
        _("Days before an event or a training starts; 0 sends none."),
    )
    event_second_days = _days(
        _("second event reminder (days before)"),
        1,
        _("Days before an event or a training starts; 0 sends none."),
    )
    modification_deadline_days = _days(
        _("modification deadline (days before)"),
        2,
        _("Days before the deadline to change a registration; 0 sends none."),
    )
    cancellation_deadline_days = _days(
        _("cancellation deadline (days before)"),
        2,
        _("Days before the deadline to ask for a cancellation; 0 sends none."),
    )
    invoice_first_days = _days(
        _("first unpaid-invoice reminder (days after the due date)"),
        7,
        _(
            "Days after an invoice's due date (its issue date when it has none) while it is "
            "still unpaid; 0 sends none."
        ),
    )
    invoice_second_days = _days(
        _("second unpaid-invoice reminder (days after the due date)"),
        30,
        _("A second reminder, later than the first; 0 sends none."),
    )
    renewal_days = _days(
        _("membership renewal unpaid (days before the end)"),
        7,
        _(
            "Days before a membership ends, to members whose renewal invoice is still unpaid; "
            "0 sends none."
        ),
    )
    title_cycle_days = _days(
        _("title cycle ending (days before)"),
        90,
        _(
            "Days before the end of the title's cycle, to title holders who still miss "
            "credits; 0 sends none."
        ),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("event_first_days"), FieldPanel("event_second_days")],
            heading=_("Events and trainings"),
        ),
        MultiFieldPanel(
            [FieldPanel("modification_deadline_days"), FieldPanel("cancellation_deadline_days")],
            heading=_("Registration deadlines"),
        ),
        MultiFieldPanel(
            [FieldPanel("invoice_first_days"), FieldPanel("invoice_second_days")],
            heading=_("Unpaid invoices"),
        ),
        FieldPanel("renewal_days"),
        FieldPanel("title_cycle_days"),
    ]

    class Meta:
        verbose_name = _("reminder settings")


class ReminderKind(models.TextChoices):
    """The reminders the apps send (their functions are listed in `settings.REMINDERS`)."""

    EVENT = "event", _("Event or training coming up")
    MODIFICATION_DEADLINE = "modification_deadline", _("Modification deadline")
    CANCELLATION_DEADLINE = "cancellation_deadline", _("Cancellation deadline")
    UNPAID_INVOICE = "unpaid_invoice", _("Unpaid invoice")
    TITLE_CYCLE = "title_cycle", _("Title cycle ending")
    RENEWAL = "renewal", _("Membership renewal unpaid")


class SentReminder(models.Model):
    """A reminder that went out: one row per occasion (`key`, e.g. "registration:42:event-first"),
    so that each is sent once however often `send_reminders` runs (home/reminders.py)."""

    kind = models.CharField(_("kind"), max_length=40, choices=ReminderKind.choices)
    key = models.CharField(_("key"), max_length=200)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    about = models.CharField(_("about"), max_length=255, blank=True)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="one_reminder_per_occasion")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.about or self.key}"


@register_snippet
class FooterText(TranslatableMixin, models.Model):
    """The footer shown on every page, one per language."""

    body = RichTextField(_("body"), features=["bold", "italic", "link"])

    panels = [FieldPanel("body")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer text")
        verbose_name_plural = _("footer texts")

    def __str__(self):
        return str(_("Footer"))


@register_snippet
class LegalNotice(TranslatableMixin, models.Model):
    """Legal notice and privacy policy, one per language."""

    title = models.CharField(_("title"), max_length=200)
    body = RichTextField(_("body"))

    panels = [FieldPanel("title"), FieldPanel("body")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("legal notice")
        verbose_name_plural = _("legal notices")

    def __str__(self):
        return self.title


@register_snippet
class ContactBlock(TranslatableMixin, models.Model):
    """The contact text shown beside the association's e-mail and phone."""

    heading = models.CharField(_("heading"), max_length=200)
    body = RichTextField(_("body"), features=["bold", "italic", "link"])

    panels = [FieldPanel("heading"), FieldPanel("body")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("contact block")
        verbose_name_plural = _("contact blocks")

    def __str__(self):
        return self.heading


def private_storage():
    """Storage outside the public media (settings.STORAGES["private"])."""
    from django.core.files.storage import storages

    return storages["private"]


def export_upload_path(instance, filename):
    """A random name: neither the staff member nor the listing shows in the path."""
    import uuid

    extension = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    return f"exports/{uuid.uuid4().hex}.{extension}"


class Export(models.Model):
    """A listing's CSV or XLSX export built by the task worker (home/exports.py) because it has
    too many rows to be sent while the request waits: its owner follows its progress on the
    Exports screen and downloads it from there (only they may). Removed after EXPORT_KEEP_DAYS."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    class Failure(models.TextChoices):
        # The task gave no sign of progress for EXPORT_STALLED_MINUTES: its worker stopped
        # (crashed or restarted) and nothing will finish it (home.exports.fail_stalled_exports).
        STALLED = "stalled", _("Stopped before it was finished")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    listing = models.CharField(_("listing"), max_length=200)
    # The listing's address with its filters, search and ordering (without `export`): the
    # task requests it again as the owner to rebuild the rows, with their permissions.
    url = models.CharField(_("address"), max_length=2000)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    rows_total = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    filename = models.CharField(_("file name"), max_length=200)
    file = models.FileField(
        _("file"), upload_to=export_upload_path, storage=private_storage, max_length=200, blank=True
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The task's heartbeat: set when it starts and at each chunk of rows written.
    progressed_at = models.DateTimeField(_("last progress"), null=True, blank=True)
    failure = models.CharField(
        _("failure"), max_length=20, choices=Failure.choices, blank=True, default=""
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self):
        return f"{self.listing} ({self.get_format_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent_done(self) -> int:
        if not self.rows_total:
            return 100 if self.status == self.Status.READY else 0
        return min(100, self.rows_done * 100 // self.rows_total)


@register_setting(icon="image")
class BrandSettings(BaseSiteSetting):
    """The association's logo and colours, on the site, the e-mails and the PDFs. Read through
    home/brand.py's `brand()`, once per publication. Empty colours keep the site's own
    (static/css/quorum.css); no logo keeps the name alone."""

    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown in the site's header, at the top of the e-mails and of the PDF documents. "
            "A wide image on a transparent or white background reads best."
        ),
    )
    logo_alt = models.CharField(
        _("logo's text alternative (French)"),
        max_length=200,
        blank=True,
        help_text=_(
            "What the logo says, for people who cannot see it. When empty, the association's name."
        ),
    )
    logo_alt_en = models.CharField(
        _("logo's text alternative (English)"),
        max_length=200,
        blank=True,
        help_text=_("When empty, the association's English name."),
    )
    name_beside_logo = models.BooleanField(
        _("show the name beside the logo"),
        default=False,
        help_text=_(
            "Leave unchecked when the logo already shows the name; the header then shows the "
            "logo alone."
        ),
    )
    primary_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        blank=True,
        validators=[colours.validate_hex_colour, colours.validate_text_contrast],
        help_text=_(
            "Links, buttons and header accents, as #rrggbb. It must be dark enough to read on "
            "white. When empty, the site's blue (#0b4f8a)."
        ),
    )
    primary_dark_colour = models.CharField(
        _("dark variant of the primary colour"),
        max_length=7,
        blank=True,
        validators=[colours.validate_hex_colour, colours.validate_text_contrast],
        help_text=_(
            "Links and buttons under the pointer, and headings in e-mails and PDFs, as #rrggbb. "
            "When empty, a darker shade of the primary colour."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("logo"),
                FieldPanel("logo_alt"),
                FieldPanel("logo_alt_en"),
                FieldPanel("name_beside_logo"),
            ],
            heading=_("Logo"),
        ),
        MultiFieldPanel(
            [FieldPanel("primary_colour"), FieldPanel("primary_dark_colour")],
            heading=_("Colours"),
        ),
    ]

    class Meta:
        verbose_name = _("brand")

    def clean(self):
        super().clean()
        self.primary_colour = colours.normalize(self.primary_colour)
        self.primary_dark_colour = colours.normalize(self.primary_dark_colour)

    def save(self, *args, **kwargs):
        self.primary_colour = colours.normalize(self.primary_colour)
        self.primary_dark_colour = colours.normalize(self.primary_dark_colour)
        super().save(*args, **kwargs)
