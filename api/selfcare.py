"""API for the signed-in person's own self-care: only ever their own rows."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.viewsets import ScopedGenericViewSet
from notifications.models import Channel
from selfcare import access as selfcare_access
from selfcare import aggregates, plans, services
from selfcare.models import CheckIn, CheckInSchedule, Frequency, PlanShare
from workforce import access


class CheckInScheduleSerializer(serializers.Serializer):
    """When (and whether) you get check-in reminders."""

    enabled = serializers.BooleanField()
    frequency = serializers.ChoiceField(choices=Frequency.choices)
    weekdays = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=6),
        required=False,
        default=list,
        help_text="Monday is 0. Used by weekly and fortnightly.",
    )
    time_of_day = serializers.TimeField()
    timezone = serializers.CharField(max_length=64)
    quiet_start = serializers.TimeField(allow_null=True, required=False, default=None)
    quiet_end = serializers.TimeField(allow_null=True, required=False, default=None)
    paused_until = serializers.DateField(allow_null=True, required=False, default=None)
    channel = serializers.ChoiceField(choices=Channel.choices)
    next_reminder_at = serializers.DateTimeField(
        read_only=True, allow_null=True, source="next_slot_at", help_text="Null: none planned."
    )

    def to_representation(self, item: CheckInSchedule) -> dict:
        data = super().to_representation(item)
        data["weekdays"] = sorted(item.weekdays)
        return data


class CheckInScheduleView(APIView):
    """Your check-in reminder settings. Nobody else can read or change them."""

    @extend_schema(responses=CheckInScheduleSerializer)
    def get(self, request: Request) -> Response:
        item = services.checkin_schedule_of(access.require_profile(request.user))
        return Response(CheckInScheduleSerializer(item).data)

    @extend_schema(request=CheckInScheduleSerializer, responses=CheckInScheduleSerializer)
    def put(self, request: Request) -> Response:
        profile = access.require_profile(request.user)
        serializer = CheckInScheduleSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)  # before anything is written
        data = serializer.validated_data
        item = services.checkin_schedule_of(profile)
        services.checkin_schedule_update(
            actor=request.user,
            item=item,
            data=services.ScheduleInput.from_data(data),
        )
        return Response(CheckInScheduleSerializer(item).data)


# --- plans ---------------------------------------------------------------------------------


class PlanSerializer(serializers.Serializer):
    """Your plan's current content: a key per section (see the section list in the docs)."""

    version = serializers.IntegerField(read_only=True, allow_null=True)
    saved_at = serializers.DateTimeField(read_only=True, allow_null=True)
    last_reviewed_on = serializers.DateField(read_only=True, allow_null=True)
    content = serializers.DictField()
    reviewed = serializers.BooleanField(write_only=True, required=False, default=False)


class PlanVersionSerializer(serializers.Serializer):
    """One saved version of your plan."""

    number = serializers.IntegerField()
    saved_at = serializers.DateTimeField(source="created_at")
    restored_from = serializers.IntegerField(allow_null=True)


class PlanShareSerializer(serializers.Serializer):
    """Someone who can read your plan (until `revoked_at`)."""

    id = serializers.IntegerField(read_only=True)
    viewer = serializers.IntegerField(source="viewer_id", help_text="A colleague's person id.")
    viewer_name = serializers.CharField(source="viewer.chosen_name", read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    revoked_at = serializers.DateTimeField(read_only=True, allow_null=True)


def _plan_body(request: Request) -> dict:
    plan = plans.plan_of(access.require_profile(request.user))
    version = plans.plan_current(plan)
    return {
        "version": version.number if version else None,
        "saved_at": version.created_at if version else None,
        "last_reviewed_on": plan.last_reviewed_on,
        "content": plans.content_of(version),
    }


class PlanView(APIView):
    """Your self-care plan. Only you can read or change it through this endpoint."""

    @extend_schema(responses=PlanSerializer)
    def get(self, request: Request) -> Response:
        return Response(PlanSerializer(_plan_body(request)).data)

    @extend_schema(request=PlanSerializer, responses=PlanSerializer)
    def put(self, request: Request) -> Response:
        serializer = PlanSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        plans.plan_save(
            actor=request.user,
            content=serializer.validated_data["content"],
            reviewed=serializer.validated_data["reviewed"],
        )
        return Response(PlanSerializer(_plan_body(request)).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request) -> Response:
        """Delete your plan and every version of it, for real."""
        plans.plan_delete(actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PlanVersionListView(APIView):
    """Every saved version of your plan, newest first."""

    @extend_schema(responses=PlanVersionSerializer(many=True))
    def get(self, request: Request) -> Response:
        plan = plans.plan_of(access.require_profile(request.user))
        return Response(PlanVersionSerializer(plan.versions.all(), many=True).data)


class PlanVersionView(APIView):
    """One earlier version (GET), or bring it back as a new version (POST)."""

    def _version(self, request: Request, number: int):
        plan = plans.plan_of(access.require_profile(request.user))
        version = plan.versions.filter(number=number).first()
        if version is None:
            raise NotFound
        return version

    @extend_schema(responses=PlanSerializer)
    def get(self, request: Request, number: int) -> Response:
        version = self._version(request, number)
        body = {
            "version": version.number,
            "saved_at": version.created_at,
            "last_reviewed_on": None,
            "content": plans.content_of(version),
        }
        return Response(PlanSerializer(body).data)

    @extend_schema(request=None, responses=PlanSerializer)
    def post(self, request: Request, number: int) -> Response:
        plans.plan_restore(actor=request.user, number=self._version(request, number).number)
        return Response(PlanSerializer(_plan_body(request)).data, status=status.HTTP_201_CREATED)


class PlanShareViewSet(mixins.ListModelMixin, ScopedGenericViewSet):
    """Who can read your plan now (and who could before)."""

    serializer_class = PlanShareSerializer
    queryset = PlanShare.objects.none()  # for the schema only; rows come from scoped_queryset

    tenant_field = "plan__organization_id"

    def scoped_queryset(self):
        plan = plans.plan_of(access.require_profile(self.request.user))
        return PlanShare.objects.filter(plan=plan).select_related("viewer")

    @extend_schema(request=PlanShareSerializer, responses={201: PlanShareSerializer})
    def create(self, request: Request) -> Response:
        serializer = PlanShareSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        share = plans.plan_share(
            actor=request.user, viewer_id=serializer.validated_data["viewer_id"]
        )
        return Response(PlanShareSerializer(share).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=PlanShareSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk: str | None = None) -> Response:
        """Stop sharing with this person, now."""
        return Response(
            PlanShareSerializer(plans.plan_revoke(actor=request.user, share_id=pk)).data
        )


class SharedPlanSerializer(serializers.Serializer):
    """A plan a colleague shares with you (read only; their private section left out)."""

    id = serializers.IntegerField()
    owner_name = serializers.CharField()
    content = serializers.DictField(required=False)


class SharedPlanListView(APIView):
    """Plans colleagues currently share with you."""

    @extend_schema(responses=SharedPlanSerializer(many=True))
    def get(self, request: Request) -> Response:
        shared = selfcare_access.shared_plans_visible_to(request.user).select_related("owner")
        data = [{"id": p.pk, "owner_name": p.owner.chosen_name} for p in shared]
        return Response(SharedPlanSerializer(data, many=True).data)


class SharedPlanView(APIView):
    """Read a plan shared with you. The owner sees each read in their privacy log."""

    @extend_schema(responses=SharedPlanSerializer)
    def get(self, request: Request, plan_id: int) -> Response:
        plan, content = plans.shared_plan_read(actor=request.user, plan_id=plan_id)
        body = {"id": plan.pk, "owner_name": plan.owner.chosen_name, "content": content}
        return Response(SharedPlanSerializer(body).data)


# --- check-ins -----------------------------------------------------------------------------


class CheckInSerializer(serializers.ModelSerializer):
    """One of your check-ins. Every score is 1–5 and optional, but a check-in says something:
    at least one score, or a note (an empty one is a 400, code `empty`)."""

    class Meta:
        model = CheckIn
        fields = [
            "id",
            "created_at",
            "energy",
            "calm",
            "sleep",
            "connection",
            "boundaries",
            "note",
            "support_requested",
        ]
        read_only_fields = ["id", "created_at"]
        extra_kwargs = {"note": {"max_length": 2000, "required": False, "allow_blank": True}}


class CheckInViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, ScopedGenericViewSet
):
    """Your own check-ins, newest first. Nobody else's are reachable here."""

    serializer_class = CheckInSerializer

    tenant_field = "organization_id"

    def scoped_queryset(self):
        return selfcare_access.own_checkins(self.request.user)

    @extend_schema(request=CheckInSerializer, responses={201: CheckInSerializer})
    def create(self, request: Request) -> Response:
        serializer = CheckInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = services.checkin_create(
            actor=request.user,
            profile=access.require_profile(request.user),
            data=serializer.validated_data,
        )
        return Response(CheckInSerializer(item).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance: CheckIn) -> None:
        services.checkin_delete(actor=self.request.user, pk=instance.pk)


class TeamWellbeingView(APIView):
    """Program managers: anonymous weekly averages per group; suppressed cells are null."""

    @extend_schema(responses={200: dict})
    def get(self, request: Request) -> Response:
        summary = aggregates.wellness_summary(user=request.user)

        def group(g: aggregates.Group) -> dict:
            return {
                "key": g.key,  # "organization" or "team-<supervisor id>"
                "label": g.label or None,  # None: a team whose supervisor has left
                "weeks": [
                    {
                        "week": week.isoformat(),
                        # No respondent counts, shown or hidden: beside a team's size a count
                        # says who checked in (aggregates, rule 3).
                        "averages": g.cells[week].averages if week in g.cells else None,
                        "counted_you": week in summary.own_weeks,
                    }
                    for week in summary.weeks
                ],
            }

        return Response(
            {
                "minimum_group": aggregates.MIN_GROUP,
                "minimum_members": aggregates.MIN_MEMBERS,
                "organization": group(summary.organization),
                "teams": [group(t) for t in summary.teams],
            }
        )


class ExportView(APIView):
    """Everything PeerWell holds about your self-care, for you to keep."""

    @extend_schema(responses={200: dict})
    def get(self, request: Request) -> Response:
        return Response(services.selfcare_export(actor=request.user))
