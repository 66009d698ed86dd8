"""Membership applications ("Devenir membre"), the credits members earn toward the title and the
attestations the association issues. Each operation runs in one transaction; views only check,
call one of these, show a message and redirect."""

import datetime
import secrets
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from home.audit import record
from home.emails import queue_email, queue_staff_alert
from home.errors import QuorumError
from home.links import absolute_url, url_in
from members.models import Address, User
from members.services import one_account_per_identity, propose_organization

from . import periods
from .models import (
    ApplicationDecision,
    ApplicationDocument,
    Attestation,
    CreditEntry,
    MemberNumberSequence,
    MembershipApplication,
    TitleSettings,
    private_storage,
)
from .periods import MembershipStatus, users_with_status  # noqa: F401 (the service API)
from .title import TitleProgress, compute_progress
from .uploads import validate_pdf

CLOSED = [MembershipApplication.Status.APPROVED, MembershipApplication.Status.REJECTED]

# --- Membership applications ("Devenir membre") -------------------------------------------


def open_application(user: User) -> MembershipApplication | None:
    """The applicant's application that is neither approved nor rejected, if any."""
    return (
        MembershipApplication.objects.filter(user=user)
        .exclude(status__in=CLOSED)
        .prefetch_related("documents")
        .first()
    )


def start_application(user: User, *, by: User) -> MembershipApplication:
    """The applicant's open application, or a new draft prefilled from their file."""
    existing = open_application(user)
    if existing:
        return existing
    function = user.current_function
    application = MembershipApplication.objects.create(
        user=user,
        job_title=function.title if function else "",
        organization=function.organization if function else None,
        hired_on=function.start_date if function else None,
        **_work_address(user),
    )
    record(application, "membership.application_started", by=by)
    return application


def _work_address(user: User) -> dict[str, str]:
    """The work address of the person's file ("Mon dossier"), else their employer's."""
    address = user.addresses.filter(kind=Address.Kind.WORK).first()
    source = address if address is not None and not address.is_empty else user.current_organization
    if source is None:
        return {}
    return {name: getattr(source, name) for name in ("street", "city", "province", "postal_code")}


@transaction.atomic
def create_file_for_application(
    *,
    first_name: str,
    last_name: str,
    email: str,
    username: str,
    password1: str,
    language: str,
    **_ignored: object,
) -> tuple[User, MembershipApplication]:
    """The first of the seven steps without a file: the participant file and a draft."""
    with one_account_per_identity(username=username, email=email):
        user = User.objects.create_user(
            username=username,
            email=email,
            password=password1,
            first_name=first_name,
            last_name=last_name,
            language=language,
        )
    application = MembershipApplication.objects.create(user=user, without_file=True, step=1)
    record(user, "membership.file_created", by=user)
    record(application, "membership.application_started", by=user)
    return user, application


def _check_editable(application: MembershipApplication) -> None:
    if not application.is_editable:
        raise QuorumError(_("This application can no longer be changed."), code="not_editable")


@transaction.atomic
def save_application_step(
    application: MembershipApplication, *, step: int, data: dict, by: User
) -> MembershipApplication:
    """Keep what a step collected; the applicant can stop here and resume later."""
    _check_editable(application)
    data = dict(data)
    proposed_name = (data.pop("new_organization", "") or "").strip()
    proposed_city = data.pop("new_organization_city", "") or ""
    if proposed_name and data.get("organization") is None:
        # "My employer is not listed": proposed as in "Créer un dossier", for staff to validate.
        data["organization"] = propose_organization(name=proposed_name, city=proposed_city, by=by)
    for name, value in data.items():
        setattr(application, name, value)
    application.step = max(application.step, step)
    application.save()
    record(application, "membership.application_step_saved", by=by, data={"step": step})
    return application


@transaction.atomic
def attach_document(
    application: MembershipApplication, *, kind: str, upload: UploadedFile, by: User
) -> ApplicationDocument:
    """Check the PDF, then keep it in private storage under a random name, replacing the
    previous one of the same kind. A refused file leaves nothing behind."""
    _check_editable(application)
    validate_pdf(upload)
    previous = application.documents.filter(kind=kind).first()
    document = ApplicationDocument(
        application=application,
        kind=kind,
        original_name=upload.name[-200:],
        size=upload.size,
    )
    if previous:
        old_file = previous.file.name
        previous.delete()
        transaction.on_commit(lambda: private_storage().delete(old_file))
    document.file.save("upload.pdf", upload, save=False)
    stored = document.file.name
    try:
        document.save()
    except Exception:
        private_storage().delete(stored)
        raise
    record(
        application,
        "membership.document_attached",
        by=by,
        data={"kind": kind, "replaced": previous is not None},
    )
    return document


@transaction.atomic
def submit_application(application: MembershipApplication, *, by: User) -> MembershipApplication:
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if not application.is_editable:
        raise QuorumError(
            _("This application has already been submitted."), code="already_submitted"
        )
    if not application.documents.filter(kind=ApplicationDocument.Kind.HIRING_RESOLUTION).exists():
        raise QuorumError(
            _("The hiring resolution (PDF) is required."), code="hiring_resolution_missing"
        )
    if not (application.accepts_code_of_ethics and application.certifies_accuracy):
        raise QuorumError(_("Both declarations are required."), code="declarations_missing")
    resubmission = application.status == MembershipApplication.Status.DOCUMENTS_REQUESTED
    application.status = MembershipApplication.Status.SUBMITTED
    application.submitted_at = timezone.now()
    application.save()
    if resubmission:
        ApplicationDecision.objects.create(
            application=application, action=ApplicationDecision.Action.RESUBMITTED, by=by
        )
    record(application, "membership.application_submitted", by=by)
    _mail_applicant(application, "membership_application_received")
    user = application.user
    queue_staff_alert(
        template="membership_staff_application_submitted",
        context={
            "name": str(user),
            "email": user.email or "",
            "resubmission": resubmission,
            "review_url": absolute_url(
                reverse("membership_applications:review", args=[application.pk])
            ),
        },
    )
    return application


@transaction.atomic
def approve_application(application: MembershipApplication, *, by: User) -> MembershipApplication:
    """Membership starts: member number, member price from now on, and exactly one dues
    invoice, however many times staff click."""
    application = (
        MembershipApplication.objects.select_for_update()
        .select_related("user")
        .get(pk=application.pk)
    )
    if application.status == MembershipApplication.Status.APPROVED:
        return application
    if application.status != MembershipApplication.Status.SUBMITTED:
        raise QuorumError(_("Only a submitted application can be approved."), code="not_submitted")
    user = User.objects.select_for_update().get(pk=application.user_id)
    if not user.member_number:
        user.member_number = _next_member_number()
    user.is_member = True
    user.save(update_fields=["is_member", "member_number"])
    # The first period: the current association year, dues from the default category.
    period = periods.start_first_period(user, by=by, billed_address=_dues_address(application))
    application.dues_invoice = period.invoice
    application.mark_decided(MembershipApplication.Status.APPROVED, by=by)
    application.save()
    ApplicationDecision.objects.create(
        application=application, action=ApplicationDecision.Action.APPROVED, by=by
    )
    record(
        application,
        "membership.application_approved",
        by=by,
        data={"member_number": user.member_number, "invoice": application.dues_invoice_id},
    )
    _mail_applicant(
        application, "membership_application_approved", dues=bool(application.dues_invoice_id)
    )
    return application


def _dues_address(application: MembershipApplication) -> str | None:
    """The work address given in the application, under the employer's name; None (the
    person's main address) when the application has none."""
    lines = application.address_lines()
    if not (application.street or application.city):
        return None
    organization = application.organization.name if application.organization else ""
    return "\n".join(line for line in [organization, *lines] if line)


def _next_member_number() -> str:
    """M-1001, M-1002, … taken under a row lock; numbers given by hand are skipped."""
    sequence, _created = MemberNumberSequence.objects.select_for_update().get_or_create(pk=1)
    number = max(sequence.last_number, 1000)
    while True:
        number += 1
        candidate = f"M-{number}"
        if not User.objects.filter(member_number=candidate).exists():
            break
    sequence.last_number = number
    sequence.save(update_fields=["last_number"])
    return candidate


@transaction.atomic
def reject_application(
    application: MembershipApplication, *, by: User, reason: str
) -> MembershipApplication:
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if not reason.strip():
        raise QuorumError(_("Give the reason for the refusal."), code="reason_missing")
    if application.status != MembershipApplication.Status.SUBMITTED:
        raise QuorumError(_("Only a submitted application can be rejected."), code="not_submitted")
    application.mark_decided(MembershipApplication.Status.REJECTED, by=by, note=reason)
    application.save()
    ApplicationDecision.objects.create(
        application=application, action=ApplicationDecision.Action.REJECTED, by=by, message=reason
    )
    record(application, "membership.application_rejected", by=by)
    _mail_applicant(application, "membership_application_rejected", reason=reason)
    return application


@transaction.atomic
def request_document(
    application: MembershipApplication, *, by: User, message: str
) -> MembershipApplication:
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if not message.strip():
        raise QuorumError(_("Say which document is missing."), code="message_missing")
    if application.status != MembershipApplication.Status.SUBMITTED:
        raise QuorumError(_("Only a submitted application can be sent back."), code="not_submitted")
    application.status = MembershipApplication.Status.DOCUMENTS_REQUESTED
    application.save()
    ApplicationDecision.objects.create(
        application=application,
        action=ApplicationDecision.Action.DOCUMENT_REQUESTED,
        by=by,
        message=message,
    )
    record(application, "membership.document_requested", by=by)
    status_url = url_in(application.user.language, "membership:apply_status")
    _mail_applicant(
        application,
        "membership_application_document_requested",
        reason=message,
        status_url=status_url,
    )
    return application


def _mail_applicant(application: MembershipApplication, template: str, **extra: object) -> None:
    user = application.user
    queue_email(
        to=user.email,
        template=template,
        language=user.language,
        context={"name": str(user), **extra},
    )


# --- Title and attestations ---------------------------------------------------------------


def title_progress(user: User, *, today: datetime.date | None = None) -> TitleProgress:
    rules = TitleSettings.load()
    return compute_progress(
        user.credit_entries.values_list("earned_on", "credits"),
        to_obtain=rules.credits_to_obtain,
        per_cycle=rules.credits_per_cycle,
        cycle_years=rules.cycle_years,
        first_cycle_start=rules.cycle_start,
        today=today or timezone.localdate(),
    )


@transaction.atomic
def award_training_credits(
    user: User,
    *,
    source_key: str,
    earned_on: datetime.date,
    credits: Decimal,
    label_fr: str,
    label_en: str,
    by: User | None,
) -> None:
    """Record the credits of an attended training (once per training) and issue its
    attestation; issue the title attestation when the total reaches the threshold."""
    entry, created = CreditEntry.objects.get_or_create(
        user=user,
        source_key=source_key,
        defaults={
            "earned_on": earned_on,
            "credits": credits,
            "label_fr": label_fr,
            "label_en": label_en,
        },
    )
    if created:
        record(entry, "membership.credits_awarded", by=by, data={"credits": str(credits)})
    _attest(
        user,
        by=by,
        kind=Attestation.Kind.TRAINING,
        source_key=source_key,
        subject_fr=label_fr,
        subject_en=label_en,
        credits=credits,
        achieved_on=earned_on,
    )
    progress = title_progress(user, today=max(earned_on, timezone.localdate()))
    if progress.obtained:
        rules = TitleSettings.load()
        _attest(
            user,
            by=by,
            kind=Attestation.Kind.TITLE,
            source_key=Attestation.TITLE_SOURCE,
            subject_fr=rules.title_name,
            subject_en=rules.title_name,
            credits=progress.total,
            achieved_on=progress.obtained_on,
        )


def _attest(
    user: User, *, by: User | None, kind: str, source_key: str, **values: object
) -> Attestation:
    existing = Attestation.objects.filter(user=user, kind=kind, source_key=source_key).first()
    if existing:
        return existing
    attestation = Attestation.objects.create(
        user=user,
        kind=kind,
        source_key=source_key,
        holder_name=str(user),
        code=_verification_code(),
        **values,
    )
    record(attestation, "membership.attestation_issued", by=by, data={"kind": kind})
    return attestation


def attestation_for_code(typed: str) -> Attestation | None:
    """The attestation a verification code names, as a person types it from the printed
    attestation: any case, with or without its dashes, with spaces (None when none has it)."""
    code = typed.strip().upper()
    compact = "".join(c for c in code if c.isascii() and c.isalnum())
    if len(compact) == 12:  # the shape _verification_code gives: ABCD-EFGH-JKLM
        code = "-".join(compact[i : i + 4] for i in range(0, 12, 4))
    if not code or "\x00" in code:
        return None
    return Attestation.objects.filter(code=code).first()


def _verification_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        code = "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))
        if not Attestation.objects.filter(code=code).exists():
            return code
