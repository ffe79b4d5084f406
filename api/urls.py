from __future__ import annotations

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from api import certifications, events, notifications, selfcare, supervision, training, views
from api.groups import views as groups

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("people", views.PersonViewSet, basename="person")
router.register("notifications", notifications.NotificationViewSet, basename="notification")
router.register("self-care/check-ins", selfcare.CheckInViewSet, basename="checkin")
router.register("self-care/plan/shares", selfcare.PlanShareViewSet, basename="plan-share")
router.register("training/modules", training.TrainingModuleViewSet, basename="training-module")
router.register(
    "training/assignments", training.TrainingAssignmentViewSet, basename="training-assignment"
)
router.register(
    "training/completions", training.TrainingCompletionViewSet, basename="training-completion"
)
router.register("training/overdue", training.TrainingOverdueViewSet, basename="training-overdue")
router.register(
    "certifications/types", certifications.CertificationTypeViewSet, basename="certification-type"
)
router.register(
    "certifications/held", certifications.CertificationViewSet, basename="certification"
)
router.register("certifications/ce", certifications.CEEntryViewSet, basename="ce-entry")
router.register(
    "certifications/roster",
    certifications.CertificationRosterViewSet,
    basename="certification-roster",
)
router.register(
    "supervision/assignments",
    supervision.SupervisorAssignmentViewSet,
    basename="supervisor-assignment",
)
router.register(
    "supervision/sessions", supervision.SupervisionSessionViewSet, basename="supervision-session"
)
router.register("groups/meetings", groups.MeetingViewSet, basename="group-meeting")
router.register("groups/liaison-notes", groups.LiaisonNoteViewSet, basename="group-liaison-note")
router.register("groups/venues", groups.VenueViewSet, basename="group-venue")
router.register("groups/models", groups.GroupModelViewSet, basename="group-model")
router.register("groups/reports", groups.SafetyReportViewSet, basename="group-report")
router.register("groups", groups.GroupViewSet, basename="group")
router.register(
    "wellness-events/occurrences", events.OccurrenceViewSet, basename="event-occurrence"
)
router.register("wellness-events/ideas", events.IdeaViewSet, basename="event-idea")
router.register("wellness-events", events.EventViewSet, basename="wellness-event")

urlpatterns = [
    path("groups/mine/", groups.MyGroupsView.as_view(), name="api-my-groups"),
    path("groups/hours/", groups.FacilitationHoursView.as_view(), name="api-group-hours"),
    path("groups/referrals/fits/", groups.ReferralFitsView.as_view(), name="api-referral-fits"),
    path("groups/referrals/", groups.ReferralCardView.as_view(), name="api-referral-card"),
    path("groups/visits/<int:pk>/log/", groups.VisitLogView.as_view(), name="api-group-visit-log"),
    path(
        "wellness-events/participation/",
        events.ParticipationView.as_view(),
        name="api-event-participation",
    ),
    path("me/", views.MeView.as_view(), name="api-me"),
    path(
        "supervision/compliance/",
        supervision.ComplianceView.as_view(),
        name="api-supervision-compliance",
    ),
    path(
        "supervision/hours/",
        supervision.SupervisedHoursView.as_view(),
        name="api-supervision-hours",
    ),
    path(
        "supervision/people/<int:pk>/attestation/",
        supervision.AttestationView.as_view(),
        name="api-supervision-attestation",
    ),
    path("roles/", views.RoleListView.as_view(), name="api-roles"),
    path(
        "self-care/reminders/",
        selfcare.CheckInScheduleView.as_view(),
        name="api-checkin-reminders",
    ),
    path("self-care/plan/", selfcare.PlanView.as_view(), name="api-plan"),
    path(
        "self-care/plan/versions/", selfcare.PlanVersionListView.as_view(), name="api-plan-versions"
    ),
    path(
        "self-care/plan/versions/<int:number>/",
        selfcare.PlanVersionView.as_view(),
        name="api-plan-version",
    ),
    path("self-care/shared-plans/", selfcare.SharedPlanListView.as_view(), name="api-shared-plans"),
    path(
        "self-care/shared-plans/<int:plan_id>/",
        selfcare.SharedPlanView.as_view(),
        name="api-shared-plan",
    ),
    path(
        "self-care/team-wellbeing/", selfcare.TeamWellbeingView.as_view(), name="api-team-wellbeing"
    ),
    path("self-care/export/", selfcare.ExportView.as_view(), name="api-selfcare-export"),
    path("training/my/", training.MyTrainingView.as_view(), name="api-my-training"),
    path(
        "training/attendance/",
        training.TrainingAttendanceView.as_view(),
        name="api-training-attendance",
    ),
    path("training/matrix/", training.TrainingMatrixView.as_view(), name="api-training-matrix"),
    path(
        "certifications/missing/",
        certifications.CertificationMissingView.as_view(),
        name="api-certification-missing",
    ),
    path(
        "certifications/evidence/<int:pk>/",
        certifications.CertificationEvidenceView.as_view(),
        name="api-certification-evidence",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    *router.urls,
]
