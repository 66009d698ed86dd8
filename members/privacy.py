"""What the members app (and, for it, invoices) keeps about a person, for "download my data"
and for deletion requests (registered with home.privacy from MembersConfig.ready)."""

from typing import Any

from home import privacy
from invoices.models import CheckoutAllocation, Invoice, Payment, Refund

from .models import AccountRequest, DeletionRequest, Organization, User

ADDRESS_FIELDS = ("street", "city", "province", "postal_code", "phone")
DIRECTORY_FIELDS = (
    "in_directory",
    "directory_show_email",
    "directory_show_phone",
    "directory_show_function",
    "directory_show_expertise",
    "directory_show_linkedin",
)

# Quebec's tax laws (Tax Administration Act, s. 35; Excise Tax Act for GST) require books and
# their supporting documents to be kept six years after the year they concern.
TAX_RECORDS = "Invoices, credit notes, payments and refunds: kept six years (Quebec tax law)."


def _account(user: User) -> dict[str, Any]:
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "pending_email": user.pending_email,
        "language": user.language,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_member": user.is_member,
        "member_number": user.member_number,
        "photo": user.photo.url if user.photo else None,
        "work_phone": user.work_phone,
        "information": {
            "allergies_consent": user.allergies_consent,
            "allergies": user.allergies,
            "expertise": user.expertise,
            "professional_orders": [o.name for o in user.professional_orders.all()],
            "other_associations": user.other_associations,
            "linkedin_url": user.linkedin_url,
        },
        "interests": [i.name for i in user.interests.all()],
        "directory": {field: getattr(user, field) for field in DIRECTORY_FIELDS},
    }


def _erase_account(user: User, *, by: Any, former: dict[str, str]) -> None:
    from .deletion import anonymise_user

    anonymise_user(user, by=by)


def _addresses(user: User) -> dict[str, Any]:
    return {a.kind: {f: getattr(a, f) for f in ADDRESS_FIELDS} for a in user.addresses.all()}


def _functions(user: User) -> list[dict[str, Any]]:
    return [
        {
            "organization": f.organization.name,
            "title": f.title,
            "start_date": f.start_date,
            "end_date": f.end_date,
        }
        for f in user.functions.select_related("organization")
    ]


def _deleting(related_name: str):
    """An eraser that deletes the person's rows of one relation (e.g. "addresses")."""

    def erase(user: User, *, by: Any, former: dict[str, str]) -> None:
        getattr(user, related_name).all().delete()

    return erase


def _subscriptions(user: User) -> dict[str, Any]:
    return {
        s.list: {"subscribed": s.subscribed, "changed_at": s.changed_at}
        for s in user.subscriptions.all()
    }


def _delegate_grants(user: User) -> list[dict[str, Any]]:
    return [
        {"organization": g.organization.name, "granted_at": g.granted_at}
        for g in user.delegate_grants.select_related("organization")
    ]


def _requests(user: User) -> dict[str, Any]:
    return {
        "account_requests_made": [
            {
                "for": f"{r.first_name} {r.last_name}",
                "organization": r.organization.name,
                "status": r.status,
                "created_at": r.created_at,
            }
            for r in AccountRequest.objects.filter(requested_by=user).select_related("organization")
        ],
        "account_opened_by_request": [
            {"organization": r.organization.name, "created_at": r.created_at}
            for r in AccountRequest.objects.filter(created_user=user).select_related("organization")
        ],
        "deletion_requests": [
            {"status": r.status, "reason": r.reason, "created_at": r.created_at}
            for r in DeletionRequest.objects.filter(user=user)
        ],
        "organizations_proposed": list(
            Organization.objects.filter(proposed_by=user).values_list("name", flat=True)
        ),
    }


def _erase_requests(user: User, *, by: Any, former: dict[str, str]) -> None:
    # The request that opened the account repeats the person's name and e-mail.
    AccountRequest.objects.filter(created_user=user).update(
        first_name="", last_name="", email="", title=""
    )
    DeletionRequest.objects.filter(user=user).update(reason="")
    Organization.objects.filter(proposed_by=user).update(proposed_by=None)


def _money(user: User) -> dict[str, Any]:
    invoices = Invoice.objects.filter(customer=user).order_by("issued_at", "pk")
    return {
        "invoices_and_credit_notes": [
            {
                "series": invoice.series,
                "number": invoice.number,
                "issued_at": invoice.issued_at,
                "billed_name": invoice.billed_name,
                "billed_address": invoice.billed_address,
                "billed_email": invoice.billed_email,
                "organization": invoice.organization.name if invoice.organization_id else None,
                "subtotal": invoice.subtotal,
                "gst": invoice.gst,
                "qst": invoice.qst,
                "total": invoice.total,
                "status": invoice.status,
                "credits_invoice": (
                    invoice.credited_invoice.number if invoice.credited_invoice_id else None
                ),
                "reason": invoice.reason,
                "lines": [
                    {
                        "description": line.description,
                        "quantity": line.quantity,
                        "unit_price": line.unit_price,
                    }
                    for line in invoice.lines.all()
                ],
            }
            for invoice in invoices.select_related("organization", "credited_invoice")
        ],
        "payments": [
            {
                "invoice": p.invoice.number,
                "amount": p.amount,
                "method": p.method,
                "received_at": p.received_at,
                "reference": p.reference,
            }
            for p in Payment.objects.filter(invoice__customer=user).select_related("invoice")
        ],
        # A session may pay several people's invoices (a delegate's "Pay selected"): each
        # person gets the share paying their own invoices.
        "card_payments_started": [
            {"invoice": a.invoice.number, "amount": a.amount, "status": a.checkout.status}
            for a in CheckoutAllocation.objects.filter(invoice__customer=user).select_related(
                "invoice", "checkout"
            )
        ],
        "refunds": [
            {
                "credit_note": r.credit_note.number,
                "amount": r.amount,
                "method": r.method,
                "status": r.status,
                "refunded_at": r.refunded_at,
            }
            for r in Refund.objects.filter(credit_note__customer=user).select_related("credit_note")
        ],
        "kept_after_deletion": TAX_RECORDS,
    }


def register() -> None:
    privacy.register_section(
        "account",
        models=["members.User"],
        export=_account,
        erase=_erase_account,
        order=900,  # last of the person's own data: the others still find them by account
    )
    privacy.register_section(
        "addresses", models=["members.Address"], export=_addresses, erase=_deleting("addresses")
    )
    privacy.register_section(
        "functions", models=["members.Function"], export=_functions, erase=_deleting("functions")
    )
    privacy.register_section(
        "subscriptions",
        models=["members.Subscription"],
        export=_subscriptions,
        erase=_deleting("subscriptions"),
    )
    privacy.register_section(
        "delegate_grants",
        models=["members.DelegateGrant"],
        export=_delegate_grants,
        erase=_deleting("delegate_grants"),
    )
    privacy.register_section(
        "requests",
        models=["members.AccountRequest", "members.DeletionRequest", "members.Organization"],
        export=_requests,
        erase=_erase_requests,
    )
    privacy.register_section(
        "invoices",
        models=[
            "invoices.Invoice",
            "invoices.Payment",
            "invoices.Refund",
            "invoices.StripeCheckout",
            "invoices.CheckoutAllocation",
        ],
        export=_money,
        erase=None,
        kept=TAX_RECORDS,
    )
