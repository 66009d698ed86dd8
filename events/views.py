from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from .models import EventPage


def event_ics(request, translation_key):
    events = EventPage.objects.live().public().filter(translation_key=translation_key)
    event = events.filter(locale__language_code=get_language()).first() or get_object_or_404(
        events[:1]
    )
    response = HttpResponse(event.ics(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response
