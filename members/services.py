"""Operations on accounts, files, organizations and the delegate role, membership
applications, the title and attestations."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from home.emails import queue_email

from .models import (
    ApplicationDecision,
    ApplicationDocument,
    Attestation,
    CreditEntry,
    MemberNumberSequence,
    MembershipApplication,
    Organization,
    TitleSettings,
    User,
    private_storage,
)
from .title import compute_progress
from .uploads import validate_pdf


def delegate_organizations(delegate):
    """The organizations a user may act for as a delegate."""
    return Organization.objects.filter(delegate_grants__user=delegate)


def colleagues_for_delegate(delegate):
    """The active accounts a delegate may register: people whose current function is at one of
    the delegate's organizations. Everything a delegate does for someone is scoped by this."""
    return (
        User.objects.filter(
            is_active=True,
            functions__end_date__isnull=True,
            functions__organization__in=delegate_organizations(delegate),
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def billing_details(user):
    """Name and address to copy onto an invoice for this person: the current employer's
    address is the main address."""
    organization = user.current_organization
    lines = []
    if organization:
        lines.append(organization.name)
        lines.append(organization.street)
        city = " ".join(p for p in [organization.city, organization.province] if p)
        lines.append(f"{city}  {organization.postal_code}".strip())
    return str(user), "\n".join(line for line in lines if line)


def organization_billing_details(organization):
    city = " ".join(p for p in [organization.city, organization.province] if p)
    lines = [organization.street, f"{city}  {organization.postal_code}".strip()]
    return organization.name, "\n".join(line for line in lines if line)


# --- Membership applications ("Devenir membre") -------------------------------------------


def start_application(user, *, by):
    """The applicant's open application, or a new draft prefilled from their file."""
    open_application = user.applications.exclude(
        status__in=[MembershipApplication.Status.APPROVED, MembershipApplication.Status.REJECTED]
    ).first()
    if open_application:
        return open_application
    function = user.current_function
    _name, address = billing_details(user)
    return MembershipApplication.objects.create(
        user=user,
        job_title=function.title if function else "",
        organization=function.organization if function else None,
        hired_on=function.start_date if function else None,
        address=address,
    )


def save_application_step(application, *, step, data, by):
    """Keep what a step collected; the applicant can stop here and resume later."""
    if not application.is_editable:
        raise ValidationError(_("This application can no longer be changed."))
    for name, value in data.items():
        setattr(application, name, value)
    application.step = max(application.step, step)
    application.save()
    return application


@transaction.atomic
def attach_document(application, *, kind, upload, by):
    """Check the PDF, then keep it in private storage under a random name, replacing the
    previous one of the same kind. A refused file leaves nothing behind."""
    if not application.is_editable:
        raise ValidationError(_("This application can no longer be changed."))
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
    return document


@transaction.atomic
def submit_application(application, *, by):
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if not application.is_editable:
        raise ValidationError(_("This application has already been submitted."))
    if not application.documents.filter(kind=ApplicationDocument.Kind.HIRING_RESOLUTION).exists():
        raise ValidationError(_("The hiring resolution (PDF) is required."))
    if not (application.accepts_code_of_ethics and application.certifies_accuracy):
        raise ValidationError(_("Both declarations are required."))
    resubmission = application.status == MembershipApplication.Status.DOCUMENTS_REQUESTED
    application.status = MembershipApplication.Status.SUBMITTED
    application.submitted_at = timezone.now()
    application.save()
    if resubmission:
        ApplicationDecision.objects.create(
            application=application, action=ApplicationDecision.Action.RESUBMITTED, by=by
        )
    _mail_applicant(application, "members_application_received")
    return application


@transaction.atomic
def approve_application(application, *, by):
    """Membership starts: member number, member price from now on, and exactly one dues
    invoice, however many times staff click."""
    from invoices.services import LineSpec, issue_invoice

    application = (
        MembershipApplication.objects.select_for_update()
        .select_related("user")
        .get(pk=application.pk)
    )
    if application.status == MembershipApplication.Status.APPROVED:
        return application
    if application.status != MembershipApplication.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted application can be approved."))
    user = User.objects.select_for_update().get(pk=application.user_id)
    rules = TitleSettings.load()
    if not user.member_number:
        sequence, _created = MemberNumberSequence.objects.select_for_update().get_or_create(pk=1)
        sequence.last_number += 1
        sequence.save()
        user.member_number = f"M{sequence.last_number:05d}"
    user.is_member = True
    user.save(update_fields=["is_member", "member_number"])
    with translation.override(user.language):
        description = _("Annual membership dues")
    application.dues_invoice = issue_invoice(
        lines=[LineSpec(str(description), rules.annual_dues, taxable=rules.dues_taxable)],
        customer=user,
        by=by,
    )
    application.status = MembershipApplication.Status.APPROVED
    application.decided_at = timezone.now()
    application.save()
    ApplicationDecision.objects.create(
        application=application, action=ApplicationDecision.Action.APPROVED, by=by
    )
    _mail_applicant(application, "members_application_approved")
    return application


@transaction.atomic
def reject_application(application, *, by, reason):
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if not reason.strip():
        raise ValidationError(_("Give the reason for the refusal."))
    if application.status != MembershipApplication.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted application can be rejected."))
    application.status = MembershipApplication.Status.REJECTED
    application.decided_at = timezone.now()
    application.save()
    ApplicationDecision.objects.create(
        application=application, action=ApplicationDecision.Action.REJECTED, by=by, message=reason
    )
    _mail_applicant(application, "members_application_rejected", reason=reason)
    return application


@transaction.atomic
def request_document(application, *, by, message):
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if not message.strip():
        raise ValidationError(_("Say which document is missing."))
    if application.status != MembershipApplication.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted application can be sent back."))
    application.status = MembershipApplication.Status.DOCUMENTS_REQUESTED
    application.save()
    ApplicationDecision.objects.create(
        application=application,
        action=ApplicationDecision.Action.DOCUMENT_REQUESTED,
        by=by,
        message=message,
    )
    _mail_applicant(application, "members_application_document_requested", reason=message)
    return application


def _mail_applicant(application, template, **extra):
    user = application.user
    queue_email(
        to=user.email,
        template=template,
        language=user.language,
        context={"name": user.get_full_name() or user.username, **extra},
    )


# --- Title and attestations ---------------------------------------------------------------


def title_progress(user, *, today=None):
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
def award_training_credits(user, *, source_key, earned_on, credits, label_fr, label_en, by):
    """Record the credits of an attended training (once per training) and issue its
    attestation; issue the title attestation when the total reaches the threshold."""
    CreditEntry.objects.get_or_create(
        user=user,
        source_key=source_key,
        defaults={
            "earned_on": earned_on,
            "credits": credits,
            "label_fr": label_fr,
            "label_en": label_en,
        },
    )
    _attest(
        user,
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
            kind=Attestation.Kind.TITLE,
            source_key="title",
            subject_fr=rules.title_name,
            subject_en=rules.title_name,
            credits=progress.total,
            achieved_on=progress.obtained_on,
        )


def _attest(user, *, kind, source_key, **values):
    existing = Attestation.objects.filter(user=user, kind=kind, source_key=source_key).first()
    if existing:
        return existing
    return Attestation.objects.create(
        user=user,
        kind=kind,
        source_key=source_key,
        holder_name=user.get_full_name() or user.username,
        code=_verification_code(),
        **values,
    )


def _verification_code():
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        code = "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))
        if not Attestation.objects.filter(code=code).exists():
            return code


@transaction.atomic
def create_file_for_application(
    *, first_name, last_name, email, username, password1, language, **_ignored
):
    """The first of the seven steps without a file: the participant file and a draft."""
    user = User.objects.create_user(
        username=username,
        email=email,
        password=password1,
        first_name=first_name,
        last_name=last_name,
        language=language,
    )
    application = MembershipApplication.objects.create(user=user, without_file=True, step=1)
    return user, application
