"""Operations on accounts, files, organizations and the delegate role. Each one runs in one
transaction; views only check, call one of these, show a message and redirect."""

import io
import json
import secrets

from PIL import Image, ImageOps

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from home.emails import queue_email

from .models import (
    AccountRequest,
    Address,
    ApplicationDecision,
    ApplicationDocument,
    Attestation,
    CreditEntry,
    DelegateGrant,
    DeletionRequest,
    Function,
    MemberNumberSequence,
    MembershipApplication,
    Organization,
    Subscription,
    TitleSettings,
    User,
    private_storage,
)
from .title import compute_progress
from .uploads import validate_pdf

EMAIL_CHANGE_SALT = "members.email-change"
EMAIL_CHANGE_MAX_AGE = 2 * 24 * 60 * 60  # two days
PHOTO_SIZE = (400, 400)


class ServiceError(Exception):
    """A rule refused the operation; the message is safe to show."""


def delegate_organizations(delegate):
    """The organizations a user may act for as a delegate."""
    return Organization.objects.filter(delegate_grants__user=delegate)


def is_delegate(user):
    return user.is_authenticated and DelegateGrant.objects.filter(user=user).exists()


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


def _address_lines(street, city, province, postal_code):
    city_line = " ".join(p for p in [city, province] if p)
    return [line for line in [street, f"{city_line}  {postal_code}".strip()] if line]


def main_address(user):
    """The main address as (heading, lines): the current employer's address first, then the
    work address the person entered, then their personal address."""
    organization = user.current_organization
    if organization and (organization.street or organization.city):
        return organization.name, _address_lines(
            organization.street,
            organization.city,
            organization.province,
            organization.postal_code,
        )
    addresses = {a.kind: a for a in user.addresses.all()}
    for kind in (Address.WORK, Address.PERSONAL):
        address = addresses.get(kind)
        if address and not address.is_empty and address.lines():
            heading = organization.name if organization and kind == Address.WORK else ""
            return heading, address.lines()
    return (organization.name if organization else ""), []


def billing_details(user):
    """Name and address to copy onto an invoice for this person: the current employer's
    address is the main address; without one, the work then the personal address."""
    heading, lines = main_address(user)
    return str(user), "\n".join(line for line in [heading, *lines] if line)


def organization_billing_details(organization):
    city = " ".join(p for p in [organization.city, organization.province] if p)
    lines = [organization.street, f"{city}  {organization.postal_code}".strip()]
    return organization.name, "\n".join(line for line in lines if line)


def send_username_reminder(*, email):
    """Mail the username to the address if an active account uses it; nothing otherwise (the
    page answers the same either way)."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        return
    with translation.override(user.language):
        login_path = reverse("members:login")
    queue_email(
        to=user.email,
        template="members_forgot_username",
        context={
            "name": str(user),
            "username": user.username,
            "login_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + login_path,
        },
        language=user.language,
    )


# --- creating a file -------------------------------------------------------------------------

ADDRESS_FIELDS = ("street", "city", "province", "postal_code", "phone")


@transaction.atomic
def create_file(
    *,
    identity,
    work_address,
    personal_address,
    employment,
    information,
    subscriptions,
    interests=(),
    professional_orders=(),
):
    """Create a person's file from the five steps of "Créer un dossier", all at once.
    `identity` holds a hashed password (never the password itself)."""
    if User.objects.filter(username__iexact=identity["username"]).exists():
        raise ServiceError("username")
    if identity.get("email") and User.objects.filter(email__iexact=identity["email"]).exists():
        raise ServiceError("email")
    user = User(
        username=identity["username"],
        first_name=identity["first_name"],
        last_name=identity["last_name"],
        email=identity.get("email") or None,
        language=identity.get("language") or "fr",
        password=identity["password_hash"],
        work_phone=work_address.get("phone", ""),
    )
    _apply_information(user, information)
    user.save()
    for kind, data in ((Address.WORK, work_address), (Address.PERSONAL, personal_address)):
        Address.objects.create(user=user, kind=kind, **{f: data.get(f, "") for f in ADDRESS_FIELDS})
    organization = employment.get("organization")
    if organization is None and employment.get("new_organization"):
        organization = propose_organization(
            name=employment["new_organization"],
            city=employment.get("new_organization_city", ""),
            by=user,
        )
    if organization is not None and employment.get("title"):
        Function.objects.create(
            user=user,
            organization=organization,
            title=employment["title"],
            start_date=employment.get("start_date") or timezone.localdate(),
        )
    user.interests.set(interests)
    user.professional_orders.set(professional_orders)
    _save_subscriptions(user, subscriptions)
    return user


def propose_organization(*, name, city="", by):
    """A person's employer that is not listed yet: created inactive, for staff to validate.
    An existing organization of the same name is reused."""
    existing = Organization.objects.filter(name__iexact=name.strip()).first()
    if existing:
        return existing
    return Organization.objects.create(
        name=name.strip(), city=city, is_active=False, proposed_by=by
    )


def _apply_information(user, information):
    consent = bool(information.get("allergies_consent"))
    user.allergies_consent = consent
    # Without express consent nothing about health is kept.
    user.allergies = information.get("allergies", "").strip() if consent else ""
    user.expertise = information.get("expertise", "")
    user.other_associations = information.get("other_associations", "")
    user.linkedin_url = information.get("linkedin_url", "")


def _save_subscriptions(user, subscriptions):
    for code, _label in Subscription.LISTS:
        Subscription.objects.update_or_create(
            user=user, list=code, defaults={"subscribed": code in subscriptions}
        )


# --- the member file -------------------------------------------------------------------------


@transaction.atomic
def set_photo(user, image_file, *, by):
    """Resize the uploaded image (already validated by the form) and store it as a JPEG under
    a random name; the previous photo is removed."""
    image_file.seek(0)
    with Image.open(image_file) as image:
        image = ImageOps.exif_transpose(image).convert("RGB")
        image.thumbnail(PHOTO_SIZE)
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=85)
    old = user.photo.name if user.photo else None
    user.photo.save("photo.jpg", ContentFile(buffer.getvalue()), save=False)
    user.save(update_fields=["photo"])
    if old:
        transaction.on_commit(lambda: user.photo.storage.delete(old))
    return user


@transaction.atomic
def remove_photo(user, *, by):
    if user.photo:
        old = user.photo.name
        user.photo = ""
        user.save(update_fields=["photo"])
        transaction.on_commit(lambda: User._meta.get_field("photo").storage.delete(old))


@transaction.atomic
def change_username(user, *, username, by):
    if User.objects.filter(username__iexact=username).exclude(pk=user.pk).exists():
        raise ServiceError("username")
    user.username = username
    user.save(update_fields=["username"])
    return user


def _email_digest(email):
    return salted_hmac(EMAIL_CHANGE_SALT, email.lower()).hexdigest()[:32]


@transaction.atomic
def request_email_change(user, *, new_email, by):
    """Keep the new address aside and send it a signed, expiring confirmation link. The link
    holds no address, only the account and a digest of the address."""
    user.pending_email = new_email
    user.save(update_fields=["pending_email"])
    token = signing.dumps({"u": user.pk, "e": _email_digest(new_email)}, salt=EMAIL_CHANGE_SALT)
    with translation.override(user.language):
        path = reverse("members:email_confirm", args=[token])
    queue_email(
        to=new_email,
        template="members_email_change",
        context={"url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path, "name": str(user)},
        language=user.language,
    )
    return token


@transaction.atomic
def confirm_email_change(token, *, by=None):
    """Apply the change the link confirms; refuse expired, altered or superseded links."""
    try:
        data = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ServiceError("expired") from error
    except signing.BadSignature as error:
        raise ServiceError("invalid") from error
    user = User.objects.select_for_update().filter(pk=data.get("u")).first()
    if (
        user is None
        or not user.pending_email
        or _email_digest(user.pending_email) != data.get("e")
        or (by is not None and by.is_authenticated and by.pk != user.pk)
    ):
        raise ServiceError("invalid")
    if User.objects.filter(email__iexact=user.pending_email).exclude(pk=user.pk).exists():
        raise ServiceError("taken")
    old_email = user.email
    user.email = user.pending_email
    user.pending_email = ""
    if old_email and user.username.lower() == old_email.lower():
        user.username = user.email  # the access code was the e-mail: keep them together
    user.save(update_fields=["email", "pending_email", "username"])
    return user


@transaction.atomic
def update_addresses(user, *, work, personal, by):
    for kind, data in ((Address.WORK, work), (Address.PERSONAL, personal)):
        Address.objects.update_or_create(
            user=user, kind=kind, defaults={f: data.get(f, "") for f in ADDRESS_FIELDS}
        )
    user.work_phone = work.get("phone", "")
    user.save(update_fields=["work_phone"])


@transaction.atomic
def update_information(user, *, information, professional_orders, by):
    _apply_information(user, information)
    user.save(
        update_fields=[
            "allergies",
            "allergies_consent",
            "expertise",
            "other_associations",
            "linkedin_url",
        ]
    )
    user.professional_orders.set(professional_orders)


@transaction.atomic
def end_function(function, *, end_date, by):
    if function.end_date is not None:
        raise ServiceError("ended")
    if end_date < function.start_date:
        raise ServiceError("before_start")
    function.end_date = end_date
    function.save(update_fields=["end_date"])
    return function


@transaction.atomic
def add_function(user, *, organization=None, new_organization="", title, start_date, by):
    if organization is None:
        organization = propose_organization(name=new_organization, by=by)
    return Function.objects.create(
        user=user, organization=organization, title=title, start_date=start_date
    )


@transaction.atomic
def update_subscriptions(user, *, subscribed, by):
    _save_subscriptions(user, set(subscribed))


@transaction.atomic
def update_interests(user, *, interests, by):
    user.interests.set(interests)


@transaction.atomic
def update_directory(user, *, preferences, by):
    for field, value in preferences.items():
        setattr(user, field, bool(value))
    user.save(update_fields=list(preferences))


@transaction.atomic
def leave_directory(user, *, by):
    user.in_directory = False
    user.save(update_fields=["in_directory"])


def directory(viewer, *, query="", organization=None, region="", expertise=""):
    """The members a member may see in the directory: members who chose to appear in it."""
    from django.db.models import Prefetch, Q

    people = User.objects.filter(is_active=True, is_member=True, in_directory=True)
    if query:
        for word in query.split():
            people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    current = Q(functions__end_date__isnull=True, directory_show_function=True)
    if organization:
        people = people.filter(current, functions__organization=organization)
    if region:
        people = people.filter(current, functions__organization__region=region)
    if expertise:
        people = people.filter(directory_show_expertise=True, expertise__icontains=expertise)
    return (
        people.distinct()
        .order_by("last_name", "first_name")
        .prefetch_related(
            Prefetch("functions", queryset=Function.objects.select_related("organization"))
        )
    )


# --- delegates and account requests ----------------------------------------------------------


@transaction.atomic
def grant_delegate(user, *, organization, by):
    grant, _created = DelegateGrant.objects.get_or_create(
        user=user, organization=organization, defaults={"granted_by": by}
    )
    return grant


@transaction.atomic
def revoke_delegate(grant, *, by):
    grant.delete()


@transaction.atomic
def request_account(*, by, organization, first_name, last_name, email, title, language="fr"):
    """A delegate asks staff to open an account for a colleague of one of their organizations."""
    if not delegate_organizations(by).filter(pk=organization.pk).exists():
        raise ServiceError("organization")
    if User.objects.filter(email__iexact=email).exists():
        raise ServiceError("email_exists")
    if AccountRequest.objects.filter(email__iexact=email, status=AccountRequest.PENDING).exists():
        raise ServiceError("pending")
    return AccountRequest.objects.create(
        requested_by=by,
        organization=organization,
        first_name=first_name,
        last_name=last_name,
        email=email,
        title=title,
        language=language,
    )


def _unique_username(email):
    base = email.split("@")[0].lower()[:140] or "user"
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


def set_password_url(user):
    """An expiring, single-use link (Django's password-reset token) to choose a password."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    with translation.override(user.language):
        path = reverse("members:password_reset_confirm", args=[uid, token])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@transaction.atomic
def approve_account_request(request, *, by):
    request = AccountRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != AccountRequest.PENDING:
        raise ServiceError("decided")
    if User.objects.filter(email__iexact=request.email).exists():
        raise ServiceError("email_exists")
    user = User(
        username=_unique_username(request.email),
        first_name=request.first_name,
        last_name=request.last_name,
        email=request.email,
        language=request.language,
        is_active=True,
    )
    user.set_unusable_password()
    user.save()
    Function.objects.create(
        user=user,
        organization=request.organization,
        title=request.title,
        start_date=timezone.localdate(),
    )
    request.status = AccountRequest.APPROVED
    request.decided_at = timezone.now()
    request.decided_by = by
    request.created_user = user
    request.save()
    queue_email(
        to=user.email,
        template="members_account_invitation",
        context={
            "name": str(user),
            "username": user.username,
            "organization": request.organization.name,
            "url": set_password_url(user),
        },
        language=user.language,
    )
    queue_email(
        to=request.requested_by.email,
        template="members_account_request_approved",
        context={"name": str(user), "organization": request.organization.name},
        language=request.requested_by.language,
    )
    return user


@transaction.atomic
def reject_account_request(request, *, by, reason):
    request = AccountRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != AccountRequest.PENDING:
        raise ServiceError("decided")
    request.status = AccountRequest.REJECTED
    request.reason = reason
    request.decided_at = timezone.now()
    request.decided_by = by
    request.save()
    queue_email(
        to=request.requested_by.email,
        template="members_account_request_rejected",
        context={
            "name": f"{request.first_name} {request.last_name}",
            "organization": request.organization.name,
            "reason": reason,
        },
        language=request.requested_by.language,
    )
    return request


# --- privacy ---------------------------------------------------------------------------------


def export_data(user):
    """Everything the file holds about a person, as JSON text ("download my data")."""
    addresses = {a.kind: {f: getattr(a, f) for f in ADDRESS_FIELDS} for a in user.addresses.all()}
    data = {
        "account": {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "language": user.language,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "is_member": user.is_member,
            "member_number": user.member_number,
            "photo": user.photo.url if user.photo else None,
        },
        "addresses": addresses,
        "work_phone": user.work_phone,
        "information": {
            "allergies_consent": user.allergies_consent,
            "allergies": user.allergies,
            "expertise": user.expertise,
            "professional_orders": [o.name for o in user.professional_orders.all()],
            "other_associations": user.other_associations,
            "linkedin_url": user.linkedin_url,
        },
        "functions": [
            {
                "organization": f.organization.name,
                "title": f.title,
                "start_date": f.start_date,
                "end_date": f.end_date,
            }
            for f in user.functions.select_related("organization")
        ],
        "subscriptions": {
            s.list: {"subscribed": s.subscribed, "changed_at": s.changed_at}
            for s in user.subscriptions.all()
        },
        "interests": [i.name for i in user.interests.all()],
        "directory": {
            field: getattr(user, field)
            for field in (
                "in_directory",
                "directory_show_email",
                "directory_show_phone",
                "directory_show_function",
                "directory_show_expertise",
                "directory_show_linkedin",
            )
        },
        "delegate_for": [
            g.organization.name for g in user.delegate_grants.select_related("organization")
        ],
        "exported_at": timezone.now(),
    }
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


@transaction.atomic
def request_deletion(user, *, reason="", by):
    existing = user.deletion_requests.filter(status=DeletionRequest.PENDING).first()
    if existing:
        return existing
    return DeletionRequest.objects.create(user=user, reason=reason)


@transaction.atomic
def process_deletion_request(deletion_request, *, by):
    """Anonymise and deactivate the account. Invoices keep their copy of the billed name and
    address and still point to the (now anonymous) account, so nothing is deleted."""
    deletion_request = DeletionRequest.objects.select_for_update().get(pk=deletion_request.pk)
    if deletion_request.status != DeletionRequest.PENDING:
        raise ServiceError("processed")
    user = deletion_request.user
    email, language = user.email, user.language
    anonymise_user(user, by=by)
    # The last message to the old address: the file is erased.
    queue_email(to=email, template="members_account_closed", context={}, language=language)
    deletion_request.status = DeletionRequest.PROCESSED
    deletion_request.processed_at = timezone.now()
    deletion_request.processed_by = by
    deletion_request.reason = ""
    deletion_request.save()
    return deletion_request


@transaction.atomic
def anonymise_user(user, *, by):
    old_photo = user.photo.name if user.photo else None
    user.username = f"deleted-{user.pk}"
    user.first_name = ""
    user.last_name = str(translation.gettext_noop("Deleted account"))
    user.email = None
    user.pending_email = ""
    user.is_active = False
    user.set_unusable_password()
    user.photo = ""
    user.work_phone = ""
    user.allergies = ""
    user.allergies_consent = False
    user.expertise = ""
    user.other_associations = ""
    user.linkedin_url = ""
    user.in_directory = False
    user.anonymised_at = timezone.now()
    user.save()
    user.addresses.all().delete()
    user.subscriptions.all().delete()
    user.interests.clear()
    user.professional_orders.clear()
    user.delegate_grants.all().delete()
    if old_photo:
        transaction.on_commit(lambda: User._meta.get_field("photo").storage.delete(old_photo))
    return user


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
        user.member_number = _next_member_number()
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


def _next_member_number():
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
