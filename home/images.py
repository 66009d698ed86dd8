"""Renditions of Wagtail images, for every place the project draws one: the `<picture>` of event
pages and home page cards (home/templatetags/quorum_images.py) and the brand's logo
(home/brand.py).

`renditions_for` makes the renditions that do not exist yet and closes each one's temporary file
once it is stored: Wagtail's own `get_rendition(s)` leaves that file to the garbage collector
(a ResourceWarning, and an open file until then)."""

from functools import lru_cache

from PIL import features

from wagtail.images.models import AbstractImage, AbstractRendition, Filter, SourceImageIOError
from wagtail.images.shortcuts import get_renditions_or_not_found


@lru_cache(maxsize=1)
def avif_supported() -> bool:
    """Whether the installed Pillow writes AVIF (renditions then offer it before WebP)."""
    return bool(features.check("avif"))


def renditions_for(image: AbstractImage, filters: list[Filter]) -> dict[str, AbstractRendition]:
    """{spec: rendition} for `filters`, the missing ones made here; Wagtail's "not found"
    renditions when the original file is missing."""
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


def rendition(image: AbstractImage, spec: str) -> AbstractRendition:
    """One rendition of `image` (e.g. "max-480x96|format-png")."""
    return renditions_for(image, [Filter(spec=spec)])[spec]
