from __future__ import annotations

from django.urls import path

from workforce.certifications import type_views, views

urlpatterns = [
    path("certifications/", views.my_certifications_view, name="my_certifications"),
    path("certifications/add/", views.certification_add_view, name="certification_add"),
    path(
        "certifications/<int:pk>/renew/", views.certification_renew_view, name="certification_renew"
    ),
    path(
        "certifications/<int:pk>/action/",
        views.certification_action_view,
        name="certification_action",
    ),
    path(
        "certifications/<int:pk>/evidence/",
        views.evidence_upload_view,
        name="certification_evidence_add",
    ),
    path("certifications/files/<int:pk>/", views.evidence_file_view, name="certification_evidence"),
    path(
        "certifications/people/<int:pk>/",
        views.person_certifications_view,
        name="person_certifications",
    ),
    path("certifications/ce/add/", views.ce_add_view, name="certification_ce_add"),
    path("certifications/ce/pending/", views.ce_pending_view, name="certification_ce_pending"),
    path(
        "certifications/ce/<int:pk>/review/", views.ce_review_view, name="certification_ce_review"
    ),
    path(
        "certifications/ce/<int:pk>/file/", views.ce_evidence_view, name="certification_ce_evidence"
    ),
    path("certifications/roster/", views.roster_view, name="certification_roster"),
    path("certifications/missing/", views.missing_view, name="certification_missing"),
    path("certifications/types/", type_views.types_view, name="certification_types"),
    path(
        "certifications/types/presets/",
        type_views.presets_install_view,
        name="certification_presets",
    ),
    path("certifications/types/new/", type_views.type_edit_view, name="certification_type_new"),
    path("certifications/types/<int:pk>/", type_views.type_edit_view, name="certification_type"),
    path(
        "certifications/types/<int:pk>/archive/",
        type_views.type_archive_view,
        name="certification_type_archive",
    ),
]
