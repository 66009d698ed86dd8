import os
import subprocess
import sys

from django.conf import settings

REQUIRED = ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "PRIVATE_MEDIA_ROOT")


def _check_deploy(tmp_path, **extra):
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k != "DJANGO_ALLOW_ASYNC_UNSAFE" and k not in REQUIRED
        },
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 64 + "production-like-secret-key-for-the-check",
        "ALLOWED_HOSTS": "quorum.example",
        "DATABASE_URL": "sqlite:///:memory:",
        **extra,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


def test_production_settings_pass_check_deploy(tmp_path):
    result = _check_deploy(
        tmp_path,
        STRIPE_SECRET_KEY="sk_live_example",
        STRIPE_WEBHOOK_SECRET="whsec_example",
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_fails_without_the_stripe_secrets_or_the_private_folder(tmp_path):
    result = _check_deploy(tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for name in REQUIRED:
        assert f"{name} is not set" in output, output


def test_private_uploads_live_outside_public_media():
    private = settings.STORAGES["private"]["OPTIONS"]["location"]
    assert not str(private).startswith(str(settings.MEDIA_ROOT))
