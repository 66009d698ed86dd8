"""Colours as staff type them (`#rrggbb`) and the WCAG 2.2 contrast they make with the site's
backgrounds: the brand settings refuse a colour that text could not be read in.

WCAG's relative luminance (https://www.w3.org/TR/WCAG22/#dfn-relative-luminance) and contrast
ratio (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio); AA asks 4.5:1 for body text."""

import math
import re

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

# WCAG 2.2 AA, success criterion 1.4.3, for text of normal size.
AA_TEXT = 4.5

# The backgrounds the brand colour is written on, as static/css/quorum.css declares them (--bg
# and --soft): links on white pages and in the grey header and footer, white text on buttons.
# The e-mails' layout uses the same two (home/emails.py).
WHITE = "#ffffff"
SOFT = "#f2f5f8"
TEXT_BACKGROUNDS = (
    (WHITE, _("white")),
    (SOFT, _("the light grey of the header and footer")),
)


def parse(colour: str) -> tuple[int, int, int]:
    """`#rrggbb` as its three channels (0-255); ValueError for anything else."""
    if not HEX_COLOUR.match(colour or ""):
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def relative_luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in parse(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """From 1 (same luminance) to 21 (black on white); the order does not matter."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def darken(colour: str, amount: float = 0.27) -> str:
    """`colour` mixed with `amount` of black: a darker variant of the same hue (with #0b4f8a,
    about the site's default #083a66). Darker never lowers the contrast with white."""
    return "#" + "".join(f"{round(channel * (1 - amount)):02x}" for channel in parse(colour))


def normalize(colour: str) -> str:
    """`#RRGGBB` or `#rrggbb` as `#rrggbb`; empty stays empty."""
    return (colour or "").strip().lower()


def _shown(ratio: float) -> str:
    """The ratio rounded down to two decimals, in the active language ("4,48" in French): a
    colour just under the limit never reads as reaching it."""
    return number_format(math.floor(ratio * 100) / 100, 2)


def validate_hex_colour(value: str) -> None:
    if not HEX_COLOUR.match((value or "").strip()):
        raise ValidationError(
            _("Enter a colour as # followed by six hexadecimal digits, for example #0b4f8a."),
            code="invalid_colour",
        )


def validate_text_contrast(value: str) -> None:
    """Refuse a colour that text written in it on the site's backgrounds (or white text on
    it) would not reach WCAG AA's 4.5:1 with; the message gives the ratio found."""
    value = normalize(value)
    if not HEX_COLOUR.match(value):
        return  # validate_hex_colour says what is wrong
    for background, label in TEXT_BACKGROUNDS:  # white first: the ratio staff expect to see
        ratio = contrast_ratio(value, background)
        if ratio >= AA_TEXT:
            continue
        raise ValidationError(
            _(
                "This colour is too light for text: its contrast with %(background)s is "
                "%(ratio)s:1, and WCAG AA needs at least %(needed)s:1. Choose a darker colour."
            ),
            code="low_contrast",
            params={
                "background": label,
                "ratio": _shown(ratio),
                "needed": number_format(AA_TEXT, 1),
            },
        )
