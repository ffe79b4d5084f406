from __future__ import annotations

from django.urls import path

from workforce.training import catalogue_views as cv
from workforce.training import team_views, views

urlpatterns = [
    path("training/", views.my_training_view, name="my_training"),
    path("training/modules/<int:pk>/", views.module_view, name="training_module"),
    path("training/modules/<int:pk>/start/", views.module_start_view, name="training_start"),
    path(
        "training/modules/<int:pk>/sections/<int:position>/",
        views.section_view,
        name="training_section",
    ),
    path("training/modules/<int:pk>/check/", views.check_view, name="training_check"),
    path(
        "training/modules/<int:pk>/reflection/",
        views.reflection_view,
        name="training_reflection",
    ),
    path("training/certificates/<int:pk>.pdf", views.certificate_view, name="training_certificate"),
    path("training/emails/", views.emails_settings_view, name="training_emails"),
    path(
        "training/emails/pause/<str:token>/",
        views.emails_pause_view,
        name="training_emails_pause",
    ),
    path("training/record/", team_views.record_view, name="training_record"),
    path(
        "training/completions/<int:pk>/evidence/",
        team_views.evidence_view,
        name="training_evidence",
    ),
    path("training/team/", team_views.matrix_view, name="training_matrix"),
    path("training/team/overdue/", team_views.overdue_view, name="training_overdue"),
    path("training/team/assign/", team_views.assign_view, name="training_assign"),
    path("training/team/attendance/", team_views.attendance_view, name="training_attendance"),
    path("training/catalogue/", cv.catalogue_view, name="catalogue"),
    path("training/catalogue/library/", cv.library_install_view, name="catalogue_library"),
    path("training/catalogue/new/", cv.module_edit_view, name="catalogue_new"),
    path("training/catalogue/<int:pk>/", cv.module_edit_view, name="catalogue_module"),
    path("training/catalogue/<int:pk>/archive/", cv.module_archive_view, name="catalogue_archive"),
    path("training/catalogue/<int:pk>/delete/", cv.module_delete_view, name="catalogue_delete"),
    path(
        "training/catalogue/<int:pk>/sections/new/",
        cv.section_edit_view,
        name="catalogue_section_new",
    ),
    path(
        "training/catalogue/<int:pk>/sections/<int:section_pk>/",
        cv.section_edit_view,
        name="catalogue_section",
    ),
    path(
        "training/catalogue/<int:pk>/sections/<int:section_pk>/action/",
        cv.section_action_view,
        name="catalogue_section_action",
    ),
    path(
        "training/catalogue/<int:pk>/questions/new/",
        cv.question_edit_view,
        name="catalogue_question_new",
    ),
    path(
        "training/catalogue/<int:pk>/questions/<int:question_pk>/",
        cv.question_edit_view,
        name="catalogue_question",
    ),
    path(
        "training/catalogue/<int:pk>/questions/<int:question_pk>/delete/",
        cv.question_delete_view,
        name="catalogue_question_delete",
    ),
    path("verify/<str:code>/", views.verify_view, name="training_verify"),
]
