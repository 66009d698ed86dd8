import datetime
import uuid
from decimal import Decimal

from django.contrib.auth.models import AbstractUser
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import TranslatableMixin
from wagtail.search import index


def private_storage():
    """Storage outside the public media (settings.STORAGES["private"])."""
    return storages["private"]


def photo_path(instance, filename):
    """A random name: nothing about the person in the file's address."""
    return f"members/photos/{uuid.uuid4().hex}.jpg"


class Interest(TranslatableMixin, models.Model):
    """A subject a person may follow ("Mes intérêts"), managed by editors, one per language."""

    name = models.CharField(_("name"), max_length=150)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("interest")
        verbose_name_plural = _("interests")

    def __str__(self):
        return self.name


class ProfessionalOrder(TranslatableMixin, models.Model):
    """A professional order or association a person may belong to, one per language."""

    name = models.CharField(_("name"), max_length=200)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("professional order or association")
        verbose_name_plural = _("professional orders and associations")

    def __str__(self):
        return self.name


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

    # The member file ("Mon dossier").
    photo = models.ImageField(_("profile photo"), upload_to=photo_path, blank=True)
    work_phone = models.CharField(_("work phone"), max_length=40, blank=True)
    pending_email = models.EmailField(_("e-mail waiting for confirmation"), blank=True)
    allergies = models.TextField(_("allergies and intolerances"), blank=True)
    allergies_consent = models.BooleanField(
        _("consent to keep allergies and intolerances"), default=False
    )
    expertise = models.TextField(_("expertise"), blank=True)
    other_associations = models.CharField(
        _("other orders and associations"), max_length=300, blank=True
    )
    linkedin_url = models.URLField(_("LinkedIn profile"), blank=True)
    professional_orders = models.ManyToManyField(
        ProfessionalOrder,
        blank=True,
        related_name="+",
        verbose_name=_("professional orders and associations"),
    )
    interests = models.ManyToManyField(
        Interest, blank=True, related_name="+", verbose_name=_("interests")
    )

    # The members' directory: opt-in, then field by field.
    in_directory = models.BooleanField(_("appear in the members' directory"), default=False)
    directory_show_email = models.BooleanField(_("show my e-mail"), default=False)
    directory_show_phone = models.BooleanField(_("show my work phone"), default=False)
    directory_show_function = models.BooleanField(_("show my function and employer"), default=True)
    directory_show_expertise = models.BooleanField(_("show my expertise"), default=True)
    directory_show_linkedin = models.BooleanField(_("show my LinkedIn profile"), default=True)

    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

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
    proposed_by = models.ForeignKey(
        "User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
        help_text=_("Set when a person proposed this organization; staff validate it."),
    )

    search_fields = [index.SearchField("name"), index.SearchField("city")]

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


class Address(models.Model):
    """A person's work or personal address. The current employer's address is the main one."""

    WORK = "work"
    PERSONAL = "personal"
    KINDS = [(WORK, _("Work address")), (PERSONAL, _("Personal address"))]

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="addresses")
    kind = models.CharField(_("kind"), max_length=10, choices=KINDS)
    street = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    province = models.CharField(_("province"), max_length=50, blank=True, default="QC")
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="unique_address_kind")]

    def __str__(self):
        return self.get_kind_display()

    def lines(self):
        city = " ".join(p for p in [self.city, self.province] if p)
        return [line for line in [self.street, f"{city}  {self.postal_code}".strip()] if line]

    @property
    def is_empty(self):
        return not (self.street or self.city or self.postal_code or self.phone)


class Subscription(models.Model):
    """Consent to one communication list, with when it was last given or withdrawn."""

    NEWSLETTER = "newsletter"
    TRAININGS = "trainings"
    EVENTS = "events"
    MEMBER_NEWS = "member_news"
    LISTS = [
        (NEWSLETTER, _("Newsletter")),
        (TRAININGS, _("New trainings")),
        (EVENTS, _("Events (congress, seminar, technology day)")),
        (MEMBER_NEWS, _("News for members")),
    ]

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="subscriptions")
    list = models.CharField(_("communication list"), max_length=20, choices=LISTS)
    subscribed = models.BooleanField(_("subscribed"), default=False)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["user", "list"], name="unique_subscription_list")
        ]

    def __str__(self):
        return self.get_list_display()


class AccountRequest(models.Model):
    """A delegate asks staff to open an account for a colleague who has none."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    STATUSES = [(PENDING, _("Pending")), (APPROVED, _("Approved")), (REJECTED, _("Rejected"))]

    requested_by = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="account_requests",
        verbose_name=_("requested by"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="account_requests",
        verbose_name=_("organization"),
    )
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    title = models.CharField(_("job title"), max_length=200)
    language = models.CharField(
        _("language"), max_length=2, choices=[("fr", "Français"), ("en", "English")], default="fr"
    )
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=PENDING)
    reason = models.TextField(_("reason for rejection"), blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("account request")
        verbose_name_plural = _("account requests")

    def __str__(self):
        return f"{self.first_name} {self.last_name} — {self.organization}"


class DeletionRequest(models.Model):
    """A person asks for their account to be deleted; staff process it (anonymise and
    deactivate: invoices keep their own copy of the billed name and address)."""

    PENDING = "pending"
    PROCESSED = "processed"
    STATUSES = [(PENDING, _("Pending")), (PROCESSED, _("Processed"))]

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="deletion_requests", verbose_name=_("user")
    )
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=PENDING)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)
    processed_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("deletion request")
        verbose_name_plural = _("deletion requests")

    def __str__(self):
        return str(_("Deletion request #%(number)s") % {"number": self.pk})


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
