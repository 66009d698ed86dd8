"""Logging in with a username or an e-mail address, and the key django-axes counts failures
under: both forms of the identifier of one account give the same key."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


def find_users(identifier):
    """The accounts an identifier may name: the one whose e-mail it is, then the one whose
    username it is (case-insensitive). Usually one; two when an account's username is another
    account's address."""
    User = get_user_model()
    identifier = (identifier or "").strip()
    if not identifier:
        return []
    found = []
    if "@" in identifier:
        found.extend(User.objects.filter(email__iexact=identifier)[:1])
    found.extend(
        User.objects.filter(username__iexact=identifier).exclude(pk__in=[u.pk for u in found])[:1]
    )
    return found


def find_user(identifier):
    """The account an identifier names first: by e-mail, else by username."""
    users = find_users(identifier)
    return users[0] if users else None


class UsernameOrEmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        users = find_users(username)
        if not users:
            # Run the hasher anyway so that timing does not tell whether the account exists.
            get_user_model()().set_password(password)
            return None
        for user in users:
            if user.check_password(password) and self.user_can_authenticate(user):
                return user
        return None


def lockout_key(request, credentials=None):
    """AXES_USERNAME_CALLABLE: the normalized identifier. An e-mail of a known account counts
    as that account's username, so switching between the two forms does not reset the count."""
    identifier = ""
    if credentials:
        identifier = credentials.get("username") or ""
    elif request is not None and request.method == "POST":
        identifier = request.POST.get("username", "")
    identifier = identifier.strip().lower()
    if not identifier:
        return identifier
    user = find_user(identifier)
    return user.username.lower() if user else identifier
