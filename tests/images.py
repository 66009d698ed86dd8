"""Wagtail images for tests, drawn with Pillow."""

import io

from PIL import Image as PillowImage

from django.core.files.images import ImageFile

from wagtail.images import get_image_model


def make_image(title="Photo test", size=(1280, 720)):
    data = io.BytesIO()
    PillowImage.new("RGB", size, (30, 90, 150)).save(data, "JPEG")
    image = get_image_model()(title=title)
    image.file = ImageFile(io.BytesIO(data.getvalue()), name="test.jpg")
    image.save()
    return image
