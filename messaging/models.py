"""Messages that staff write to members and participants, and their send log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from home.fields import bounded_text
from home.links import current_language
from members.models import Interest, Organization, Subscription

SUBJECT_MAX = 150
BODY_MAX = 10000
PLAIN_TEXT = _("Plain text; a blank line between paragraphs.")


class Message(models.Model):
    """A message in French and English to an audience chosen from the file's data. Drafts
    change in the admin; sending (services.send_message) fixes the audience in the send log."""

    class Kind(models.TextChoices):
        INFORMATIONAL = "informational", _("Informational")
        COMMERCIAL = "commercial", _("Commercial (promotes a training, an event, a service)")

    class Membership(models.TextChoices):
        ANY = "", _("Members and non-members")
        MEMBERS = "members", _("Members only (active or in grace)")
        ACTIVE = "active", _("Active members")
        GRACE = "grace", _("Members in grace (renewal unpaid)")
        LAPSED = "lapsed", _("Lapsed members")
        NON_MEMBERS = "non_members", _("Non-members only")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    subject_fr = models.CharField(_("subject (French)"), max_length=SUBJECT_MAX)
    subject_en = models.CharField(_("subject (English)"), max_length=SUBJECT_MAX)
    body_fr = bounded_text(_("message (French)"), BODY_MAX, help_text=PLAIN_TEXT)
    body_en = bounded_text(
        _("message (English)"),
        BODY_MAX,
        help_text=PLAIN_TEXT,
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.INFORMATIONAL,
        help_text=_(
            "Canada's anti-spam law: a commercial message goes only to the people who consented "
            "to its communication list."
        ),
    )
    consent_list = models.CharField(
        _("communication list"),
        max_length=20,
        choices=Subscription.List.choices,
        blank=True,
        help_text=_(
            "Only the people subscribed to this list receive the message, with a link to "
            "unsubscribe from it. Required for a commercial message."
        ),
    )
    # The audience: every criterion given must hold (within one, any value matches).
    interests = models.ManyToManyField(
        Interest,
        blank=True,
        related_name="+",
        verbose_name=_("interests"),
        help_text=_("People who follow at least one of these interests."),
    )
    membership = models.CharField(
        _("membership"), max_length=20, choices=Membership.choices, blank=True, default=""
    )
    membership_categories = models.ManyToManyField(
        "membership.MembershipCategory",
        blank=True,
        related_name="+",
        verbose_name=_("membership categories"),
        help_text=_("People whose current membership is in one of these categories."),
    )
    organizations = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="+",
        verbose_name=_("organizations"),
        help_text=_("People whose current function is at one of these organizations."),
    )
    regions = models.JSONField(
        _("regions"),
        default=list,
        blank=True,
        help_text=_("People whose current organization is in one of these regions."),
    )
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("registrants of the event"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("People with a confirmed registration to this event."),
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        permissions = [("send_message", _("Can send messages to members"))]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="commercial") | ~models.Q(consent_list=""),
                name="commercial_message_has_a_list",
                violation_error_message=_(
                    "A commercial message needs the communication list its recipients consented to."
                ),
            )
        ]

    def __str__(self):
        return self.shown_subject()

    def subject(self, language: str) -> str:
        return self.subject_en if language == "en" else self.subject_fr

    def shown_subject(self) -> str:
        """The subject in the active language: the staff member's, in the admin."""
        return self.subject(current_language())

    shown_subject.short_description = _("subject")

    def body(self, language: str) -> str:
        return self.body_en if language == "en" else self.body_fr

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class Delivery(models.Model):
    """One person's copy of a sent message: written before the e-mail goes out, so that a
    retried task or a second click never sends it to them twice."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    message = models.ForeignKey(
        Message, verbose_name=_("message"), on_delete=models.CASCADE, related_name="deliveries"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="message_deliveries",
    )
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    error = models.CharField(_("error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("send log")
        constraints = [
            models.UniqueConstraint(fields=["message", "user"], name="one_delivery_per_person")
        ]

    def __str__(self):
        return f"{self.message} → {self.user}"
