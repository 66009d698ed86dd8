"""The association's brand on the site's pages (home/brand.py): the stylesheet with its colours
and the logo in the header."""

from django import template
from django.urls import reverse

from ..brand import brand, logo_alt
from ..links import current_language
from ..models import AssociationSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def site_brand(context):
    """What the page shows of the brand of its site, in the page's language: `name`, `logo`
    (url, width, height) with its `alt`, `name_beside_logo`, and `stylesheet` (the colours'
    versioned address, empty when staff kept the site's colours)."""
    request = context.get("request")
    if request is None:
        return {}
    value = brand(request)
    name = AssociationSettings.for_request(request).localized_name(current_language())
    return {
        "name": name,
        "logo": value["logo"],
        "alt": logo_alt(value, current_language(), name),
        "name_beside_logo": value["name_beside_logo"],
        "stylesheet": (
            f"{reverse('brand_stylesheet')}?v={value['version']}" if value["customised"] else ""
        ),
    }
