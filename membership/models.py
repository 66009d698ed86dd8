"""Membership applications ("Devenir membre") with their private PDFs, the title rules, the
credits members earn and the attestations the association issues. The tables keep the names they
had when these models lived in `members`."""

import datetime
import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from home.fields import bounded_text
from home.ordering import alphabetical
from home.requests import DecidedRequest
from members.models import Organization, User, address_lines


def private_storage():
    """Storage outside the public media (settings.STORAGES["private"])."""
    return storages["private"]


def private_upload_path(instance, filename):
    """A random name: neither the person nor the original file name shows in the path."""
    return f"applications/{uuid.uuid4().hex}.pdf"


class MembershipApplication(DecidedRequest):
    """A request to become a member ("Devenir membre"), built step by step (a draft that can be
    resumed), then submitted for staff review. Each decision is also kept in the history
    (ApplicationDecision)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        DOCUMENTS_REQUESTED = "documents_requested", _("Missing document requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="applications"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    step = models.PositiveSmallIntegerField(_("last step completed"), default=0)
    without_file = models.BooleanField(
        _("started without a file"),
        default=False,
        help_text=_("The first of the seven steps created the participant file."),
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("employer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    hired_on = models.DateField(_("hiring date"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # The work address, structured as in "Mon dossier"; it becomes the address of the dues
    # invoice.
    street = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    province = models.CharField(_("province"), max_length=50, blank=True, default="QC")
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    statement = bounded_text(_("why you wish to join"), 5000, blank=True)
    accepts_code_of_ethics = models.BooleanField(_("I accept the code of ethics"), default=False)
    certifies_accuracy = models.BooleanField(
        _("I certify that the information given is accurate"), default=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    dues_invoice = models.OneToOneField(
        "invoices.Invoice",
        verbose_name=_("dues invoice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="membership_application",
    )

    class Meta:
        db_table = "members_membershipapplication"
        ordering = ["-submitted_at", "-created_at"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        permissions = [("review_application", _("Can review membership applications"))]

    def __str__(self):
        return f"{self.user} ({self.get_status_display()})"

    @property
    def is_editable(self):
        return self.status in (self.Status.DRAFT, self.Status.DOCUMENTS_REQUESTED)

    def address_lines(self):
        return address_lines(self.street, self.city, self.province, self.postal_code)

    @property
    def proposes_organization(self):
        """The applicant's employer was not listed: they proposed it (staff validate it)."""
        return self.organization is not None and not self.organization.is_active

    def document(self, kind):
        return next((d for d in self.documents.all() if d.kind == kind), None)


class ApplicationDocument(models.Model):
    """A PDF given with an application. Kept in private storage, served only to the applicant
    and membership staff, as an attachment."""

    class Kind(models.TextChoices):
        HIRING_RESOLUTION = "hiring_resolution", _("Hiring resolution")
        DIPLOMA = "diploma", _("Diploma")

    application = models.ForeignKey(
        MembershipApplication,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    file = models.FileField(
        _("file"), upload_to=private_upload_path, storage=private_storage, max_length=200
    )
    original_name = models.CharField(_("original name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        db_table = "members_applicationdocument"
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="one_document_per_kind")
        ]

    def __str__(self):
        return self.get_kind_display()


@receiver(post_delete, sender=ApplicationDocument)
def _document_deleted(sender, instance, **kwargs):
    """A document's PDF leaves private storage with its row, whatever deleted it (an erasure,
    or a person deleted in the admin, whose applications go with them), once that commits."""
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))


class ApplicationDecision(models.Model):
    """Every staff decision on an application, with who and when."""

    class Action(models.TextChoices):
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        DOCUMENT_REQUESTED = "document_requested", _("Missing document requested")
        RESUBMITTED = "resubmitted", _("Resubmitted by the applicant")

    application = models.ForeignKey(
        MembershipApplication,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    message = bounded_text(_("message"), 2000, blank=True)
    by = models.ForeignKey(
        User, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        db_table = "members_applicationdecision"
        ordering = ["at", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.get_action_display()


class MemberNumberSequence(models.Model):
    """The last member number given; locked while a membership starts."""

    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        db_table = "members_membernumbersequence"
        verbose_name = _("member number sequence")

    def __str__(self):
        return str(self.last_number)


MAX_DUES = Decimal("99999.99")
MAX_CYCLE_YEARS = 10


@register_setting(icon="tasks")
class TitleSettings(BaseGenericSetting):
    """The rules of the professional title, set by staff."""

    title_name = models.CharField(_("title"), max_length=100, default="GMC")
    credits_to_obtain = models.DecimalField(
        _("credits to obtain the title"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("60"),
        validators=[MinValueValidator(0)],
    )
    credits_per_cycle = models.DecimalField(
        _("credits to keep it per cycle"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("30"),
        validators=[MinValueValidator(0)],
    )
    cycle_years = models.PositiveSmallIntegerField(
        _("cycle length (years)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CYCLE_YEARS)],
    )
    cycle_start = models.DateField(
        _("first cycle starts"),
        default=datetime.date(2024, 1, 1),
        help_text=_("Cycles follow one another from this date."),
    )
    annual_dues = models.DecimalField(
        _("annual dues"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("325.00"),
        validators=[MinValueValidator(0), MaxValueValidator(MAX_DUES)],
    )
    dues_taxable = models.BooleanField(_("dues are taxable"), default=True)

    panels = [
        FieldPanel("title_name"),
        FieldPanel("credits_to_obtain"),
        FieldPanel("credits_per_cycle"),
        FieldPanel("cycle_years"),
        FieldPanel("cycle_start"),
        FieldPanel("annual_dues"),
        FieldPanel("dues_taxable"),
    ]

    class Meta:
        db_table = "members_titlesettings"
        verbose_name = _("title and dues rules")


class Attestation(models.Model):
    """A document the association issues to a member: attendance at a training, or the title.
    Its text is copied at issue time; the verification code lets anyone check it."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("Training attestation")
        TITLE = "title", _("Title attestation")

    # The source of the one title attestation (a training's is its translation key).
    TITLE_SOURCE = "title"

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.PROTECT, related_name="attestations"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    holder_name = models.CharField(_("holder"), max_length=255)
    subject_fr = models.CharField(_("subject (French)"), max_length=255)
    subject_en = models.CharField(_("subject (English)"), max_length=255)
    credits = models.DecimalField(_("credits"), max_digits=6, decimal_places=2, default=0)
    achieved_on = models.DateField(_("date"))
    source_key = models.CharField(
        _("source"),
        max_length=64,
        help_text=_("The training attended (its translation key), or the title."),
    )
    code = models.CharField(_("verification code"), max_length=20, unique=True)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        db_table = "members_attestation"
        ordering = ["-achieved_on", "-pk"]
        verbose_name = _("attestation")
        verbose_name_plural = _("attestations")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "source_key"], name="one_attestation_per_source"
            )
        ]

    def __str__(self):
        return self.code

    def subject(self, language):
        return self.subject_en if language == "en" else self.subject_fr


class CreditEntry(models.Model):
    """Credits a member earned: recorded attendance at a training, or an entry by staff."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="credit_entries"
    )
    earned_on = models.DateField(_("date"))
    credits = models.DecimalField(_("credits"), max_digits=6, decimal_places=2)
    label_fr = models.CharField(_("label (French)"), max_length=255)
    label_en = models.CharField(_("label (English)"), max_length=255)
    source_key = models.CharField(_("source"), max_length=64, blank=True)

    class Meta:
        db_table = "members_creditentry"
        ordering = ["-earned_on", "-pk"]
        verbose_name = _("credit entry")
        verbose_name_plural = _("credit entries")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "source_key"],
                condition=~models.Q(source_key=""),
                name="one_credit_entry_per_source",
            )
        ]

    def __str__(self):
        return f"{self.credits} — {self.label_fr}"

    def label(self, language):
        return self.label_en if language == "en" else self.label_fr


# --- Membership periods and renewals ------------------------------------------------------


@register_setting(icon="date")
class MembershipSettings(BaseGenericSetting):
    """The association's year and its renewal rhythm, set by staff."""

    year_start_month = models.PositiveSmallIntegerField(
        _("first month of the association's year"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("1 for January, 4 for April, and so on. Memberships run for one year."),
    )
    renewal_notice_days = models.PositiveSmallIntegerField(
        _("renewal issued (days before the end)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("The renewal invoice is issued and e-mailed this many days before the end."),
    )
    grace_days = models.PositiveSmallIntegerField(
        _("grace period (days after the end)"),
        default=60,
        validators=[MinValueValidator(0), MaxValueValidator(365)],
        help_text=_(
            "Unpaid renewals keep the membership this many days after the end; then it lapses."
        ),
    )

    panels = [
        FieldPanel("year_start_month"),
        FieldPanel("renewal_notice_days"),
        FieldPanel("grace_days"),
    ]

    class Meta:
        verbose_name = _("membership settings")


class MembershipCategory(TranslatableMixin, models.Model):
    """A membership category (regular, retired, student…) with its yearly dues, managed and
    translated by staff. The dues, the order and the flags are the same in every language."""

    name = models.CharField(_("name"), max_length=100)
    dues = models.DecimalField(
        _("annual dues"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_DUES)],
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_default = models.BooleanField(
        _("default category"),
        default=False,
        help_text=_("Given to new members and to renewals of a category no longer active."),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("dues"),
        FieldPanel("is_active"),
        FieldPanel("is_default"),
        FieldPanel("sort_order"),
    ]
    override_translatable_fields = [
        SynchronizedField("dues", overridable=False),
        SynchronizedField("is_active", overridable=False),
        SynchronizedField("is_default", overridable=False),
        SynchronizedField("sort_order", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", alphabetical("name")]
        verbose_name = _("membership category")
        verbose_name_plural = _("membership categories")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dues__gte=0, dues__lte=MAX_DUES), name="category_dues_bounded"
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        """One default category, and an active one: the default is what new members and
        renewals of a retired category get, so there must be no doubt which it is."""
        super().clean()
        if not self.is_default:
            return
        if not self.is_active:
            raise ValidationError(
                {"is_default": _("The default category must be active.")}, code="default_inactive"
            )
        other = (
            MembershipCategory.objects.filter(locale_id=self.locale_id, is_default=True)
            .exclude(translation_key=self.translation_key)
            .first()
        )
        if other is not None:
            raise ValidationError(
                {
                    "is_default": _(
                        "“%(name)s” is already the default category: untick it there first."
                    )
                    % {"name": other.name}
                },
                code="default_taken",
            )


class Membership(models.Model):
    """One period of membership (an association year) in a category. A renewal is a pending
    period with its invoice; paying it makes it active."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Renewal invoiced, unpaid")
        ACTIVE = "active", _("Active")
        LAPSED = "lapsed", _("Lapsed")
        CANCELLED = "cancelled", _("Cancelled")

    user = models.ForeignKey(
        User, verbose_name=_("member"), on_delete=models.CASCADE, related_name="memberships"
    )
    category = models.ForeignKey(
        MembershipCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    invoice = models.ForeignKey(
        "invoices.Invoice",
        verbose_name=_("invoice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("membership period")
        verbose_name_plural = _("membership periods")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="period_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["user", "starts_on"],
                condition=models.Q(status__in=["pending", "active"]),
                name="one_live_period_per_start",
            ),
        ]
        # The staff listing (renewals due, lapsed, by period; newest first) and the status of
        # a member (their active periods by end date).
        indexes = [
            models.Index(fields=["status", "ends_on"], name="membership_status_ends"),
            models.Index(fields=["user", "status", "ends_on"], name="membership_user_status"),
            models.Index(fields=["-starts_on", "-id"], name="membership_starts"),
        ]

    def __str__(self):
        return f"{self.user} {self.starts_on:%Y-%m-%d} – {self.ends_on:%Y-%m-%d}"
