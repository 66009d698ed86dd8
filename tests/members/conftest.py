import pytest
from axes.models import AccessAttempt


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """`with sent(): ...` runs the e-mails queued after commit inside the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture(autouse=True)
def _no_lockouts(db):
    AccessAttempt.objects.all().delete()
