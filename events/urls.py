from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("calendar/<uuid:translation_key>.ics", views.event_ics, name="ics"),
    path("registrations/<uuid:key>/register/", views.register, name="register"),
    path(
        "registrations/<uuid:key>/register/<int:person_id>/",
        views.register,
        name="register_for",
    ),
    path("registrations/<uuid:key>/review/", views.review, name="review"),
    path("registrations/<uuid:key>/review/<int:person_id>/", views.review, name="review_for"),
    path("registrations/<uuid:key>/group/", views.group, name="group"),
    path("registrations/<int:pk>/", views.registration_detail, name="registration"),
    path("registrations/<int:pk>/badge.pdf", views.badge, name="badge"),
    path("registrations/<int:pk>/change/", views.change, name="change"),
    path("registrations/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("registrations/<int:pk>/companion/", views.companion, name="companion"),
    path("registrations/<int:pk>/documents/<int:index>/", views.document, name="document"),
    path("registrations/offer/<str:token>/", views.offer, name="offer"),
    path("account/events/", views.my_events, name="my_events"),
    path("account/delegate/", views.delegate_dashboard, name="delegate_dashboard"),
    path("account/trainings/", views.my_trainings, name="my_trainings"),
    path(
        "account/trainings/<int:pk>/attendance.pdf",
        views.attendance_pdf,
        name="attendance_pdf",
    ),
]
