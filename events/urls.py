from __future__ import annotations

from django.urls import path

from events import views

urlpatterns = [
    path("events/", views.events_view, name="events"),
    path("events/new/", views.event_create_view, name="event_add"),
    path("events/ideas/", views.ideas_view, name="event_ideas"),
    path("events/ideas/new/", views.idea_view, name="event_idea_add"),
    path("events/participation/", views.participation_view, name="event_participation"),
    path("events/series/<int:pk>/edit/", views.event_edit_view, name="event_edit"),
    path("events/series/<int:pk>/cancel/", views.event_cancel_view, name="event_cancel"),
    path("events/<int:pk>/", views.occurrence_view, name="event_occurrence"),
    path("events/<int:pk>/reply/", views.reply_view, name="event_reply"),
    path("events/<int:pk>/event.ics", views.occurrence_ics_view, name="event_ics"),
    path("events/<int:pk>/cancel/", views.occurrence_cancel_view, name="event_occurrence_cancel"),
    path("events/<int:pk>/note/", views.note_view, name="event_note"),
    path("events/<int:pk>/note/to-plan/", views.note_to_plan_view, name="event_note_to_plan"),
]
