"""Operations on accounts, files, organizations and the delegate role."""

from .models import Organization, User


def delegate_organizations(delegate):
    """The organizations a user may act for as a delegate."""
    return Organization.objects.filter(delegate_grants__user=delegate)


def colleagues_for_delegate(delegate):
    """The active accounts a delegate may register: people whose current function is at one of
    the delegate's organizations. Everything a delegate does for someone is scoped by this."""
    return (
        User.objects.filter(
            is_active=True,
            functions__end_date__isnull=True,
            functions__organization__in=delegate_organizations(delegate),
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def billing_details(user):
    """Name and address to copy onto an invoice for this person: the current employer's
    address is the main address."""
    organization = user.current_organization
    lines = []
    if organization:
        lines.append(organization.name)
        lines.append(organization.street)
        city = " ".join(p for p in [organization.city, organization.province] if p)
        lines.append(f"{city}  {organization.postal_code}".strip())
    return str(user), "\n".join(line for line in lines if line)


def organization_billing_details(organization):
    city = " ".join(p for p in [organization.city, organization.province] if p)
    lines = [organization.street, f"{city}  {organization.postal_code}".strip()]
    return organization.name, "\n".join(line for line in lines if line)
