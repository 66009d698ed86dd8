"""A database from before each migration that moves or fills data comes through with every row.

One walk for all of them: the database goes back once, to before the oldest of these migrations,
then forward one step at a time. At each step the rows an older version would have written are
made with the models of that moment, and what the next migrations did with them is checked.
(Going back is what costs: Django renders the models of every app for each migration it
unapplies. One walk instead of one per migration took the five checks from about a minute to
a third of it. Each step forward goes on from the models the step before left, rendered once,
instead of rendering them all again before and after it.)

The steps, in the order the walk meets them:
- members/0005 moves applications, title rules and attestations to `membership`: rows and
  permissions stay (a reviewer granted before the move still reviews);
- invoices/0004 gives documents issued before snapshots existed their snapshot;
- membership/0004 splits the free-text work address of existing applications;
- invoices/0006 turns each existing Stripe checkout into an allocation to its one invoice;
- membership/0007 gives every existing member a current membership period;
- members/0012 stops, naming them, while two accounts share an e-mail in other capitals.
"""

import datetime
from decimal import Decimal

import pytest

from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

OLDEST = [
    ("members", "0004_applications_title_attestations"),
    ("invoices", "0002_payments_stripe_refunds"),
]


class Walk:
    """The test database, migrated step by step; each step gives the models as they are there."""

    def __init__(self):
        self.executor = MigrationExecutor(connection)
        self.state = None

    def to(self, targets):
        """The database migrated (either way) to `targets`; the models as they are there."""
        self.executor.loader.build_graph()  # which migrations the last step applied
        plan = self.executor.migration_plan(targets)
        forwards = all(not backwards for _, backwards in plan)
        # Going back, Django works out each state itself; going on, it starts from the last.
        self.state = self.executor.migrate(
            targets, plan=plan, state=self.state if forwards else None
        )
        return self.state.apps


def invoice(apps, number, **fields):
    return apps.get_model("invoices", "Invoice").objects.create(
        series="invoice",
        number=number,
        billed_name="Ancienne cliente",
        issued_at=timezone.now(),
        subtotal=Decimal("100.00"),
        gst=Decimal("5.00"),
        qst=Decimal("9.98"),
        total=Decimal("114.98"),
        **fields,
    )


@pytest.mark.heavy
@pytest.mark.django_db(transaction=True)
def test_rows_written_before_each_data_migration_come_through_it():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        walk_from_the_oldest_migration_to_the_latest(Walk().to, latest)
    finally:
        MigrationExecutor(connection).migrate(latest)


def walk_from_the_oldest_migration_to_the_latest(migrate, latest):
    old = migrate(OLDEST)

    # Before members/0005: a reviewer, an application, a processed deletion request.
    ContentType = old.get_model("contenttypes", "ContentType")
    Permission = old.get_model("auth", "Permission")
    User = old.get_model("members", "User")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="members", model="membershipapplication"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="review_application",
        defaults={"name": "Can review membership applications"},
    )
    reviewer = User.objects.create(username="reviewer", is_staff=True)
    reviewer.user_permissions.add(permission)
    applicant = User.objects.create(username="applicant")
    old.get_model("members", "MembershipApplication").objects.create(
        user=applicant, status="submitted", job_title="Greffière"
    )
    deletion = old.get_model("members", "DeletionRequest").objects.create(
        user=applicant, reason="Je pars", status="processed"
    )

    # Before invoices/0003: an invoice and a part payment, with no snapshot.
    Site = old.get_model("wagtailcore", "Site")
    old.get_model("invoices", "PaymentSettings").objects.update_or_create(
        site=Site.objects.filter(is_default_site=True).first(),
        defaults={"payee": "Ancien bénéficiaire"},
    )
    organization = old.get_model("members", "Organization").objects.create(name="Ville d'Avant")
    issued = invoice(old, "F-000001", organization=organization)
    part_payment = old.get_model("invoices", "Payment").objects.create(
        invoice=issued,
        amount=Decimal("14.98"),
        method="cheque",
        received_at=datetime.date.today(),
    )

    new = migrate([("invoices", "0004_fill_issued_snapshots")])
    issued = new.get_model("invoices", "Invoice").objects.get(pk=issued.pk)
    part_payment = new.get_model("invoices", "Payment").objects.get(pk=part_payment.pk)
    assert issued.issued_snapshot["organization"] == "Ville d'Avant"
    assert issued.issued_snapshot["payment"]["payee"] == "Ancien bénéficiaire"
    assert issued.issued_snapshot["rates"] == {"gst": "0.05", "qst": "0.09975"}
    assert part_payment.issued_snapshot["balance_after"] == "100.00"

    # Before membership/0004: work addresses in one free-text field.
    old = migrate([("membership", "0003_translated_labels")])
    Application = old.get_model("membership", "MembershipApplication")
    former = old.get_model("members", "User").objects.create(
        username="ancien", email="ancien@example.org"
    )
    split = Application.objects.create(
        user=former, address="10, place de l'Hôtel-de-Ville\nSaint-Exemple (Québec)  g0x1x0"
    )
    kept = Application.objects.create(user=former, address="Bureau 4, 1 rue A")

    new = migrate([("membership", "0004_application_employer_address")])
    Application = new.get_model("membership", "MembershipApplication")
    split = Application.objects.get(pk=split.pk)
    assert (split.street, split.city, split.postal_code) == (
        "10, place de l'Hôtel-de-Ville",
        "Saint-Exemple (Québec)",
        "G0X 1X0",
    )
    kept = Application.objects.get(pk=kept.pk)
    assert (kept.street, kept.city, kept.postal_code) == ("Bureau 4, 1 rue A", "", "")

    # Before invoices/0006: a paid and an open Stripe checkout, each for one invoice.
    old = migrate([("invoices", "0005_discount_lines")])
    paid_invoice, open_invoice = invoice(old, "F-000011"), invoice(old, "F-000012")
    card_payment = old.get_model("invoices", "Payment").objects.create(
        invoice=paid_invoice,
        amount=Decimal("114.98"),
        method="card",
        received_at=datetime.date.today(),
        stripe_checkout_session_id="cs_test_paid",
    )
    StripeCheckout = old.get_model("invoices", "StripeCheckout")
    paid = StripeCheckout.objects.create(
        invoice=paid_invoice,
        session_id="cs_test_paid",
        amount=Decimal("114.98"),
        status="complete",
        payment=card_payment,
    )
    open_ = StripeCheckout.objects.create(
        invoice=open_invoice, session_id="cs_test_open", amount=Decimal("114.98")
    )

    new = migrate([("invoices", "0006_checkout_allocations")])
    Allocation = new.get_model("invoices", "CheckoutAllocation")
    assert sorted(
        Allocation.objects.values_list("checkout", "invoice", "amount", "payment")
    ) == sorted(
        [
            (paid.pk, paid_invoice.pk, Decimal("114.98"), card_payment.pk),
            (open_.pk, open_invoice.pk, Decimal("114.98"), None),
        ]
    )

    # Before membership/0007: a member (by the old flag) and someone who is not.
    old = migrate([("membership", "0006_membership_periods")])
    User = old.get_model("members", "User")
    User.objects.create(username="ancienne", is_member=True, member_number="M-0042")
    User.objects.create(username="passant")

    # Before members/0012: two accounts whose e-mails differ only by capitals stop it, named;
    # once one has an address of its own, it goes through.
    claire = User.objects.create(username="claire", email="Claire.Roy@example.org")
    other = User.objects.create(username="claire.r", email="claire.roy@example.org")
    with pytest.raises(CommandError, match=f"email: accounts {claire.pk}, {other.pk}\\)"):
        migrate(latest)
    User.objects.filter(pk=other.pk).update(email="c.roy@example.org")
    migrate(latest)

    from members.models import DeletionRequest
    from members.models import User as CurrentUser
    from membership import periods
    from membership.models import Membership, MembershipApplication

    assert CurrentUser.objects.get(username="reviewer").has_perm("membership.review_application")
    moved = MembershipApplication.objects.get(user__username="applicant")
    assert moved.job_title == "Greffière"
    assert DeletionRequest.objects.get(pk=deletion.pk).reason == "Je pars"

    member = CurrentUser.objects.get(username="ancienne")
    [period] = Membership.objects.filter(user=member)
    today = timezone.localdate()
    assert period.starts_on <= today <= period.ends_on
    assert period.status == Membership.Status.ACTIVE and period.category.dues > 0
    assert periods.status_of(member).status == periods.MembershipStatus.ACTIVE
    assert not Membership.objects.exclude(user=member).exists()
