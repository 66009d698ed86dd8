"""What `invoices` needs to know of whom it bills, without importing `members`: the user and
organization models implement `billing_details()`."""

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class BillingDetails:
    """Copied onto an invoice at issue: it never changes afterwards."""

    name: str
    address: str
    language: str = "fr"
    # The organization billed: the person's employer (a delegate registers the colleagues of
    # their organization, so it is the delegate's), or the organization itself.
    organization_id: int | None = None
    organization_name: str = ""


class Billable(Protocol):
    def billing_details(self) -> BillingDetails: ...
