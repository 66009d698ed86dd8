import datetime
import uuid
from decimal import Decimal

from django.contrib.auth.models import AbstractUser
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


def private_storage():
    """Storage outside the public media (settings.STORAGES["private"])."""
    return storages["private"]


class User(AbstractUser):
    """The account of a participant, a member, a delegate or a staff member."""

    email = models.EmailField(_("email address"), unique=True, blank=True, null=True)
    language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=[("fr", "Français"), ("en", "English")],
        default="fr",
        help_text=_("E-mails and documents are sent in this language."),
    )

    is_member = models.BooleanField(
        _("member"), default=False, help_text=_("Members pay the member price.")
    )
    member_number = models.CharField(_("member number"), max_length=20, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def current_function(self):
        """The function without an end date, most recent first (prefetch-friendly)."""
        current = [f for f in self.functions.all() if f.end_date is None]
        return max(current, key=lambda f: f.start_date) if current else None

    @property
    def current_organization(self):
        function = self.current_function
        return function.organization if function else None

    def save(self, *args, **kwargs):
        # Store no empty string in a unique column: several accounts may have no e-mail yet.
        self.email = self.__class__.objects.normalize_email(self.email) or None
        super().save(*args, **kwargs)


class Organization(models.Model):
    """An employer: a municipality, a regional body or another organization."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=[
            ("municipality", _("Municipality")),
            ("regional", _("Regional county municipality")),
            ("other", _("Other organization")),
        ],
        default="municipality",
    )
    street = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    province = models.CharField(_("province"), max_length=50, blank=True, default="QC")
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self):
        return self.name


class Function(models.Model):
    """A position held by a person at an organization: the employment history. The current
    function (no end date) gives the person's organization and main address."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="functions")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="functions"
    )
    title = models.CharField(_("job title"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("function")
        verbose_name_plural = _("functions")

    def __str__(self):
        return f"{self.title} — {self.organization}"

    @property
    def is_current(self):
        return self.end_date is None


class DelegateGrant(models.Model):
    """Staff grant a user the delegate role ("super-utilisateur") for an organization: the
    delegate can then register that organization's active accounts."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="delegate_grants")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="delegate_grants"
    )
    granted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("delegate grant")
        verbose_name_plural = _("delegate grants")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="unique_delegate_grant")
        ]

    def __str__(self):
        return f"{self.user} → {self.organization}"


def private_upload_path(instance, filename):
    """A random name: neither the person nor the original file name shows in the path."""
    return f"applications/{uuid.uuid4().hex}.pdf"


class MembershipApplication(models.Model):
    """A request to become a member ("Devenir membre"), built step by step (a draft that can be
    resumed), then submitted for staff review."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        DOCUMENTS_REQUESTED = "documents_requested", _("Missing document requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="applications")
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
    address = models.TextField(_("work address"), blank=True)
    statement = models.TextField(_("why you wish to join"), blank=True)
    accepts_code_of_ethics = models.BooleanField(_("I accept the code of ethics"), default=False)
    certifies_accuracy = models.BooleanField(
        _("I certify that the information given is accurate"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    dues_invoice = models.OneToOneField(
        "invoices.Invoice",
        verbose_name=_("dues invoice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="membership_application",
    )

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        permissions = [("review_application", _("Can review membership applications"))]

    def __str__(self):
        return f"{self.user} ({self.get_status_display()})"

    @property
    def is_editable(self):
        return self.status in (self.Status.DRAFT, self.Status.DOCUMENTS_REQUESTED)

    def document(self, kind):
        return next((d for d in self.documents.all() if d.kind == kind), None)


class ApplicationDocument(models.Model):
    """A PDF given with an application. Kept in private storage, served only to the applicant
    and membership staff, as an attachment."""

    class Kind(models.TextChoices):
        HIRING_RESOLUTION = "hiring_resolution", _("Hiring resolution")
        DIPLOMA = "diploma", _("Diploma")

    application = models.ForeignKey(
        MembershipApplication, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    file = models.FileField(
        _("file"), upload_to=private_upload_path, storage=private_storage, max_length=200
    )
    original_name = models.CharField(_("original name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="one_document_per_kind")
        ]

    def __str__(self):
        return self.get_kind_display()


class ApplicationDecision(models.Model):
    """Every staff decision on an application, with who and when."""

    class Action(models.TextChoices):
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        DOCUMENT_REQUESTED = "document_requested", _("Missing document requested")
        RESUBMITTED = "resubmitted", _("Resubmitted by the applicant")

    application = models.ForeignKey(
        MembershipApplication, on_delete=models.CASCADE, related_name="decisions"
    )
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    message = models.TextField(_("message"), blank=True)
    by = models.ForeignKey(
        User, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.get_action_display()


class MemberNumberSequence(models.Model):
    """The last member number given; locked while a membership starts."""

    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return str(self.last_number)


@register_setting(icon="tasks")
class TitleSettings(BaseGenericSetting):
    """The rules of the professional title, set by staff."""

    title_name = models.CharField(_("title"), max_length=100, default="GMC")
    credits_to_obtain = models.DecimalField(
        _("credits to obtain the title"), max_digits=6, decimal_places=2, default=Decimal("60")
    )
    credits_per_cycle = models.DecimalField(
        _("credits to keep it per cycle"), max_digits=6, decimal_places=2, default=Decimal("30")
    )
    cycle_years = models.PositiveSmallIntegerField(_("cycle length (years)"), default=3)
    cycle_start = models.DateField(
        _("first cycle starts"),
        default=datetime.date(2024, 1, 1),
        help_text=_("Cycles follow one another from this date."),
    )
    annual_dues = models.DecimalField(
        _("annual dues"), max_digits=8, decimal_places=2, default=Decimal("325.00")
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
        verbose_name = _("title and dues rules")


class Attestation(models.Model):
    """A document the association issues to a member: attendance at a training, or the title.
    Its text is copied at issue time; the verification code lets anyone check it."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("Training attestation")
        TITLE = "title", _("Title attestation")

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="attestations")
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

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="credit_entries")
    earned_on = models.DateField(_("date"))
    credits = models.DecimalField(_("credits"), max_digits=6, decimal_places=2)
    label_fr = models.CharField(_("label (French)"), max_length=255)
    label_en = models.CharField(_("label (English)"), max_length=255)
    source_key = models.CharField(_("source"), max_length=64, blank=True)

    class Meta:
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
