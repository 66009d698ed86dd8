"""The pages whose cost must not grow with the data (issue 15): member and delegate pages,
staff listings, the directory search, the check-in lookup. `make bench` in scale mode times
them; the command `explain_heavy_queries` runs them and prints the plans of their slowest
queries.

Each page is (name, URL, who, target in ms). `who` is "member" (the member with the most
invoices), "delegate" (the delegate with the most colleagues), or "admin" (a superuser).
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import translation

from events.models import EventKind, EventPage
from events.tickets import ticket_code
from invoices.models import Invoice
from members.models import DelegateGrant

MEMBER_MS = 100
ADMIN_MS = 300
SEARCH_MS = 100
CHECKIN_MS = 50


@dataclass(frozen=True)
class ScalePage:
    name: str
    url: str
    who: str
    target_ms: int


def people() -> dict:
    """The accounts the pages are seen as: the busiest ones, where the cost would show."""
    User = get_user_model()
    busiest = (
        Invoice.objects.filter(customer__isnull=False, customer__is_member=True)
        .values("customer")
        .annotate(n=Count("pk"))
        .order_by("-n", "customer")
        .first()
    )
    member = User.objects.get(pk=busiest["customer"]) if busiest else None
    grant = (
        DelegateGrant.objects.annotate(
            n=Count(
                "organization__functions", filter=Q(organization__functions__end_date__isnull=True)
            )
        )
        .order_by("-n", "pk")
        .select_related("user")
        .first()
    )
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    return {"member": member, "delegate": grant.user if grant else None, "admin": admin}


def pages() -> list[ScalePage]:
    translation.activate("fr")
    event = (
        EventPage.objects.filter(locale__language_code="fr")
        .annotate(n=Count("registrations"))
        .order_by("-n", "pk")
        .first()
    )
    congress = (
        EventPage.objects.filter(locale__language_code="fr", kind=EventKind.CONGRESS)
        .annotate(n=Count("registrations"))
        .order_by("-n", "pk")
        .first()
        or event
    )
    member = [
        ("member: account", reverse("members:account")),
        ("member: file", reverse("members:file")),
        ("member: invoices (Factures)", reverse("invoices:list")),
        ("member: my events", reverse("events:my_events")),
        ("member: my trainings", reverse("events:my_trainings")),
        ("member: title and attestations", reverse("membership:title")),
    ]
    rows = [ScalePage(name, url, "member", MEMBER_MS) for name, url in member]
    rows += [
        ScalePage(
            "directory search (Helene)",
            reverse("members:directory") + "?q=Helene",
            "member",
            SEARCH_MS,
        ),
        ScalePage(
            "delegate: dashboard", reverse("events:delegate_dashboard"), "delegate", MEMBER_MS
        ),
    ]
    if congress is not None:
        rows.append(
            ScalePage(
                "delegate: group registration",
                reverse("events:group", kwargs={"key": congress.translation_key}),
                "delegate",
                MEMBER_MS,
            )
        )
    admin = [
        ("admin: registrations", reverse("event_registrations:index")),
        ("admin: invoices", reverse("invoice_admin:index")),
        ("admin: invoices, to pay", reverse("invoice_admin:index") + "?status=to_pay"),
        ("admin: payments", reverse("payment_admin:index")),
        ("admin: members", reverse("member_people:index")),
        ("admin: membership periods", reverse("membership_periods:index")),
    ]
    if event is not None:
        admin += [
            ("admin: catering list", reverse("event_catering:index") + f"?event={event.pk}"),
            ("admin: attendance", reverse("event_attendance:index") + f"?event={event.pk}"),
        ]
    rows += [ScalePage(name, url, "admin", ADMIN_MS) for name, url in admin]
    if event is not None:
        checkin = reverse("event_checkin:event", args=[event.pk])
        registration = event.registrations.order_by("pk").first()
        rows.append(
            ScalePage("check-in lookup (name)", f"{checkin}?q=Tremblay", "admin", CHECKIN_MS)
        )
        if registration is not None:
            code = ticket_code(registration.pk)
            rows.append(
                ScalePage("check-in lookup (code)", f"{checkin}?q={code}", "admin", CHECKIN_MS)
            )
    return rows
