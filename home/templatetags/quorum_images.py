"""Images in modern formats: `{% modern_picture image "card" alt=... %}` renders a <picture>
with AVIF (when the installed Pillow writes it), WebP and JPEG sources at the widths its place
needs, like Wagtail's `{% picture %}` tag (renditions prefetched with the image are used as
they are), its renditions made by home/images.py."""

from django import template
from django.utils.safestring import SafeString

from wagtail.images.models import Filter, Picture

from ..images import avif_supported, renditions_for

register = template.Library()

# Widths for each place, with the `sizes` attribute the layout (static/css/quorum.css) gives.
PLACES = {
    "card": ("width-{360,720}", "(min-width: 48rem) 22rem, 100vw"),
    "header": ("width-{640,960,1280}", "(min-width: 72rem) 68rem, 100vw"),
}


def image_specs(place: str) -> list[Filter]:
    widths, _sizes = PLACES[place]
    formats = "avif,webp,jpeg" if avif_supported() else "webp,jpeg"
    return [Filter(spec=spec) for spec in Filter.expand_spec(f"{widths}|format-{{{formats}}}")]


@register.simple_tag
def modern_picture(image, place: str, **attrs) -> str:
    if not image:
        return ""
    renditions = renditions_for(image, image_specs(place))
    attrs.setdefault("sizes", PLACES[place][1])
    attrs.setdefault("class", f"picture-{place}")
    return SafeString(Picture(renditions, attrs).__html__())
