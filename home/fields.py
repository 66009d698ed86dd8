"""Model fields shared by the apps."""

from django.core.validators import MaxLengthValidator
from django.db import models


def bounded_text(verbose_name, max_length: int, **options) -> models.TextField:
    """A free-text field with a length limit: the form field gets `max_length` and the model
    validates it too (a TextField's own `max_length` is not checked by the model)."""
    return models.TextField(
        verbose_name,
        max_length=max_length,
        validators=[MaxLengthValidator(max_length)],
        **options,
    )
