from __future__ import annotations

from django.urls import path

from groups import liaison_views, public_views, referral_views, report_views, views

urlpatterns = [
    path("groups/", views.group_list_view, name="groups"),
    path("groups/new/", views.group_create_view, name="group_add"),
    path("groups/hours/", liaison_views.hours_view, name="group_hours"),
    path("groups/participation/", liaison_views.participation_view, name="group_participation"),
    path("groups/finder/", liaison_views.finder_settings_view, name="group_finder_settings"),
    path("groups/refer/", referral_views.refer_view, name="group_refer"),
    path("groups/refer/card/", referral_views.referral_card_view, name="group_referral_card"),
    path("groups/reports/", report_views.reports_view, name="group_reports"),
    path("groups/reports/<str:ref>/", report_views.report_detail_view, name="group_report"),
    path(
        "groups/reports/<str:ref>/reply/", report_views.report_reply_view, name="group_report_reply"
    ),
    path(
        "groups/reports/<str:ref>/status/",
        report_views.report_update_view,
        name="group_report_update",
    ),
    path("groups/venues/", liaison_views.venues_view, name="group_venues"),
    path("groups/venues/new/", liaison_views.venue_edit_view, name="group_venue_add"),
    path("groups/venues/<int:pk>/", liaison_views.venue_edit_view, name="group_venue_edit"),
    path("groups/models/", liaison_views.models_view, name="group_models"),
    path("groups/models/<int:pk>/", liaison_views.model_edit_view, name="group_model_edit"),
    path("groups/<int:pk>/", views.group_view, name="group"),
    path("groups/<int:pk>/edit/", views.group_edit_view, name="group_edit"),
    path("groups/<int:pk>/people/", views.group_people_view, name="group_people"),
    path("groups/<int:pk>/agreement/", views.agreement_view, name="group_agreement"),
    path("groups/<int:pk>/agreement.pdf", views.agreement_pdf_view, name="group_agreement_pdf"),
    path("groups/<int:pk>/flyer.pdf", views.flyer_view, name="group_flyer"),
    path("groups/<int:pk>/liaison/", liaison_views.liaison_view, name="group_liaison"),
    path("groups/<int:pk>/liaison/card.pdf", views.liaison_card_view, name="group_liaison_card"),
    path("groups/<int:pk>/liaison/visits/", liaison_views.visit_plan_view, name="group_visit_plan"),
    path(
        "groups/<int:pk>/liaison/visits/<int:visit>/",
        liaison_views.visit_log_view,
        name="group_visit_log",
    ),
    path(
        "groups/<int:pk>/liaison/contact/",
        liaison_views.liaison_contact_view,
        name="group_liaison_contact",
    ),
    path("groups/meetings/<int:pk>/", views.meeting_view, name="group_meeting"),
    path("groups/meetings/<int:pk>/meeting.ics", views.meeting_ics_view, name="group_meeting_ics"),
    path("groups/meetings/<int:pk>/log/", views.meeting_log_view, name="group_meeting_log"),
    path(
        "groups/meetings/<int:pk>/cancel/", views.meeting_cancel_view, name="group_meeting_cancel"
    ),
    path("groups/meetings/<int:pk>/move/", views.meeting_move_view, name="group_meeting_move"),
]

public_urlpatterns = [
    path("find/<slug:slug>/", public_views.finder_view, name="finder"),
    path("find/<slug:slug>/feed.json", public_views.feed_view, name="finder_feed"),
    path("find/<slug:slug>/<str:code>/", public_views.finder_group_view, name="finder_group"),
    path("report/<str:code>/", public_views.report_view, name="report"),
    path("report/<str:code>/check/", public_views.report_check_view, name="report_check"),
]
urlpatterns += public_urlpatterns
