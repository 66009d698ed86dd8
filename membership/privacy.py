"""What the membership app keeps about a person, for "download my data" and for deletion
requests (registered with home.privacy from MembershipConfig.ready)."""

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import translation

from home import privacy
from home.audit import record
from members.models import User

from .models import (
    ApplicationDecision,
    ApplicationDocument,
    Attestation,
    CreditEntry,
    Membership,
    MembershipApplication,
    private_storage,
)
from .periods import localized_category


def _applications(user: User) -> list[dict[str, Any]]:
    applications = MembershipApplication.objects.filter(user=user).select_related(
        "organization", "dues_invoice"
    )
    return [
        {
            "status": a.status,
            "created_at": a.created_at,
            "submitted_at": a.submitted_at,
            "decided_at": a.decided_at,
            "decision_note": a.decision_note,
            "job_title": a.job_title,
            "organization": a.organization.name if a.organization_id else None,
            "hired_on": a.hired_on,
            "phone": a.phone,
            "street": a.street,
            "city": a.city,
            "province": a.province,
            "postal_code": a.postal_code,
            "statement": a.statement,
            "accepts_code_of_ethics": a.accepts_code_of_ethics,
            "certifies_accuracy": a.certifies_accuracy,
            "dues_invoice": a.dues_invoice.number if a.dues_invoice_id else None,
            "documents": [
                {
                    "kind": d.kind,
                    "original_name": d.original_name,
                    "size": d.size,
                    "uploaded_at": d.uploaded_at,
                    "download": reverse("membership:application_document", args=[d.pk]),
                }
                for d in a.documents.all()
            ],
            "decisions": [
                {"action": d.action, "message": d.message, "at": d.at} for d in a.decisions.all()
            ],
        }
        for a in applications
    ]


def _erase_applications(user: User, *, by: Any, former: dict[str, str]) -> None:
    """The applications, their decisions and their PDFs (deleted from private storage once
    the erasure commits). A dues invoice, being an invoice, is kept by the invoices app."""
    applications = list(MembershipApplication.objects.filter(user=user))
    files = list(
        ApplicationDocument.objects.filter(application__in=applications).values_list(
            "file", flat=True
        )
    )
    for application in applications:
        record(application, "membership.application_erased", by=by)
    MembershipApplication.objects.filter(pk__in=[a.pk for a in applications]).delete()

    def delete_files() -> None:
        storage = private_storage()
        for name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)


def _attestations(user: User) -> list[dict[str, Any]]:
    return [
        {
            "kind": a.kind,
            "holder_name": a.holder_name,
            "subject": a.subject_fr,
            "credits": a.credits,
            "achieved_on": a.achieved_on,
            "code": a.code,
            "issued_at": a.issued_at,
        }
        for a in Attestation.objects.filter(user=user)
    ]


def _erase_attestations(user: User, *, by: Any, former: dict[str, str]) -> None:
    """Attestations stay verifiable by their code (an employer may have a copy), without a
    name: the verification page then confirms the attestation only."""
    for attestation in Attestation.objects.filter(user=user).exclude(holder_name=""):
        attestation.holder_name = ""
        attestation.save(update_fields=["holder_name"])
        record(attestation, "membership.attestation_anonymised", by=by)


def _credits(user: User) -> list[dict[str, Any]]:
    return [
        {"earned_on": c.earned_on, "credits": c.credits, "label": c.label_fr}
        for c in CreditEntry.objects.filter(user=user)
    ]


def _erase_credits(user: User, *, by: Any, former: dict[str, str]) -> None:
    CreditEntry.objects.filter(user=user).delete()


def _periods(user: User) -> list[dict[str, Any]]:
    with translation.override(user.language):  # the category as named in the person's language
        return [
            _period(p)
            for p in Membership.objects.filter(user=user).select_related("category", "invoice")
        ]


def _period(p: Membership) -> dict[str, Any]:
    category = localized_category(p.category)
    return {
        "category": category.name if category else None,
        "starts_on": p.starts_on,
        "ends_on": p.ends_on,
        "status": p.status,
        "invoice": p.invoice.number if p.invoice_id else None,
    }


def _erase_periods(user: User, *, by: Any, former: dict[str, str]) -> None:
    """The periods stay with the invoices they point to (kept for the accounts); a pending
    renewal is cancelled so that nothing is issued to a closed account again."""
    for period in Membership.objects.filter(user=user, status=Membership.Status.PENDING):
        period.status = Membership.Status.CANCELLED
        period.save(update_fields=["status", "updated_at"])
        record(period, "membership.period_cancelled", by=by)


def register() -> None:
    privacy.register_section(
        "membership_applications",
        models=[
            "membership.MembershipApplication",
            "membership.ApplicationDocument",
            ApplicationDecision._meta.label,
        ],
        export=_applications,
        erase=_erase_applications,
    )
    privacy.register_section(
        "attestations",
        models=["membership.Attestation"],
        export=_attestations,
        erase=_erase_attestations,
    )
    privacy.register_section(
        "credits", models=["membership.CreditEntry"], export=_credits, erase=_erase_credits
    )
    privacy.register_section(
        "membership_periods",
        models=["membership.Membership"],
        export=_periods,
        erase=_erase_periods,
    )
