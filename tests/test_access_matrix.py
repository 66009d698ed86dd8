"""Who may open what: every member and staff URL of the project that takes an object id, built
from the URL configuration, requested as each role, with the answer expected.

A new URL pattern with an id (pk, id, number, uuid, token, key...) and no entry in MATRIX fails
`test_every_url_with_an_id_has_an_entry`: decide who may open it, then add it.

Outcomes: "200", "404", "405", "login" (sent to a login page), "home" (the Wagtail admin's
refusal: back to the admin's home), "302" (another redirect, e.g. back to a list)."""

import datetime
import io
import re
from decimal import Decimal

import pytest

from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from wagtail.admin.viewsets import viewsets as admin_viewsets
from wagtail.documents.models import Document
from wagtail.models import Locale

from events import services as events
from events.models import Attendance, PromoCode, TrainingProgram
from home import exports
from home.models import ContactBlock, Export, FooterText, LegalNotice, ReminderKind, SentReminder
from invoices.models import Refund, StripeCheckout
from invoices.services import LineSpec, issue_credit_note, issue_invoice, record_payment
from members.models import AccountRequest, DeletionRequest
from membership import services as membership
from membership.models import ApplicationDocument, Membership, MembershipCategory
from messaging.models import Message
from tests.events.factories import answers, make_event, option
from tests.factories import DelegateGrantFactory, FunctionFactory, OrganizationFactory, UserFactory
from tests.members.factories import interest, professional_order
from tests.membership.pdfs import valid_pdf

pytestmark = pytest.mark.django_db

PROJECT_APPS = (
    "home",
    "guide",
    "members",
    "membership",
    "events",
    "invoices",
    "messaging",
    "config",
)
ROLES = (
    "anonymous",
    "participant",
    "member",  # the owner of the objects
    "other_member",
    "delegate_in",  # delegate for the owner's organization
    "delegate_out",  # delegate for another organization
    "staff",  # in the admin, without the permission
    "admin",
)
ID_PARAMETER = re.compile(
    r"<(?:\w+:)?(pk|id|\w+_id|number|uuid|token|key|translation_key|uidb64|object_id)>"
)


def _project_admin_namespaces():
    names = set()
    for viewset in admin_viewsets.viewsets:
        module = type(viewset).__module__.split(".")[0]
        model = getattr(viewset, "model", None)
        owner = getattr(getattr(model, "_meta", None), "app_label", module)
        if module in PROJECT_APPS or owner in PROJECT_APPS:
            names.add(getattr(viewset, "url_namespace", None) or viewset.name)
            names.add(viewset.name)
    return names


# The member area's URL namespaces (the public API, /api/v2/, serves public content only).
MEMBER_NAMESPACES = ("members", "membership", "events", "invoices", "messaging")


def _project_view(callback):
    """A view written in the project, or a generic view of a project model."""
    view = getattr(callback, "view_class", None) or callback
    if getattr(view, "__module__", "").split(".")[0] in PROJECT_APPS:
        return True
    model = getattr(callback, "view_initkwargs", {}).get("model")
    owner = getattr(view, "__self__", None)  # a viewset's bound method
    if model is None and owner is not None:
        model = getattr(owner, "model", None)
        if type(owner).__module__.split(".")[0] in PROJECT_APPS:
            return True
    meta = getattr(model, "_meta", None)
    return meta is not None and meta.app_label in PROJECT_APPS


def urls_with_an_id():
    """{url name: pattern} for the project's member and staff URLs that take an object id."""
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 - loading the URLs registers the admin's viewsets
    admin_namespaces = _project_admin_namespaces()
    found = {}

    def walk(patterns, prefix, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = ":".join(p for p in (namespace, entry.namespace) if p)
                walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                if not ID_PARAMETER.search(route) or not entry.name:
                    continue
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                top = namespace.split(":")[-1] if namespace else ""
                if route.startswith("admin/"):
                    if top in admin_namespaces or _project_view(entry.callback):
                        found[name] = route
                elif top in MEMBER_NAMESPACES:
                    found[name] = route

    with translation.override("fr"):
        walk(resolver.url_patterns, "", "")
    return found


# --- the people and their objects -----------------------------------------------------------


def staff_user(*codenames, **fields):
    user = UserFactory(is_staff=True, **fields)
    for codename in ("access_admin", *codenames):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def _ready_export(owner):
    export = Export.objects.create(
        owner=owner, listing="Factures", url="/admin/invoices/", format="csv", filename="f.csv"
    )
    exports.finish(export, content=io.BytesIO(b"a,b\n"))
    return export


@pytest.fixture
def world():
    organization = OrganizationFactory()
    owner = FunctionFactory(organization=organization, user__is_member=True).user
    people = {
        "anonymous": None,
        "participant": UserFactory(is_member=False),
        "member": owner,
        "other_member": UserFactory(is_member=True),
        "delegate_in": FunctionFactory(organization=organization, user__is_member=True).user,
        "delegate_out": UserFactory(is_member=True),
        "staff": staff_user(),
        "admin": UserFactory(is_staff=True, is_superuser=True),
    }
    DelegateGrantFactory(user=people["delegate_in"], organization=organization)
    grant = DelegateGrantFactory(user=people["delegate_out"], organization=OrganizationFactory())
    admin = people["admin"]

    event = make_event()
    registration = events.register(
        event, owner, by=owner, option=option(event), answers=answers(event)
    )
    other_event = make_event(title="Autre")
    cancelled = events.register(
        other_event, owner, by=owner, option=option(other_event), answers=answers(other_event)
    )
    cancellation = events.request_cancellation(cancelled, by=owner, reason="Malade")
    full = make_event(title="Complet", capacity=0)
    entry = events.join_waiting_list(
        full, owner, by=owner, option=option(full), answers=answers(full)
    )
    entry.offer_token = "offer-token-for-the-matrix"
    entry.status = "offered"
    entry.offer_expires_at = timezone.now() + datetime.timedelta(hours=1)
    entry.save()

    invoice = issue_invoice(lines=[LineSpec("Cotisation", Decimal("100.00"))], customer=owner)
    paid = issue_invoice(lines=[LineSpec("Formation", Decimal("50.00"))], customer=owner)
    payment = record_payment(
        paid,
        amount=paid.total,
        method="cheque",
        received_at=timezone.localdate(),
        by=admin,
    )
    note = issue_credit_note(paid, reason="Erreur", by=admin, refund=True)
    refund = Refund.objects.get(credit_note=note)
    checkout = StripeCheckout.objects.create(
        invoice=invoice, session_id="cs_test_matrix", amount=invoice.total
    )

    application = membership.start_application(owner, by=owner)
    document = membership.attach_document(
        application,
        kind=ApplicationDocument.Kind.HIRING_RESOLUTION,
        upload=SimpleUploadedFile("r.pdf", valid_pdf()),
        by=owner,
    )
    # Attended: the attendance confirmation, the credits and the attestation. Recorded as the
    # demo does, not through `record_attendance` (refused before the event's day): the event
    # is still to come, for the cancellation routes.
    Attendance.objects.create(
        registration=registration, attended=True, recorded_by=admin, recorded_at=timezone.now()
    )
    events.announce_attendance(owner, event, by=admin)
    account_request = AccountRequest.objects.create(
        requested_by=people["delegate_in"],
        organization=organization,
        first_name="Léa",
        last_name="Nouvelle",
        email="lea@example.org",
        title="Agente",
    )
    deletion = DeletionRequest.objects.create(user=owner)
    locale = Locale.get_default()
    objects = {
        "footertext": FooterText.objects.create(locale=locale, body="<p>Pied</p>"),
        "legalnotice": LegalNotice.objects.create(locale=locale, title="Mentions", body="<p>x</p>"),
        "contactblock": ContactBlock.objects.create(locale=locale, heading="Joindre", body="x"),
        "trainingprogram": TrainingProgram.objects.create(
            locale=locale, name="Programme", slug="programme"
        ),
        "person": owner,
        "organization": organization,
        "grant": grant,
        "event": event,
        "registration": registration,
        "promo_code": PromoCode.objects.create(code="MATRICE", amount=Decimal("5")),
        "cancellation": cancellation,
        "offer": entry,
        "invoice": invoice,
        "payment": payment,
        "refund": refund,
        "checkout": checkout,
        "application": application,
        "document": document,
        "attestation": owner.attestations.get(),
        "function": owner.functions.get(),
        "account_request": account_request,
        "deletion": deletion,
        "interest": interest("Finances", "Finance")[0],
        "membershipcategory": MembershipCategory.objects.create(
            locale=locale, name="Étudiant", dues=Decimal("50.00")
        ),
        "period": Membership.objects.create(
            user=owner,
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate() + datetime.timedelta(days=364),
        ),
        "order": professional_order("Barreau", "Bar")[0],
        "wagtail_document": Document.objects.create(title="Notes", file="notes.pdf"),
        "message": Message.objects.create(
            subject_fr="Nouvelles", subject_en="News", body_fr="Texte", body_en="Text"
        ),
        "export": _ready_export(admin),
        "reminder": SentReminder.objects.create(
            kind=ReminderKind.UNPAID_INVOICE,
            key="invoice:1:unpaid-first",
            recipient=owner,
            sent_at=timezone.now(),
        ),
    }
    return people, objects


# --- the matrix -----------------------------------------------------------------------------

# Expected answers, in ROLES order: anonymous, participant, member (the owner), another member,
# delegate of the owner's organization, delegate of another one, staff without the permission,
# admin. A member's own object answers 404 to everyone else (its existence is not revealed);
# a delegate reaches their colleagues' registrations, never their invoices or files.
OWNER_ONLY = "login 404 200 404 404 404 404 404"
OWNER_OR_DELEGATE = "login 404 200 404 200 404 404 404"
# Staff screens: people outside the admin are sent to log in; staff without the permission are
# turned back to the admin's home; registrations and issued documents are read-only.
ADMIN = "login login login login login login home 200"
ADMIN_READ_ONLY = "login login login login login login home home"
# Wagtail's snippet choosers answer any admin user (interests, orders, footers: public content).
ADMIN_CHOOSER = "login login login login login login 200 200"
# An export built by the task worker (home/exports.py): its owner (the admin here) only. Another
# staff member's 404 under the language-neutral /admin/ is redirected by LocaleMiddleware to
# /fr/admin/..., itself a 404 (tests/home/test_exports.py follows it).
ADMIN_OWNER_ONLY = "login login login login login login 302 200"

# Admin URLs: the object each viewset's <pk> names.
ADMIN_OBJECTS = {
    "member_people": "person",
    "wagtailusers_users": "person",
    "member_organizations": "organization",
    "member_delegates": "grant",
    "member_account_requests": "account_request",
    "member_deletion_requests": "deletion",
    "membership_applications": "application",
    "membership_periods": "period",
    "member_messages": "message",
    "sent_reminders": "reminder",
    "quorum_exports": "export",
    "event_registrations": "registration",
    "event_cancellations": "cancellation",
    "event_checkin": "event",
    "event_promo_codes": "promo_code",
    "invoice_admin": "invoice",
    "payment_admin": "payment",
    "refund_admin": "refund",
    "stripe_admin": "checkout",
    "participant_document_chooser": "wagtail_document",
}


def admin_object_key(name):
    namespace = name.split(":")[0]
    if namespace in ADMIN_OBJECTS:
        return ADMIN_OBJECTS[namespace]
    # wagtailsnippets_members_interest, wagtailsnippetchoosers_home_footertext, ...
    model = namespace.rsplit("_", 1)[-1]
    return {"professionalorder": "order"}.get(model, model)


def member_arguments(name, objects):
    """The URL arguments of a member-area URL for the owner's objects."""
    event_key = objects["event"].translation_key
    owner = objects["person"]
    return {
        "events:attendance_pdf": [objects["registration"].pk],
        "events:badge": [objects["registration"].pk],
        "events:cancel": [objects["registration"].pk],
        "events:change": [objects["registration"].pk],
        "events:companion": [objects["registration"].pk],
        "events:document": [objects["registration"].pk, 0],
        "events:group": [event_key],
        "events:ics": [event_key],
        "events:offer": [objects["offer"].offer_token],
        "events:register": [event_key],
        "events:register_for": [event_key, owner.pk],
        "events:registration": [objects["registration"].pk],
        "events:review": [event_key],
        "events:review_for": [event_key, owner.pk],
        "invoices:checkout_success": [objects["invoice"].pk],
        "invoices:detail": [objects["invoice"].pk],
        "invoices:pay_card": [objects["invoice"].pk],
        "invoices:pay_offline": [objects["invoice"].pk],
        "invoices:pdf": [objects["invoice"].pk],
        "invoices:receipt": [objects["payment"].pk],
        "members:email_confirm": ["not-a-valid-token"],
        "members:function_end": [objects["function"].pk],
        "members:organization_statement": [objects["organization"].pk],
        "members:password_reset_confirm": ["MQ", "not-a-valid-token"],
        "membership:application_document": [objects["document"].pk],
        "membership:attestation_pdf": [objects["attestation"].pk],
        "membership:delegate_renewals": [objects["organization"].pk],
        "messaging:resubscribe": ["not-a-valid-token"],
        "messaging:unsubscribe": ["not-a-valid-token"],
    }[name]


def url_for(name, objects):
    with translation.override("fr"):
        if name.split(":")[0] in MEMBER_NAMESPACES:
            return reverse(name, args=member_arguments(name, objects))
        return reverse(name, args=[objects[admin_object_key(name)].pk])


def outcome(response):
    if response.status_code in (301, 302):
        location = response["Location"]
        if "login" in location:
            return "login"
        if location.rstrip("/").endswith("/admin"):
            return "home"
        return "302"
    return str(response.status_code)


# Views that take POST only: asked with an empty form (a GET would only say 405).
POST_ONLY = {
    "event_cancellations:decide",
    "invoices:pay_card",
    "invoices:pay_offline",
    "members:function_end",
    "messaging:resubscribe",
}


def answers_by_role(client, name, url, people):
    result = {}
    for role in ROLES:
        client.logout()
        if people[role] is not None:
            client.force_login(people[role])
        response = client.post(url, {}) if name in POST_ONLY else client.get(url)
        result[role] = outcome(response)
        # Close a file response's file without response.close(), whose request_finished
        # signal would close the test's database connection.
        for closer in getattr(response, "_resource_closers", []):
            closer()
        response._resource_closers = []
    return result


MATRIX = {
    "event_cancellations:decide": "login login login login login login home 400",
    "event_checkin:event": ADMIN,
    "event_registrations:copy": ADMIN_READ_ONLY,
    "event_registrations:delete": ADMIN_READ_ONLY,
    "event_registrations:edit": ADMIN_READ_ONLY,
    "event_registrations:history": ADMIN,
    "event_registrations:history_results": ADMIN,
    "event_registrations:inspect": ADMIN,
    "event_registrations:usage": ADMIN_READ_ONLY,
    "event_promo_codes:copy": ADMIN,
    "event_promo_codes:delete": ADMIN,
    "event_promo_codes:edit": ADMIN,
    "event_promo_codes:history": ADMIN,
    "event_promo_codes:history_results": ADMIN,
    "event_promo_codes:inspect": ADMIN,
    "event_promo_codes:usage": ADMIN,
    "events:attendance_pdf": OWNER_ONLY,
    # The badge of a confirmed registration, for the person or the delegate who registered them.
    "events:badge": OWNER_OR_DELEGATE,
    "events:cancel": OWNER_OR_DELEGATE,
    "events:change": OWNER_OR_DELEGATE,
    "events:companion": OWNER_OR_DELEGATE,
    # The event has no document: the index exists for nobody.
    "events:document": "login 404 404 404 404 404 404 404",
    "events:group": "login 404 404 404 200 200 404 404",
    "events:ics": "200 200 200 200 200 200 200 200",
    "events:offer": OWNER_OR_DELEGATE,
    "events:register": "login 200 302 200 200 200 200 200",
    "events:register_for": "login 404 302 404 302 404 404 404",
    "events:registration": OWNER_OR_DELEGATE,
    "events:review": "login 302 302 302 302 302 302 302",
    "events:review_for": "login 404 302 404 302 404 404 404",
    "invoice_admin:credit_note": ADMIN,
    "invoice_admin:history": ADMIN,
    "invoice_admin:history_results": ADMIN,
    "invoice_admin:inspect": ADMIN,
    "invoice_admin:pdf": ADMIN,
    "invoice_admin:record_payment": ADMIN,
    # Without Stripe's session id, nobody.
    "invoices:checkout_success": "login 404 404 404 404 404 404 404",
    "invoices:detail": OWNER_ONLY,
    "invoices:pay_card": "login 404 302 404 404 404 404 404",
    "invoices:pay_offline": "login 404 400 404 404 404 404 404",
    "invoices:pdf": OWNER_ONLY,
    "invoices:receipt": OWNER_ONLY,
    "member_account_requests:decide": ADMIN,
    "member_account_requests:delete": ADMIN,
    "member_account_requests:edit": ADMIN,
    "member_account_requests:history": ADMIN,
    "member_account_requests:history_results": ADMIN,
    "member_account_requests:inspect": ADMIN,
    "member_account_requests:usage": ADMIN,
    "member_delegates:delete": ADMIN,
    "member_delegates:edit": ADMIN,
    "member_delegates:history": ADMIN,
    "member_delegates:history_results": ADMIN,
    "member_delegates:usage": ADMIN,
    "member_deletion_requests:delete": ADMIN,
    "member_deletion_requests:edit": ADMIN,
    "member_deletion_requests:history": ADMIN,
    "member_deletion_requests:history_results": ADMIN,
    "member_deletion_requests:process": ADMIN,
    "member_deletion_requests:usage": ADMIN,
    "member_messages:delete": ADMIN,
    "member_messages:edit": ADMIN,
    "member_messages:history": ADMIN,
    "member_messages:history_results": ADMIN,
    "member_messages:log": ADMIN,
    "member_messages:review": ADMIN,
    "member_messages:usage": ADMIN,
    "member_organizations:delete": ADMIN,
    "member_organizations:edit": ADMIN,
    "member_organizations:history": ADMIN,
    "member_organizations:history_results": ADMIN,
    "member_organizations:statement": ADMIN,
    "member_organizations:usage": ADMIN,
    "member_people:delete": ADMIN,
    "member_people:edit": ADMIN,
    "member_people:history": ADMIN,
    "member_people:history_results": ADMIN,
    "member_people:inspect": ADMIN,
    "member_people:usage": ADMIN,
    "members:email_confirm": "400 400 400 400 400 400 400 400",
    "members:function_end": "login 404 400 404 404 404 404 404",
    # Only a delegate of that organization downloads its statement of account.
    "members:organization_statement": "login 404 404 404 200 404 404 404",
    "members:password_reset_confirm": "200 200 200 200 200 200 200 200",
    "membership:application_document": "login 404 200 404 404 404 404 200",
    "membership:attestation_pdf": OWNER_ONLY,
    # Only a delegate of that organization renews its people.
    "membership:delegate_renewals": "login 404 404 404 200 404 404 404",
    "membership_periods:inspect": ADMIN,
    "sent_reminders:inspect": ADMIN,
    "quorum_exports:download": ADMIN_OWNER_ONLY,
    "membership_applications:history": ADMIN,
    "membership_applications:history_results": ADMIN,
    "membership_applications:review": ADMIN,
    # The e-mail's unsubscribe link: no sign-in; a token that is not signed is refused.
    "messaging:resubscribe": "400 400 400 400 400 400 400 400",
    "messaging:unsubscribe": "400 400 400 400 400 400 400 400",
    "participant_document_chooser:chosen": ADMIN,
    "payment_admin:history": ADMIN,
    "payment_admin:history_results": ADMIN,
    "payment_admin:inspect": ADMIN,
    "refund_admin:history": ADMIN,
    "refund_admin:history_results": ADMIN,
    "refund_admin:inspect": ADMIN,
    "refund_admin:refund_done": ADMIN,
    "stripe_admin:history": ADMIN,
    "stripe_admin:history_results": ADMIN,
    "stripe_admin:inspect": ADMIN,
    "wagtailsnippetchoosers_events_trainingprogram:chosen": ADMIN_CHOOSER,
    "wagtailsnippetchoosers_home_contactblock:chosen": ADMIN_CHOOSER,
    "wagtailsnippetchoosers_home_footertext:chosen": ADMIN_CHOOSER,
    "wagtailsnippetchoosers_home_legalnotice:chosen": ADMIN_CHOOSER,
    "wagtailsnippetchoosers_members_interest:chosen": ADMIN_CHOOSER,
    "wagtailsnippetchoosers_membership_membershipcategory:chosen": ADMIN_CHOOSER,
    "wagtailsnippetchoosers_members_professionalorder:chosen": ADMIN_CHOOSER,
    "wagtailsnippets_events_trainingprogram:copy": ADMIN,
    "wagtailsnippets_events_trainingprogram:delete": ADMIN,
    "wagtailsnippets_events_trainingprogram:edit": ADMIN,
    "wagtailsnippets_events_trainingprogram:history": ADMIN,
    "wagtailsnippets_events_trainingprogram:history_results": ADMIN,
    "wagtailsnippets_events_trainingprogram:usage": ADMIN,
    "wagtailsnippets_home_contactblock:copy": ADMIN,
    "wagtailsnippets_home_contactblock:delete": ADMIN,
    "wagtailsnippets_home_contactblock:edit": ADMIN,
    "wagtailsnippets_home_contactblock:history": ADMIN,
    "wagtailsnippets_home_contactblock:history_results": ADMIN,
    "wagtailsnippets_home_contactblock:usage": ADMIN,
    "wagtailsnippets_home_footertext:copy": ADMIN,
    "wagtailsnippets_home_footertext:delete": ADMIN,
    "wagtailsnippets_home_footertext:edit": ADMIN,
    "wagtailsnippets_home_footertext:history": ADMIN,
    "wagtailsnippets_home_footertext:history_results": ADMIN,
    "wagtailsnippets_home_footertext:usage": ADMIN,
    "wagtailsnippets_home_legalnotice:copy": ADMIN,
    "wagtailsnippets_home_legalnotice:delete": ADMIN,
    "wagtailsnippets_home_legalnotice:edit": ADMIN,
    "wagtailsnippets_home_legalnotice:history": ADMIN,
    "wagtailsnippets_home_legalnotice:history_results": ADMIN,
    "wagtailsnippets_home_legalnotice:usage": ADMIN,
    "wagtailsnippets_members_interest:copy": ADMIN,
    "wagtailsnippets_members_interest:delete": ADMIN,
    "wagtailsnippets_members_interest:edit": ADMIN,
    "wagtailsnippets_members_interest:history": ADMIN,
    "wagtailsnippets_members_interest:history_results": ADMIN,
    "wagtailsnippets_members_interest:usage": ADMIN,
    "wagtailsnippets_membership_membershipcategory:copy": ADMIN,
    "wagtailsnippets_membership_membershipcategory:delete": ADMIN,
    "wagtailsnippets_membership_membershipcategory:edit": ADMIN,
    "wagtailsnippets_membership_membershipcategory:history": ADMIN,
    "wagtailsnippets_membership_membershipcategory:history_results": ADMIN,
    "wagtailsnippets_membership_membershipcategory:usage": ADMIN,
    "wagtailsnippets_members_professionalorder:copy": ADMIN,
    "wagtailsnippets_members_professionalorder:delete": ADMIN,
    "wagtailsnippets_members_professionalorder:edit": ADMIN,
    "wagtailsnippets_members_professionalorder:history": ADMIN,
    "wagtailsnippets_members_professionalorder:history_results": ADMIN,
    "wagtailsnippets_members_professionalorder:usage": ADMIN,
    "wagtailusers_users:copy": ADMIN,
    "wagtailusers_users:delete": ADMIN,
    "wagtailusers_users:edit": ADMIN,
    "wagtailusers_users:history": ADMIN,
    "wagtailusers_users:history_results": ADMIN,
    "wagtailusers_users:usage": ADMIN,
}


def test_every_url_with_an_id_has_an_entry():
    urls = urls_with_an_id()
    assert {"events:registration", "invoices:pdf", "member_people:edit"} <= set(urls)
    missing = sorted(set(urls) - set(MATRIX))
    assert missing == [], f"decide who may open these and add them to MATRIX: {missing}"
    assert sorted(set(MATRIX) - set(urls)) == [], "MATRIX names URLs that no longer exist"


@pytest.mark.heavy
def test_each_role_gets_the_expected_answer(client, world):
    people, objects = world
    wrong = []
    for name in sorted(urls_with_an_id()):
        expected = dict(zip(ROLES, MATRIX[name].split(), strict=True))
        got = answers_by_role(client, name, url_for(name, objects), people)
        wrong += [
            f"{name} as {role}: expected {expected[role]}, got {got[role]}"
            for role in ROLES
            if got[role] != expected[role]
        ]
    assert wrong == []
