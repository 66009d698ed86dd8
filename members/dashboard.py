"""The members' queues on the staff dashboard: account requests from delegates and deletion
requests waiting for staff, each counted only for the users who may decide them."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from home.dashboard import DecisionRow, add_decisions
from home.requests import RequestStatus

from .models import AccountRequest, DeletionRequest

# The permissions the decide (account) and process (deletion) views require.
ACCOUNT_REQUESTS_PERMISSION = "members.change_accountrequest"
DELETION_REQUESTS_PERMISSION = "members.change_deletionrequest"


def pending_account_requests() -> int:
    return AccountRequest.objects.filter(status=AccountRequest.Status.PENDING).count()


def pending_deletion_requests() -> int:
    return DeletionRequest.objects.filter(status=DeletionRequest.Status.PENDING).count()


def _pending_url(viewset_name: str) -> str:
    return f"{reverse(f'{viewset_name}:index')}?{urlencode({'status': RequestStatus.PENDING})}"


def account_request_rows() -> list[DecisionRow]:
    return [
        DecisionRow(
            label=_("Account requests"),
            count=pending_account_requests(),
            url=_pending_url("member_account_requests"),
        )
    ]


def deletion_request_rows() -> list[DecisionRow]:
    return [
        DecisionRow(
            label=_("Deletion requests"),
            count=pending_deletion_requests(),
            url=_pending_url("member_deletion_requests"),
        )
    ]


def add_panels(request, panels: list) -> None:
    user = request.user
    if user.has_perm(ACCOUNT_REQUESTS_PERMISSION):
        add_decisions(panels, account_request_rows)
    if user.has_perm(DELETION_REQUESTS_PERMISSION):
        add_decisions(panels, deletion_request_rows)
