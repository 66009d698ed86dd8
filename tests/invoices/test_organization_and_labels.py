"""Each invoice records the organization it is billed to, and the admin shows it, with labels in
the staff member's language and local times."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from django.urls import reverse
from django.utils import timezone

from events import services as event_services
from invoices.models import Invoice
from invoices.services import record_payment
from tests.events.factories import answers, make_event, option, organization_with_delegate
from tests.factories import UserFactory, speaks

from .factories import make_invoice, today

pytestmark = pytest.mark.django_db


def _csv_rows(response):
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_the_delegates_registrations_dues_and_staff_invoices_record_the_organization(
    client, accountant
):
    organization, delegate, (colleague, _other) = organization_with_delegate()
    event = make_event(kind="congress")
    registration = event_services.register(
        event, colleague, by=delegate, option=option(event), answers=answers(event)
    )
    companion = event_services.add_companion(registration, by=delegate, name="Conjointe Test")
    assert registration.invoice.organization == organization
    assert companion.invoice.organization == organization

    from membership.services import approve_application
    from tests.membership.test_applications import submitted_application

    application = approve_application(submitted_application(colleague), by=accountant)
    assert application.dues_invoice.organization == organization

    client.force_login(accountant)
    response = client.post(
        reverse("invoice_admin:new_invoice"),
        {"customer": colleague.pk, "description": "Atelier", "unit_price": "50", "quantity": 1},
    )
    assert response.status_code == 302
    staff_invoice = Invoice.objects.get(lines__description="Atelier")
    assert staff_invoice.organization == organization

    # The admin's organization filter finds them all, and only them.
    stranger = make_invoice(UserFactory())
    page = client.get(
        reverse("invoice_admin:index"), {"organization": organization.pk}
    ).content.decode()
    assert registration.invoice.number in page and staff_invoice.number in page
    assert stranger.number not in page


def test_exports_show_labels_in_the_staff_language_and_local_times(client, accountant):
    invoice = make_invoice(amount="100")
    record_payment(invoice, amount=invoice.total, method="cheque", received_at=today(), by=None)
    client.force_login(accountant)  # French, the site's language

    [row] = _csv_rows(client.get(reverse("invoice_admin:index"), {"export": "csv"}))
    assert row["Statut"] == "Payée" and row["Série"] == "Facture"
    issued = timezone.localtime(invoice.issued_at).replace(microsecond=0, tzinfo=None)
    assert row["Émise le"] == str(issued)  # local time, to the second
    [payment] = _csv_rows(client.get(reverse("payment_admin:index"), {"export": "csv"}))
    assert payment["Mode"] == "Chèque"

    xlsx = client.get(reverse("invoice_admin:index"), {"export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active.values)
    header, values = rows[0], rows[1]
    cell = dict(zip(header, values, strict=True))
    assert cell["Statut"] == "Payée"
    assert cell["Émise le"] == issued

    english = UserFactory(is_staff=True, is_superuser=True, language="en")

    speaks(english, "en")
    client.force_login(english)
    [row] = _csv_rows(client.get(reverse("invoice_admin:index"), {"export": "csv"}))
    assert row["Status"] == "Paid" and row["Series"] == "Invoice"


def test_the_inspect_view_shows_labels_not_raw_values(client, accountant):
    invoice = make_invoice(UserFactory(), amount="100")  # no organization, no due date
    client.force_login(accountant)
    page = client.get(reverse("invoice_admin:inspect", args=[invoice.pk])).content.decode()
    facts = re.sub(r"\s+", " ", page[page.index("<dl") : page.index("</dl>")])
    assert "<dt>Langue</dt> <dd> Français" in facts
    assert "<dt>Organisme</dt> <dd> -" in facts
    assert "<dt>Payable par carte seulement</dt> <dd> Non" in facts
    assert "None" not in facts and "False" not in facts


def test_gala_companions_appear_in_the_registrations_export(client):
    from django.contrib.auth.models import Permission

    _organization, delegate, (colleague, _other) = organization_with_delegate()
    event = make_event(kind="congress")
    registration = event_services.register(
        event, colleague, by=delegate, option=option(event), answers=answers(event)
    )
    event_services.add_companion(
        registration, by=delegate, name="Conjointe Test", dietary_needs="Sans arachides"
    )
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "view_registration"])
    )
    client.force_login(staff)
    response = client.get("/admin/event_registrations/", {"export": "csv"})
    [row] = _csv_rows(response)
    assert "Conjointe Test" in row["Accompagnateurs (soirée gala)"]
    assert row["Statut"] == "Confirmée"
    assert "Sans arachides" not in str(row)
    created = timezone.localtime(registration.created_at).replace(microsecond=0, tzinfo=None)
    assert str(created) in row.values()
