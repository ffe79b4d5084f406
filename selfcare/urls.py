from __future__ import annotations

from django.urls import path

from selfcare import plan_views, views

urlpatterns = [
    path("self-care/check-in/", views.checkin_view, name="checkin"),
    path("self-care/reminders/", views.checkin_reminders_view, name="checkin_reminders"),
    path("reminders/pause/<str:token>/", views.checkin_pause_view, name="checkin_pause"),
    path("self-care/plan/", plan_views.plan_view, name="plan"),
    path("self-care/plan/edit/", plan_views.plan_edit_view, name="plan_edit"),
    path("self-care/plan/versions/", plan_views.plan_versions_view, name="plan_versions"),
    path(
        "self-care/plan/versions/<int:number>/", plan_views.plan_version_view, name="plan_version"
    ),
    path(
        "self-care/plan/versions/<int:number>/restore/",
        plan_views.plan_restore_view,
        name="plan_restore",
    ),
    path("self-care/plan/share/", plan_views.plan_share_view, name="plan_share"),
    path(
        "self-care/plan/review-reminder/",
        plan_views.plan_review_reminder_view,
        name="plan_review_reminder",
    ),
    path(
        "self-care/plan/share/<int:share_id>/stop/", plan_views.plan_revoke_view, name="plan_revoke"
    ),
    path(
        "self-care/plan/crisis-lines/<int:line_id>/add/",
        plan_views.plan_add_line_view,
        name="plan_add_line",
    ),
    path("self-care/plan/my-self-care-plan.pdf", plan_views.plan_pdf_view, name="plan_pdf"),
    path("self-care/plan/my-emergency-card.pdf", plan_views.plan_card_view, name="plan_card"),
    path("self-care/shared/<int:plan_id>/", plan_views.shared_plan_view, name="shared_plan"),
    path("self-care/check-ins/", views.checkin_history_view, name="checkin_history"),
    path("team-wellbeing/", views.team_wellness_view, name="team_wellness"),
    path("organization/self-care/", plan_views.plan_settings_view, name="plan_settings"),
    path("self-care/check-ins/<int:pk>/delete/", views.checkin_delete_view, name="checkin_delete"),
    path("self-care/support/", views.support_contact_view, name="support_contact"),
    path("self-care/my-data/", views.selfcare_data_view, name="selfcare_data"),
    path("self-care/my-data/export.json", views.selfcare_export_view, name="selfcare_export"),
]
