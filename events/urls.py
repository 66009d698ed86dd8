from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("calendar/<uuid:translation_key>.ics", views.event_ics, name="ics"),
]
