from __future__ import annotations

from django.urls import path

from selfcare import views

urlpatterns = [
    path("self-care/check-in/", views.checkin_view, name="checkin"),
    path("self-care/reminders/", views.checkin_reminders_view, name="checkin_reminders"),
    path("reminders/pause/<str:token>/", views.checkin_pause_view, name="checkin_pause"),
]
