"""Where private files (membership documents, attestations) live: the local disk by default,
an S3-compatible bucket (AWS, MinIO, Scaleway, ...) when PRIVATE_STORAGE_S3_BUCKET is set, so
that several web machines share them. Either way they are served only through the
permission-checked views, never by a public URL."""

import os


def private_storage(environ=os.environ, *, location):
    """The STORAGES["private"] entry for this environment."""
    bucket = environ.get("PRIVATE_STORAGE_S3_BUCKET", "")
    if not bucket:
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": location, "base_url": None},
        }
    options = {
        "bucket_name": bucket,
        "location": environ.get("PRIVATE_STORAGE_S3_PREFIX", "private"),
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 60,
        "file_overwrite": False,
    }
    for option, variable in [
        ("endpoint_url", "PRIVATE_STORAGE_S3_ENDPOINT_URL"),
        ("region_name", "PRIVATE_STORAGE_S3_REGION"),
        # Without them, boto3's own chain applies (AWS_* variables, instance roles).
        ("access_key", "PRIVATE_STORAGE_S3_ACCESS_KEY_ID"),
        ("secret_key", "PRIVATE_STORAGE_S3_SECRET_ACCESS_KEY"),
    ]:
        if environ.get(variable):
            options[option] = environ[variable]
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
