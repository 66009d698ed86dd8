"""Operations on accounts, files, organizations and the delegate role. Each one runs in one
transaction; views only check, call one of these, show a message and redirect."""

import datetime
import io
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from PIL import Image, ImageOps

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from home import privacy
from home.audit import record
from home.emails import queue_email
from home.errors import QuorumError
from home.links import url_in
from home.ordering import name_order
from home.text import every_word

from . import notices
from .models import (
    AccountRequest,
    Address,
    DelegateGrant,
    Function,
    Interest,
    Organization,
    ProfessionalOrder,
    Subscription,
    User,
)

EMAIL_CHANGE_SALT = "members.email-change"
EMAIL_CHANGE_MAX_AGE = 2 * 24 * 60 * 60  # two days
PHOTO_SIZE = (400, 400)


# Messages used by several refusals (translated when raised).


def _taken_meanwhile() -> str:
    return _("This username or e-mail was taken meanwhile. Please choose another.")


def _invalid_link() -> str:
    return _("This confirmation link is not valid, or was replaced by a newer one.")


def _already_decided() -> str:
    return _("This request was already decided.")


# --- one e-mail, one account ------------------------------------------------------------------


def _used_by_another(field: str, value: str | None, but: User | None) -> bool:
    value = (value or "").strip()
    if not value:
        return False
    others = User.objects.filter(**{f"{field}__iexact": value})
    if but is not None and but.pk is not None:
        others = others.exclude(pk=but.pk)
    return others.exists()


def email_taken(email: str | None, *, but: User | None = None) -> bool:
    """Whether an account uses this e-mail, whatever its case (login by e-mail and "Forgot
    your username?" find the account by it). `but` is the account being changed, which keeps
    its own address."""
    return _used_by_another("email", email, but)


def username_taken(username: str | None, *, but: User | None = None) -> bool:
    """Whether an account uses this username, whatever its case (login finds it so)."""
    return _used_by_another("username", username, but)


def _refuse_taken(username: str, email: str | None, but: User | None, message: str) -> None:
    if username_taken(username, but=but):
        raise QuorumError(message, code="username_taken")
    if email_taken(email, but=but):
        raise QuorumError(message, code="email_taken")


@contextmanager
def one_account_per_identity(
    *, username: str, email: str | None, but: User | None = None, message: str = ""
) -> Iterator[None]:
    """Around the save of an account with this username and e-mail (`but`, when it exists):
    refused when another account uses either, whatever its case. Its form checked them, but
    another account may have taken one since; if it did so after this check too, the database's
    unique indexes refuse the save (members 0012) and the refusal is the same."""
    message = message or _taken_meanwhile()
    _refuse_taken(username, email, but, message)
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        _refuse_taken(username, email, but, message)
        raise


def delegate_organizations(delegate: User) -> QuerySet[Organization]:
    """The organizations a user may act for as a delegate."""
    return Organization.objects.filter(delegate_grants__user=delegate)


def is_delegate(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and DelegateGrant.objects.filter(user=user).exists()


def colleagues_for_delegate(delegate: User) -> QuerySet[User]:
    """The active accounts a delegate may register: people whose current function is at one of
    the delegate's organizations. Everything a delegate does for someone is scoped by this."""
    return (
        User.objects.filter(
            is_active=True,
            functions__end_date__isnull=True,
            functions__organization__in=delegate_organizations(delegate),
        )
        .distinct()
        .order_by(*name_order())
    )


def send_username_reminder(*, email: str) -> None:
    """Mail the username to the address if an active account uses it; nothing otherwise (the
    page answers the same either way)."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        return
    queue_email(
        to=user.email,
        template="members_forgot_username",
        context={
            "name": str(user),
            "username": user.username,
            "login_url": url_in(user.language, "members:login"),
        },
        language=user.language,
    )


# --- creating a file -------------------------------------------------------------------------

ADDRESS_FIELDS = ("street", "city", "province", "postal_code", "phone")


@transaction.atomic
def create_file(
    *,
    identity: dict,
    work_address: dict,
    personal_address: dict,
    employment: dict,
    information: dict,
    subscriptions: Iterable[str],
    interests: Iterable[Interest] = (),
    professional_orders: Iterable[ProfessionalOrder] = (),
) -> User:
    """Create a person's file from the five steps of "Créer un dossier", all at once.
    `identity` holds a hashed password (never the password itself)."""
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
    with one_account_per_identity(username=user.username, email=user.email):
        user.save()
    for kind, data in (
        (Address.Kind.WORK, work_address),
        (Address.Kind.PERSONAL, personal_address),
    ):
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
    record(user, "members.file_created", by=user)
    notices.send_welcome(user)
    return user


def propose_organization(*, name: str, city: str = "", by: User) -> Organization:
    """A person's employer that is not listed yet: created inactive, for staff to validate.
    An existing organization of the same name is reused."""
    existing = Organization.objects.filter(name__iexact=name.strip()).first()
    if existing:
        return existing
    organization = Organization.objects.create(
        name=name.strip(), city=city, is_active=False, proposed_by=by
    )
    record(organization, "members.organization_proposed", by=by)
    return organization


def _apply_information(user: User, information: dict) -> None:
    consent = bool(information.get("allergies_consent"))
    user.allergies_consent = consent
    # Without express consent nothing about health is kept.
    user.allergies = information.get("allergies", "").strip() if consent else ""
    user.expertise = information.get("expertise", "")
    user.other_associations = information.get("other_associations", "")
    user.linkedin_url = information.get("linkedin_url", "")


def _save_subscriptions(user: User, subscriptions: Iterable[str]) -> None:
    for code in Subscription.List.values:
        Subscription.objects.update_or_create(
            user=user, list=code, defaults={"subscribed": code in subscriptions}
        )


# --- the member file -------------------------------------------------------------------------


@transaction.atomic
def set_photo(user: User, image_file: File, *, by: User) -> User:
    """Resize the uploaded image (already validated by the form) and store it as a JPEG under
    a random name; the previous photo is removed."""
    image_file.seek(0)
    with Image.open(image_file) as image:
        # A JPEG is decoded at the smallest scale still larger than the photo (a fraction of
        # the memory and time of the full picture).
        image.draft("RGB", PHOTO_SIZE)
        image = ImageOps.exif_transpose(image).convert("RGB")
        image.thumbnail(PHOTO_SIZE)
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=85)
    old = user.photo.name if user.photo else None
    user.photo.save("photo.jpg", ContentFile(buffer.getvalue()), save=False)
    user.save(update_fields=["photo"])
    if old:
        transaction.on_commit(lambda: user.photo.storage.delete(old))
    record(user, "members.photo_changed", by=by)
    return user


@transaction.atomic
def remove_photo(user: User, *, by: User) -> None:
    if user.photo:
        old = user.photo.name
        user.photo = ""
        user.save(update_fields=["photo"])
        transaction.on_commit(lambda: User._meta.get_field("photo").storage.delete(old))
        record(user, "members.photo_removed", by=by)


@transaction.atomic
def change_username(user: User, *, username: str, by: User) -> User:
    with one_account_per_identity(
        username=username,
        email=None,
        but=user,
        message=_("This username is already taken. Choose another."),
    ):
        user.username = username
        user.save(update_fields=["username"])
    record(user, "members.username_changed", by=by)
    return user


def password_changed(user: User, *, by: User | None) -> None:
    """After Django's password change or reset: recorded, and the person told by e-mail."""
    record(user, "members.password_changed", by=by)
    notices.send_password_changed(user)


def _email_digest(email: str) -> str:
    return salted_hmac(EMAIL_CHANGE_SALT, email.lower()).hexdigest()[:32]


@transaction.atomic
def request_email_change(user: User, *, new_email: str, by: User) -> str:
    """Keep the new address aside and send it a signed, expiring confirmation link. The link
    holds no address, only the account and a digest of the address."""
    user.pending_email = new_email
    user.save(update_fields=["pending_email"])
    token = signing.dumps({"u": user.pk, "e": _email_digest(new_email)}, salt=EMAIL_CHANGE_SALT)
    queue_email(
        to=new_email,
        template="members_email_change",
        context={"url": url_in(user.language, "members:email_confirm", token), "name": str(user)},
        language=user.language,
    )
    record(user, "members.email_change_requested", by=by)
    return token


@transaction.atomic
def confirm_email_change(token: str, *, by: User | AnonymousUser | None = None) -> User:
    """Apply the change the link confirms; refuse expired, altered or superseded links."""
    try:
        data = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_MAX_AGE)
    except signing.SignatureExpired as error:
        raise QuorumError(
            _("This confirmation link has expired. Ask for the change again from your file."),
            code="expired",
        ) from error
    except signing.BadSignature as error:
        raise QuorumError(_invalid_link(), code="invalid") from error
    user = User.objects.select_for_update().filter(pk=data.get("u")).first()
    if (
        user is None
        or not user.pending_email
        or _email_digest(user.pending_email) != data.get("e")
        or (by is not None and by.is_authenticated and by.pk != user.pk)
    ):
        raise QuorumError(_invalid_link(), code="invalid")
    old_email = user.email
    user.email = user.pending_email
    user.pending_email = ""
    if (
        old_email
        and user.username.lower() == old_email.lower()
        and not username_taken(user.email, but=user)
    ):
        # The access code was the e-mail: keep them together, unless another account's
        # username is the new address (the old one stays the access code then).
        user.username = user.email
    with one_account_per_identity(
        username=user.username,
        email=user.email,
        but=user,
        message=_(
            "Another file now uses this address. Ask for the change again with another address."
        ),
    ):
        user.save(update_fields=["email", "pending_email", "username"])
    record(user, "members.email_changed", by=by)
    notices.send_email_changed(user, old_email=old_email)
    return user


@transaction.atomic
def update_addresses(user: User, *, work: dict, personal: dict, by: User) -> None:
    for kind, data in ((Address.Kind.WORK, work), (Address.Kind.PERSONAL, personal)):
        Address.objects.update_or_create(
            user=user, kind=kind, defaults={f: data.get(f, "") for f in ADDRESS_FIELDS}
        )
    user.work_phone = work.get("phone", "")
    user.save(update_fields=["work_phone"])
    record(user, "members.addresses_changed", by=by)


@transaction.atomic
def update_information(
    user: User, *, information: dict, professional_orders: Iterable[ProfessionalOrder], by: User
) -> None:
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
    # What changed is not logged: the section holds health data.
    record(user, "members.information_changed", by=by)


@transaction.atomic
def end_function(function: Function, *, end_date: datetime.date, by: User) -> Function:
    if function.end_date is not None:
        raise QuorumError(_("This function has already ended."), code="ended")
    if end_date < function.start_date:
        raise QuorumError(_("The end date comes before the start date."), code="before_start")
    function.end_date = end_date
    function.save(update_fields=["end_date"])
    record(function, "members.function_ended", by=by, data={"end_date": str(end_date)})
    return function


@transaction.atomic
def add_function(
    user: User,
    *,
    organization: Organization | None = None,
    new_organization: str = "",
    title: str,
    start_date: datetime.date,
    by: User,
) -> Function:
    if organization is None:
        organization = propose_organization(name=new_organization, by=by)
    function = Function.objects.create(
        user=user, organization=organization, title=title, start_date=start_date
    )
    record(function, "members.function_added", by=by)
    return function


@transaction.atomic
def update_subscriptions(user: User, *, subscribed: Iterable[str], by: User) -> None:
    subscribed = set(subscribed)
    _save_subscriptions(user, subscribed)
    record(user, "members.subscriptions_changed", by=by, data={"subscribed": sorted(subscribed)})


@transaction.atomic
def update_interests(user: User, *, interests: Iterable[Interest], by: User) -> None:
    user.interests.set(interests)
    record(user, "members.interests_changed", by=by)


@transaction.atomic
def update_directory(user: User, *, preferences: dict[str, bool], by: User) -> None:
    for field, value in preferences.items():
        setattr(user, field, bool(value))
    user.save(update_fields=list(preferences))
    record(
        user, "members.directory_changed", by=by, data={k: bool(v) for k, v in preferences.items()}
    )


@transaction.atomic
def leave_directory(user: User, *, by: User) -> None:
    user.in_directory = False
    user.save(update_fields=["in_directory"])
    record(user, "members.directory_left", by=by)


def directory(
    viewer: User,
    *,
    query: str = "",
    organization: Organization | None = None,
    region: str = "",
    expertise: str = "",
) -> QuerySet[User]:
    """The members a member may see in the directory: members who chose to appear in it.
    `query` matches, word by word and without regard to accents or case, the name and the
    current employer of those who show it (the folded `directory_search` column)."""
    people = User.objects.filter(
        every_word("directory_search", query), is_active=True, is_member=True, in_directory=True
    )
    # Filters on the current employer as subqueries: no join, so no duplicate rows to remove.
    current = Function.objects.filter(end_date__isnull=True)
    if organization:
        people = people.filter(
            directory_show_function=True,
            pk__in=current.filter(organization=organization).values("user_id"),
        )
    if region:
        people = people.filter(
            directory_show_function=True,
            pk__in=current.filter(organization__region=region).values("user_id"),
        )
    if expertise:
        people = people.filter(directory_show_expertise=True, expertise__icontains=expertise)
    return people.order_by(*name_order(), "pk").prefetch_related(
        Prefetch("functions", queryset=Function.objects.select_related("organization"))
    )


# --- delegates and account requests ----------------------------------------------------------


@transaction.atomic
def request_account(
    *,
    by: User,
    organization: Organization,
    first_name: str,
    last_name: str,
    email: str,
    title: str,
    language: str = "fr",
) -> AccountRequest:
    """A delegate asks staff to open an account for a colleague of one of their organizations."""
    if not delegate_organizations(by).filter(pk=organization.pk).exists():
        raise QuorumError(_("Choose one of your organizations."), code="organization")
    if email_taken(email):
        raise QuorumError(_("An account already uses this e-mail."), code="email_exists")
    pending = AccountRequest.objects.filter(
        email__iexact=email, status=AccountRequest.Status.PENDING
    )
    if pending.exists():
        raise QuorumError(
            _("A request for this e-mail is already waiting for staff."), code="pending"
        )
    account_request = AccountRequest.objects.create(
        requested_by=by,
        organization=organization,
        first_name=first_name,
        last_name=last_name,
        email=email,
        title=title,
        language=language,
    )
    record(account_request, "members.account_requested", by=by)
    return account_request


def _unique_username(email: str) -> str:
    base = email.split("@")[0].lower()[:140] or "user"
    candidate, n = base, 1
    while username_taken(candidate):
        n += 1
        candidate = f"{base}{n}"
    return candidate


def set_password_url(user: User) -> str:
    """An expiring, single-use link (Django's password-reset token) to choose a password."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return url_in(user.language, "members:password_reset_confirm", uid, token)


@transaction.atomic
def approve_account_request(request: AccountRequest, *, by: User) -> User:
    request = AccountRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != AccountRequest.Status.PENDING:
        raise QuorumError(_already_decided(), code="decided")
    user = User(
        username=_unique_username(request.email),
        first_name=request.first_name,
        last_name=request.last_name,
        email=request.email,
        language=request.language,
        is_active=True,
    )
    user.set_unusable_password()
    with one_account_per_identity(
        username=user.username,
        email=user.email,
        message=_("This request cannot be approved: an account uses the e-mail."),
    ):
        user.save()
    Function.objects.create(
        user=user,
        organization=request.organization,
        title=request.title,
        start_date=timezone.localdate(),
    )
    request.mark_decided(AccountRequest.Status.APPROVED, by=by)
    request.created_user = user
    request.save()
    record(request, "members.account_request_approved", by=by, data={"user": user.pk})
    record(user, "members.account_created", by=by, data={"account_request": request.pk})
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
def reject_account_request(request: AccountRequest, *, by: User, reason: str) -> AccountRequest:
    request = AccountRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != AccountRequest.Status.PENDING:
        raise QuorumError(_already_decided(), code="decided")
    request.mark_decided(AccountRequest.Status.REJECTED, by=by, note=reason)
    request.save()
    record(request, "members.account_request_rejected", by=by)
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


def export_data(user: User) -> str:
    """Everything the site holds about a person, as JSON text ("download my data"): every
    section the apps registered with home.privacy."""
    data = {**privacy.export_person(user), "exported_at": timezone.now()}
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


# --- the delegate role (granted by staff) ----------------------------------------------------


@transaction.atomic
def grant_delegate(*, user: User, organization: Organization, by: User) -> DelegateGrant:
    """Let `user` act as delegate for `organization`; granting twice keeps one grant."""
    grant, created = DelegateGrant.objects.get_or_create(
        user=user, organization=organization, defaults={"granted_by": by}
    )
    if created:
        record(grant, "members.delegate_granted", by=by)
        notices.send_delegate_granted(grant)
    return grant


@transaction.atomic
def revoke_delegate(grant: DelegateGrant, *, by: User) -> None:
    record(grant, "members.delegate_revoked", by=by)
    grant.delete()
