"""Check-in at the door, on a phone-sized screen: staff open the event's check-in page, type the
code printed on a participant's badge, check them in, and the attendance shows them present."""

import re

import pytest
from playwright.sync_api import expect

from django.urls import reverse
from django.utils import timezone

from events.models import Attendance, EventPage, Registration
from events.tickets import ticket_code
from members.models import User

from .conftest import assert_accessible, login_browser

pytestmark = pytest.mark.django_db(transaction=True)


def _registered_participant():
    """The demo's participant, registered to the event under way (its French page): check-in
    opens on the day an event starts."""
    now = timezone.now()
    event = EventPage.objects.get(locale__language_code="fr", start__lte=now, end__gte=now)
    person = User.objects.get(username="participant")
    return Registration.objects.create(
        event=event,
        person=person,
        registered_by=person,
        option=event.options.filter(is_companion=False).first(),
        answers={},
    )


def test_staff_check_someone_in_from_their_ticket_code(demo, page, live_server):
    admin = User.objects.get(username="admin")
    registration = _registered_participant()
    event = registration.event
    name = registration.person.get_full_name()
    login_browser(page, admin, live_server)
    page.set_viewport_size({"width": 375, "height": 812})

    page.goto(reverse("event_checkin:index"))
    assert_accessible(page)
    page.goto(reverse("event_checkin:event", args=[event.pk]))
    assert_accessible(page)
    search = page.get_by_label("Code du billet ou nom")
    expect(search).to_be_focused()
    # Typed as read from the badge: lower case, a space instead of the dash.
    search.fill(ticket_code(registration.pk).lower().replace("-", " "))
    search.press("Enter")

    check_in = page.get_by_role("button", name=f"Enregistrer l’arrivée de {name}")
    expect(check_in).to_be_focused()  # Enter checks the person in
    assert_accessible(page)
    # Nothing of the screen goes past the phone's edge.
    right = page.evaluate(
        "Math.max(...[...document.querySelectorAll('.checkin *')]"
        ".map(e => e.getBoundingClientRect().right))"
    )
    assert right <= 375
    check_in.press("Enter")

    expect(page.locator("#checkin-status")).to_have_text(f"Arrivée de {name} enregistrée.")
    expect(page.get_by_text(re.compile(r"Présence enregistrée à .* par"))).to_be_visible()
    assert_accessible(page)
    assert Attendance.objects.get(registration=registration).attended

    page.goto(f"{reverse('event_attendance:index')}?event={event.pk}")
    expect(page.get_by_label(name)).to_be_checked()


def _camera_feed(path, text):
    """A Y4M video (what Chromium's fake camera plays) showing the QR code of `text` as the
    badge prints it: a regular QR code, dark on white."""
    segno = pytest.importorskip("segno")
    from PIL import Image

    qr = segno.make(text, error="m", micro=False)
    png = path.with_suffix(".png")
    qr.save(png, scale=8, border=4)
    width, height = 640, 480
    frame = Image.new("L", (width, height), 255)
    code = Image.open(png).convert("L")
    frame.paste(code, ((width - code.width) // 2, (height - code.height) // 2))
    luma = frame.tobytes()
    chroma = bytes([128]) * (width // 2 * height // 2)
    with path.open("wb") as video:
        video.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(10):
            video.write(b"FRAME\n" + luma + chroma + chroma)
    return path


def test_staff_check_someone_in_by_scanning_their_badge(demo, browser, live_server, tmp_path):
    """The camera (Chromium's fake one, playing a badge's QR code) reads the code, the screen
    shows the person with the button ready, and after the check-in the camera is on again for
    the next badge. Chromium on Linux has no BarcodeDetector: the vendored polyfill reads it."""
    from .conftest import CHROMIUM

    admin = User.objects.get(username="admin")
    registration = _registered_participant()
    event, person = registration.event, registration.person
    feed = _camera_feed(tmp_path / "badge.y4m", ticket_code(registration.pk))
    name = person.get_full_name()
    # Chromium again, with a fake camera that plays the badge.
    camera_browser = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={feed}",
        ],
    )
    try:
        context = camera_browser.new_context(
            base_url=live_server.url,
            locale="fr-CA",
            reduced_motion="reduce",
            permissions=["camera"],
            viewport={"width": 375, "height": 812},
        )
        context.set_default_timeout(20_000)
        page = context.new_page()
        login_browser(page, admin, live_server)
        page.goto(reverse("event_checkin:event", args=[event.pk]))
        page.get_by_role("button", name="Lire un porte-nom").click()

        check_in = page.get_by_role("button", name=f"Enregistrer l’arrivée de {name}")
        expect(check_in).to_be_focused()
        expect(page.get_by_label("Code du billet ou nom")).to_have_value(
            ticket_code(registration.pk)
        )
        check_in.press("Enter")
        expect(page.locator("#checkin-status")).to_have_text(f"Arrivée de {name} enregistrée.")
        assert Attendance.objects.get(registration=registration).attended
        # Ready for the next badge.
        stop = page.get_by_role("button", name="Arrêter la caméra")
        expect(stop).to_be_visible()
        # "Stop the camera" stays where it is whether the picture is there or not yet: a tap
        # while the camera starts lands on it. (Measured from the top of the camera's box: the
        # admin's heading above it may still move when its font arrives.)
        where = (
            "() => { const stop = document.getElementById('checkin-stop').getBoundingClientRect();"
            " const box = document.getElementById('checkin-camera').getBoundingClientRect();"
            " return [stop.left - box.left, stop.top - box.top]; }"
        )
        page.wait_for_function("document.getElementById('checkin-video').videoWidth > 0")
        playing = page.evaluate(where)
        page.evaluate(
            "() => { const video = document.getElementById('checkin-video');"
            " video.pause(); video.srcObject = null; video.load(); }"
        )
        page.wait_for_function("document.getElementById('checkin-video').videoWidth === 0")
        assert page.evaluate(where) == playing
        page.get_by_role("button", name="Arrêter la caméra").click()
        expect(page.get_by_role("button", name="Lire un porte-nom")).to_be_focused()
    finally:
        camera_browser.close()
