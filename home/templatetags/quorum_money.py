from django import template

from home.formatting import format_money

register = template.Library()


@register.filter
def money(amount, language=None):
    if amount is None or amount == "":
        return ""
    return format_money(amount, language)
