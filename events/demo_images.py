"""The demo's event images, drawn with Pillow when the demo loads (no binary file in the
repository): a bar chart for the municipal budget training."""

import io

from PIL import Image as PillowImage
from PIL import ImageDraw

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

WIDTH, HEIGHT = 1280, 720
BACKGROUND = (240, 244, 248)
INK = (29, 53, 87)
BARS = [
    (0.45, (69, 123, 157)),
    (0.7, (42, 157, 143)),
    (0.55, (233, 196, 106)),
    (0.85, (231, 111, 81)),
    (0.62, (69, 123, 157)),
]


def budget_chart() -> bytes:
    """A JPEG of a simple bar chart on a light background, with a baseline and a trend line."""
    picture = PillowImage.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(picture)
    left, right, top, base = 140, WIDTH - 140, 110, HEIGHT - 120
    step = (right - left) // len(BARS)
    points = []
    for index, (share, colour) in enumerate(BARS):
        x0 = left + index * step + step // 6
        x1 = x0 + step * 2 // 3
        y0 = base - int((base - top) * share)
        draw.rounded_rectangle((x0, y0, x1, base), radius=14, fill=colour)
        points.append(((x0 + x1) // 2, y0 - 36))
    draw.line(points, fill=INK, width=8, joint="curve")
    for x, y in points:
        draw.ellipse((x - 14, y - 14, x + 14, y + 14), fill=INK)
    draw.line((left - 20, base, right + 20, base), fill=INK, width=10)
    output = io.BytesIO()
    picture.save(output, "JPEG", quality=85)
    return output.getvalue()


DRAWINGS = {"budget-chart": budget_chart}


def demo_image(spec):
    """The Wagtail image for `spec` ({"key", "title"}), drawn once and reused afterwards."""
    Image = get_image_model()
    image = Image.objects.filter(title=spec["title"]).first()
    if image is None:
        data = DRAWINGS[spec["key"]]()
        image = Image(title=spec["title"])
        image.file = ImageFile(io.BytesIO(data), name=f"{spec['key']}.jpg")
        image.save()
    return image
