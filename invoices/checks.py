"""Deployment checks (`manage.py check --deploy`): production refuses to start billing without
Stripe's secrets, or with private uploads left in the default folder inside the code."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def production_secrets(app_configs: object = None, **kwargs: object) -> list[Error]:
    errors = []
    for name, check_id in [("STRIPE_SECRET_KEY", "E001"), ("STRIPE_WEBHOOK_SECRET", "E002")]:
        if not getattr(settings, name, ""):
            errors.append(
                Error(
                    f"{name} is not set: card payments and refunds cannot work.",
                    hint=f"Set the {name} environment variable (from Stripe's dashboard).",
                    id=f"quorum.{check_id}",
                )
            )
    private = settings.STORAGES.get("private", {})
    if private.get("BACKEND", "").endswith("FileSystemStorage"):
        location = private.get("OPTIONS", {}).get("location")
        default = Path(settings.BASE_DIR) / "private"
        if not location or Path(location).resolve() == default.resolve():
            errors.append(
                Error(
                    "PRIVATE_MEDIA_ROOT is not set: private uploads would live inside the code.",
                    hint="Set PRIVATE_MEDIA_ROOT to a folder outside the code and the public "
                    "media (or PRIVATE_STORAGE_S3_BUCKET).",
                    id="quorum.E003",
                )
            )
    return errors
