"""E-mails that tell a person what happened to their account (welcome, password or e-mail
changed, delegate role granted), in their language. Called by the services that make the
change; queued after commit like every e-mail."""

from django.contrib.auth.base_user import AbstractBaseUser

from home.emails import queue_email
from home.links import url_in

from .models import DelegateGrant, User


def _url(user: AbstractBaseUser, name: str) -> str:
    return url_in(user.language, name)


def _name(user: AbstractBaseUser) -> str:
    return str(user)


def send_welcome(user: User) -> None:
    queue_email(
        to=user.email,
        template="members_welcome",
        context={
            "name": _name(user),
            "username": user.username,
            "login_url": _url(user, "members:login"),
        },
        language=user.language,
    )


def send_password_changed(user: User) -> None:
    queue_email(
        to=user.email,
        template="members_password_changed",
        context={"name": _name(user), "reset_url": _url(user, "members:password_reset")},
        language=user.language,
    )


def send_email_changed(user: User, *, old_email: str) -> None:
    """A notice to the address the account no longer uses (which the new one cannot silence)."""
    if not old_email or old_email.lower() == (user.email or "").lower():
        return
    queue_email(
        to=old_email,
        template="members_email_changed",
        context={"name": _name(user)},
        language=user.language,
    )


def send_delegate_granted(grant: DelegateGrant) -> None:
    user = grant.user
    queue_email(
        to=user.email,
        template="members_delegate_granted",
        context={
            "name": _name(user),
            "organization": grant.organization.name,
            "account_url": _url(user, "members:account"),
        },
        language=user.language,
    )
