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

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username

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
