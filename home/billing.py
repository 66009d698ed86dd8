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


class Billable(Protocol):
    def billing_details(self) -> BillingDetails: ...
