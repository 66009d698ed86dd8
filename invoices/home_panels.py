"""What invoices give the home page of a signed-in person (home/home_sections.py; registered in
invoices/wagtail_hooks.py): what they owe."""

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from home.formatting import format_money
from home.home_sections import PersonalPanel

from .services import open_invoices_of


def what_you_owe(request):
    invoices = open_invoices_of(customer=request.user)
    if not invoices:
        lines = (_("You owe nothing."),)
    else:
        total = sum((invoice.balance_due for invoice in invoices), Decimal("0.00"))
        count = len(invoices)
        lines = (
            _("You owe %(amount)s.") % {"amount": format_money(total)},
            ngettext("%(count)d invoice to pay.", "%(count)d invoices to pay.", count)
            % {"count": count},
        )
    return PersonalPanel(
        heading=_("What you owe"),
        lines=lines,
        url=reverse("invoices:list"),
        link_label=_("See your invoices"),
        order=20,
    )
