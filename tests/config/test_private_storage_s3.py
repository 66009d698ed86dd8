"""Private files on S3-compatible storage (django-storages), against moto's S3 server: what the
settings build from the environment stores a document, reads it back, and keeps it private."""

import os
import subprocess
import sys

import boto3
import pytest

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.test import override_settings

from config.storage import private_storage

from .servers import BIN, free_port, running, wait_for_port

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(scope="module")
def s3(tmp_path_factory):
    port = free_port()
    command = [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)]
    with running(command, log_dir=tmp_path_factory.mktemp("moto")) as (process,):
        wait_for_port(port, process)
        endpoint = f"http://127.0.0.1:{port}"
        env = {
            "PRIVATE_STORAGE_S3_BUCKET": "quorum-private",
            "PRIVATE_STORAGE_S3_ENDPOINT_URL": endpoint,
            "PRIVATE_STORAGE_S3_REGION": "us-east-1",
            "PRIVATE_STORAGE_S3_ACCESS_KEY_ID": "testing",
            "PRIVATE_STORAGE_S3_SECRET_ACCESS_KEY": "testing",
        }
        client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        client.create_bucket(Bucket="quorum-private")
        yield env, client


def test_the_settings_choose_s3_when_a_bucket_is_configured(s3):
    env, _ = s3
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.STORAGES['private']['BACKEND'], s.STORAGES['private']['OPTIONS']['bucket_name'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, **env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.split() == ["storages.backends.s3.S3Storage", "quorum-private"]


def test_a_private_document_round_trips_through_the_bucket_and_stays_private(s3):
    env, client = s3
    config = private_storage(env, location=None)
    with override_settings(STORAGES={**settings.STORAGES, "private": config}):
        storage = storages["private"]
        name = storage.save("applications/2026/resolution.pdf", ContentFile(PDF))
        assert storage.exists(name)
        with storage.open(name, "rb") as handle:
            assert handle.read() == PDF
        # Random-named uploads never overwrite each other.
        second = storage.save("applications/2026/resolution.pdf", ContentFile(PDF))
        assert second != name
        # Only a short-lived signed link could reach it; the object itself is private.
        assert "Signature=" in storage.url(name) and "Expires=" in storage.url(name)
    key = f"private/{name}"
    assert client.get_object(Bucket="quorum-private", Key=key)["Body"].read() == PDF
    grants = client.get_object_acl(Bucket="quorum-private", Key=key)["Grants"]
    assert [g["Permission"] for g in grants] == ["FULL_CONTROL"]
    assert all(g["Grantee"].get("Type") == "CanonicalUser" for g in grants)
