"""What every request that staff decide shares: account requests, deletion requests,
cancellation requests and membership applications."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .fields import bounded_text


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class DecidedRequest(models.Model):
    """Status, who decided, when, and the note given with the decision. A subclass may redefine
    `status` with its own choices."""

    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = bounded_text(_("note with the decision"), 2000, blank=True)

    class Meta:
        abstract = True

    @property
    def is_pending(self):
        return self.decided_at is None

    def mark_decided(self, status, *, by, note=""):
        """Record the decision on the instance (the caller saves it inside its transaction)."""
        self.status = status
        self.decided_by = by
        self.decided_at = timezone.now()
        self.decision_note = note
