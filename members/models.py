from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


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
