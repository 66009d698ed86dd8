"""The project's one error type. Services raise it (or a subclass) when a rule refuses an
operation; views show its message, or turn `NotFound` into a 404."""

from django.core.exceptions import ValidationError


class QuorumError(ValidationError):
    """A rule refused the operation. `code` is stable (tests and views branch on it); the message
    is translated when raised, so it is safe to show as it is."""

    def __init__(self, message, *, code, params=None):
        super().__init__(message, code=code, params=params)

    @property
    def text(self):
        """The message, as shown to the person."""
        return " ".join(self.messages)


class NotFound(QuorumError):
    """The object is not the actor's to see or change: views answer 404, as for a missing one.
    `home.middleware.NotFoundMiddleware` does so for any view that lets it through."""

    def __init__(self, message="", *, code="not_found"):
        super().__init__(message or "not found", code=code)
