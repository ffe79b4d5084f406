from __future__ import annotations

from django.urls import path

from supervision import manager_views, views

urlpatterns = [
    path("supervision/", views.home_view, name="supervision"),
    path("supervision/schedule/", views.schedule_view, name="supervision_schedule"),
    path("supervision/sessions/<int:pk>/", views.session_view, name="supervision_session"),
    path("supervision/sessions/<int:pk>/log/", views.session_log_view, name="supervision_log"),
    path("supervision/sessions/<int:pk>/sign/", views.session_sign_view, name="supervision_sign"),
    path(
        "supervision/sessions/<int:pk>/reflection/",
        views.session_reflect_view,
        name="supervision_reflect",
    ),
    path(
        "supervision/sessions/<int:pk>/reschedule/",
        views.session_reschedule_view,
        name="supervision_reschedule",
    ),
    path(
        "supervision/sessions/<int:pk>/cancel/",
        views.session_cancel_view,
        name="supervision_cancel",
    ),
    path(
        "supervision/sessions/<int:pk>/amend/", views.session_amend_view, name="supervision_amend"
    ),
    path(
        "supervision/sessions/<int:pk>/topics/<int:topic>/done/",
        views.topic_done_view,
        name="supervision_topic_done",
    ),
    path(
        "supervision/sessions/<int:pk>/session.ics",
        views.session_ics_view,
        name="supervision_session_ics",
    ),
    path("supervision/calendar/", views.calendar_settings_view, name="supervision_calendar"),
    path(
        "supervision/calendar/<str:token>.ics",
        views.calendar_feed_view,
        name="supervision_calendar_feed",
    ),
    path(
        "supervision/people/<int:pk>/attestation/",
        views.attestation_view,
        name="supervision_attestation",
    ),
    path(
        "supervision/assignments/",
        manager_views.assignments_view,
        name="supervision_assignments",
    ),
    path(
        "supervision/assignments/add/",
        manager_views.assignment_edit_view,
        name="supervision_assignment_add",
    ),
    path(
        "supervision/assignments/<int:pk>/",
        manager_views.assignment_edit_view,
        name="supervision_assignment_edit",
    ),
    path("supervision/compliance/", manager_views.compliance_view, name="supervision_compliance"),
    path("supervision/hours/", manager_views.hours_view, name="supervision_hours"),
]
