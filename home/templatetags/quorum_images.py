"""Images in modern formats: `{% modern_picture image "card" alt=... %}` renders a <picture>
with AVIF (when the installed Pillow writes it), WebP and JPEG sources at the widths its place
needs, like Wagtail's `{% picture %}` tag (renditions prefetched with the image are used as
they are)."""

from django import template
from django.utils.safestring import SafeString

from wagtail.images.models import Filter, Picture, SourceImageIOError
from wagtail.images.shortcuts import get_renditions_or_not_found

from home.home_sections import avif_supported

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


def renditions_for(image, filters: list[Filter]) -> dict:
    """{spec: rendition} for `filters`, the missing ones made here. Wagtail's own
    `get_renditions` leaves each new rendition's temporary file open for the garbage collector
    (a ResourceWarning); this closes it once the rendition is stored."""
    found = image.find_existing_renditions(*filters)
    try:
        for spec_filter in filters:
            if spec_filter in found:
                continue
            file = image.generate_rendition_file(spec_filter)
            try:
                found[spec_filter], _created = image.renditions.get_or_create(
                    filter_spec=spec_filter.spec,
                    focal_point_key=spec_filter.get_cache_key(image),
                    defaults={"file": file},
                )
            finally:
                file.close()
    except SourceImageIOError:
        return get_renditions_or_not_found(image, filters)
    return {spec_filter.spec: found[spec_filter] for spec_filter in filters}


@register.simple_tag
def modern_picture(image, place: str, **attrs) -> str:
    if not image:
        return ""
    renditions = renditions_for(image, image_specs(place))
    attrs.setdefault("sizes", PLACES[place][1])
    attrs.setdefault("class", f"picture-{place}")
    return SafeString(Picture(renditions, attrs).__html__())
