import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Upper
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from home.billing import BillingDetails
from home.fields import bounded_text
from home.ordering import alphabetical
from home.requests import DecidedRequest, RequestStatus
from home.text import fold


def address_lines(street, city, province, postal_code):
    """An address as printed: the street, then the city, province and postal code."""
    city_line = " ".join(p for p in [city, province] if p)
    return [line for line in [street, f"{city_line}  {postal_code}".strip()] if line]


def validate_linkedin_url(url: str) -> None:
    """A LinkedIn link must point to linkedin.com (or one of its subdomains), over http(s)."""
    parts = urlsplit(url or "")
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not (
        host == "linkedin.com" or host.endswith(".linkedin.com")
    ):
        raise ValidationError(
            _("Enter the address of your LinkedIn profile (linkedin.com/in/…)."), code="linkedin"
        )


def photo_path(instance, filename):
    """A random name: nothing about the person in the file's address."""
    return f"members/photos/{uuid.uuid4().hex}.jpg"


class Interest(TranslatableMixin, models.Model):
    """A subject a person may follow ("Mes intérêts"), managed by editors, one per language."""

    name = models.CharField(_("name"), max_length=150)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", alphabetical("name")]
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
        ordering = ["sort_order", alphabetical("name")]
        verbose_name = _("professional order or association")
        verbose_name_plural = _("professional orders and associations")

    def __str__(self):
        return self.name


# The fields the directory's search text is made of (with the current employers' names).
_SEARCHED_FIELDS = {"first_name", "last_name", "directory_show_function"}


class User(AbstractUser):
    """The account of a participant, a member, a delegate or a staff member."""

    email = models.EmailField(_("email address"), unique=True, blank=True, null=True)
    language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=settings.LANGUAGES,
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
    allergies = bounded_text(_("allergies and intolerances"), 1000, blank=True)
    allergies_consent = models.BooleanField(
        _("consent to keep allergies and intolerances"), default=False
    )
    expertise = bounded_text(_("expertise"), 2000, blank=True)
    other_associations = models.CharField(
        _("other orders and associations"), max_length=300, blank=True
    )
    linkedin_url = models.URLField(
        _("LinkedIn profile"), blank=True, validators=[validate_linkedin_url]
    )
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

    # What the directory's search box matches: the name and the current employer (when shown),
    # folded (lower-case, no accents) so that "Helene" finds "Hélène". Kept by save() and by
    # the signals below; on PostgreSQL a trigram index serves `contains` (migration 0009).
    directory_search = models.CharField(
        _("directory search text"), max_length=600, blank=True, editable=False, db_default=""
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        indexes = [models.Index(fields=["last_name", "first_name"], name="user_name_order")]
        # One account per e-mail and per username whatever their case, as login finds them
        # (`iexact`, which PostgreSQL runs as UPPER(...) = UPPER(...): these indexes serve it).
        constraints = [
            models.UniqueConstraint(
                Upper("email"),
                name="user_email_any_case",
                violation_error_message=_("Another file already uses this e-mail."),
            ),
            models.UniqueConstraint(
                Upper("username"),
                name="user_username_any_case",
                violation_error_message=_("This username is already taken. Choose another."),
            ),
        ]

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

    def main_address(self):
        """The main address as (heading, lines): the current employer's address first, then
        the work address the person entered, then their personal address."""
        organization = self.current_organization
        if organization and (organization.street or organization.city):
            return organization.name, organization.address_lines()
        addresses = {a.kind: a for a in self.addresses.all()}
        for kind in (Address.Kind.WORK, Address.Kind.PERSONAL):
            address = addresses.get(kind)
            if address and not address.is_empty and address.lines():
                heading = organization.name if organization and kind == Address.Kind.WORK else ""
                return heading, address.lines()
        return (organization.name if organization else ""), []

    def billing_details(self) -> BillingDetails:
        """Name and address to copy onto an invoice for this person (the main address)."""
        heading, lines = self.main_address()
        organization = self.current_organization
        return BillingDetails(
            name=str(self),
            address="\n".join(line for line in [heading, *lines] if line),
            language=self.language,
            organization_id=organization.pk if organization else None,
            organization_name=organization.name if organization else "",
        )

    def directory_search_text(self) -> str:
        parts = [self.first_name, self.last_name]
        if self.pk and self.directory_show_function:
            parts += Organization.objects.filter(
                functions__user=self, functions__end_date__isnull=True
            ).values_list("name", flat=True)
        return fold(" ".join(parts))[:600]

    def refresh_directory_search(self) -> None:
        self.directory_search = self.directory_search_text()
        User.objects.filter(pk=self.pk).update(directory_search=self.directory_search)

    def save(self, *args, **kwargs):
        # Store no empty string in a unique column: several accounts may have no e-mail yet.
        self.email = self.__class__.objects.normalize_email(self.email) or None
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            self.directory_search = self.directory_search_text()
        elif _SEARCHED_FIELDS & set(update_fields):
            self.directory_search = self.directory_search_text()
            kwargs["update_fields"] = {*update_fields, "directory_search"}
        super().save(*args, **kwargs)


class Organization(models.Model):
    """An employer: a municipality, a regional body or another organization."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        REGIONAL = "regional", _("Regional county municipality")
        OTHER = "other", _("Other organization")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY
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
        ordering = [alphabetical("name")]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self):
        return self.name

    def address_lines(self):
        return address_lines(self.street, self.city, self.province, self.postal_code)

    def billing_details(self) -> BillingDetails:
        """Name and address to copy onto an invoice billed to the organization."""
        return BillingDetails(
            name=self.name,
            address="\n".join(self.address_lines()),
            organization_id=self.pk,
            organization_name=self.name,
        )


class Function(models.Model):
    """A position held by a person at an organization: the employment history. The current
    function (no end date) gives the person's organization and main address."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="functions"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="functions",
    )
    title = models.CharField(_("job title"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("function")
        verbose_name_plural = _("functions")
        # A person's current function; an organization's current people (a delegate's
        # colleagues, the staff filter by current organization, the directory's employer).
        indexes = [
            models.Index(fields=["user", "end_date"], name="function_user_current"),
            models.Index(fields=["organization", "end_date"], name="function_org_current"),
        ]

    def __str__(self):
        return f"{self.title} — {self.organization}"


class DelegateGrant(models.Model):
    """Staff grant a user the delegate role ("super-utilisateur") for an organization: the
    delegate can then register that organization's active accounts."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="delegate_grants"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="delegate_grants",
    )
    granted_by = models.ForeignKey(
        User,
        verbose_name=_("granted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
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

    class Kind(models.TextChoices):
        WORK = "work", _("Work address")
        PERSONAL = "personal", _("Personal address")

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="addresses"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
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
        return address_lines(self.street, self.city, self.province, self.postal_code)

    @property
    def is_empty(self):
        return not (self.street or self.city or self.postal_code or self.phone)


class Subscription(models.Model):
    """Consent to one communication list, with when it was last given or withdrawn."""

    class List(models.TextChoices):
        NEWSLETTER = "newsletter", _("Newsletter")
        TRAININGS = "trainings", _("New trainings")
        EVENTS = "events", _("Events (congress, seminar, technology day)")
        MEMBER_NEWS = "member_news", _("News for members")

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="subscriptions"
    )
    list = models.CharField(_("communication list"), max_length=20, choices=List.choices)
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


class AccountRequest(DecidedRequest):
    """A delegate asks staff to open an account for a colleague who has none. The note with a
    refusal is told to the delegate."""

    Status = RequestStatus

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
        _("language"), max_length=2, choices=settings.LANGUAGES, default="fr"
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    created_user = models.ForeignKey(
        User,
        verbose_name=_("created account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("account request")
        verbose_name_plural = _("account requests")

    def __str__(self):
        return f"{self.first_name} {self.last_name} — {self.organization}"


class DeletionRequest(DecidedRequest):
    """A person asks for their account to be deleted; staff process it (anonymise and
    deactivate: invoices keep their own copy of the billed name and address)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        PROCESSED = "processed", _("Processed")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="deletion_requests", verbose_name=_("user")
    )
    reason = bounded_text(_("reason"), 2000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("deletion request")
        verbose_name_plural = _("deletion requests")

    def __str__(self):
        return str(_("Deletion request #%(number)s") % {"number": self.pk})


@receiver(post_delete, sender=User)
def _person_deleted(sender, instance, **kwargs):
    """A deleted person's photo leaves the media storage with them, once that commits."""
    name = instance.photo.name
    if name:
        storage = instance.photo.storage
        transaction.on_commit(lambda: storage.delete(name))


# The directory's search text follows a person's current employer and its name.
@receiver([post_save, post_delete], sender=Function)
def _function_changed(sender, instance, **kwargs):
    user = User.objects.filter(pk=instance.user_id).first()
    if user:
        user.refresh_directory_search()


@receiver(post_save, sender=Organization)
def _organization_changed(sender, instance, created, **kwargs):
    if created:
        return
    for user in User.objects.filter(
        functions__organization=instance, functions__end_date__isnull=True
    ).distinct():
        user.refresh_directory_search()
