"""Deletion requests and erasure: a person asks for their file to be deleted, staff process the
request (every app's data erased or anonymised, tax records kept), or staff delete in the admin
someone nothing keeps. Each one runs in one transaction, as the other services."""

from django.db import transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from home import privacy
from home.audit import record
from home.emails import queue_email
from home.errors import QuorumError

from .models import DeletionRequest, User


@transaction.atomic
def request_deletion(user: User, *, reason: str = "", by: User) -> DeletionRequest:
    existing = user.deletion_requests.filter(status=DeletionRequest.Status.PENDING).first()
    if existing:
        return existing
    deletion_request = DeletionRequest.objects.create(user=user, reason=reason)
    record(deletion_request, "members.deletion_requested", by=by)
    return deletion_request


@transaction.atomic
def process_deletion_request(deletion_request: DeletionRequest, *, by: User) -> DeletionRequest:
    """Erase or anonymise everything the apps hold about the person, and deactivate the
    account. Invoices, credit notes, payments and refunds are kept as they are (tax law: six
    years) and still point to the (now anonymous) account."""
    deletion_request = DeletionRequest.objects.select_for_update().get(pk=deletion_request.pk)
    if deletion_request.status != DeletionRequest.Status.PENDING:
        raise QuorumError(_("This request was already processed."), code="processed")
    user = deletion_request.user
    email, language = user.email, user.language
    # Every app's data about the person, then the account itself (home/privacy.py).
    privacy.erase_person(user, by=by)
    # The last message to the old address: the file is erased.
    queue_email(to=email, template="members_account_closed", context={}, language=language)
    deletion_request.mark_decided(DeletionRequest.Status.PROCESSED, by=by)
    deletion_request.reason = ""
    deletion_request.save()
    record(deletion_request, "members.deletion_processed", by=by)
    return deletion_request


@transaction.atomic
def anonymise_user(user: User, *, by: User | None) -> User:
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
    record(user, "members.anonymised", by=by)
    return user


@transaction.atomic
def delete_person(user: User, *, by: User) -> None:
    """Staff delete a person in the admin. Only someone no invoice, registration or
    attestation keeps may go (those are erased by processing a deletion request, which keeps
    the anonymous account they point to). The same erasure as a processed deletion request
    runs first (every app's data, private files and photo, login logs and sessions, the name
    in the audit trail), then the account row goes: the audit trail keeps who deleted the
    (now anonymous) account and when, and the person is told at their old address, in their
    language. The refusal leaves everything as it was."""
    user = User.objects.select_for_update().get(pk=user.pk)
    name, email, language = str(user), user.email, user.language
    privacy.erase_person(user, by=by)
    record(user, "members.person_deleted", by=by, deleted=True)
    # Sent only if the deletion commits: a refusal below rolls it back with the rest.
    queue_email(to=email, template="members_account_deleted", context={}, language=language)
    try:
        user.delete()
    except (ProtectedError, RestrictedError) as kept:
        raise QuorumError(
            _(
                "“%(person)s” cannot be deleted: invoices, registrations or attestations "
                "refer to them. To erase their personal information, process a deletion "
                "request for them instead."
            )
            % {"person": name},
            code="kept",
        ) from kept
