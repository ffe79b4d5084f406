"""Peer support groups through the API: the same services and selectors as the pages.

- `groups/`: the groups you see (listing fields); a group's detail adds its records (agreement,
  facilitators and liaisons, meetings with counts, visits) where you may read them.
- `groups/{id}/people/`, `groups/{id}/agreement/`, `groups/{id}/visits/`: facilitators and
  liaisons (managers), the agreement's versions, the liaison's visits.
- `groups/meetings/`: meetings of the groups whose records you read; log, cancel, move, .ics.
- `groups/liaison-notes/`, `groups/venues/`, `groups/models/`, `groups/hours/`, `groups/mine/`.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Prefetch
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
)
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api import query
from api.groups import serializers as s
from api.pagination import StandardPagination
from api.viewsets import ScopedGenericViewSet
from core import dates
from groups import access as groups_access
from groups import agreements, liaison, meetings, referrals, reports, selectors, services
from groups.calendar import meeting_ics
from groups.finder import ACCESS_NEEDS, TIMES_OF_DAY
from groups.models import (
    GROUP_LANGUAGES,
    Approach,
    Focus,
    GroupFormat,
    GroupModel,
    GroupStatus,
    LiaisonVisit,
    Meeting,
    MeetingStatus,
    ReportMessage,
    SafetyReport,
    SupportGroup,
    Venue,
    Weekday,
)
from workforce import access


class FacilitatorRowSerializer(serializers.Serializer):
    person = serializers.IntegerField(source="person_id")
    name = serializers.CharField(source="person.chosen_name")
    lead = serializers.BooleanField()


class LiaisonRowSerializer(serializers.Serializer):
    person = serializers.IntegerField(source="person_id")
    name = serializers.CharField(source="person.chosen_name")
    contact = serializers.CharField()


class RecordsSerializer(serializers.Serializer):
    """A group's records, for its facilitators and liaisons, their supervisors, managers and
    admins."""

    agreement = s.AgreementSerializer(allow_null=True)
    facilitators = FacilitatorRowSerializer(many=True)
    liaisons = LiaisonRowSerializer(many=True)
    upcoming = s.MeetingSerializer(many=True)
    recent = s.MeetingSerializer(many=True)
    visits = s.VisitSerializer(many=True)
    next_visit_due = serializers.DateField(allow_null=True)
    facilitates = serializers.BooleanField()
    is_liaison = serializers.BooleanField()


class GroupDetailSerializer(s.GroupSerializer):
    """A group with what you may read of its records (null where you may not)."""

    records = serializers.SerializerMethodField()
    can_change = serializers.SerializerMethodField()

    class Meta(s.GroupSerializer.Meta):
        fields = [*s.GroupSerializer.Meta.fields, "records", "can_change"]
        read_only_fields = fields

    def get_can_change(self, group: SupportGroup) -> bool:
        return self.context["page"].can_change

    @extend_schema_field(RecordsSerializer(allow_null=True))
    def get_records(self, group: SupportGroup) -> dict | None:
        page = self.context["page"]
        if not page.records:
            return None
        values = {
            "agreement": page.agreement,
            "facilitators": page.facilitators,
            "liaisons": page.liaisons,
            "upcoming": page.upcoming,
            "recent": [row.meeting for row in page.past],
            "visits": page.visits,
            "next_visit_due": page.next_visit_due,
            "facilitates": page.facilitates,
            "is_liaison": page.is_liaison,
        }
        context = {"facilitated": {group.pk} if page.facilitates else set()}
        return RecordsSerializer(values, context=context).data


def _group_input(data: dict) -> services.GroupInput:
    values = {name: data[name] for name in services.GROUP_FIELDS}
    values["languages"] = tuple(data["languages"])
    return services.GroupInput(**values)


YES_NO = [("yes", "yes"), ("no", "no")]
LANGUAGE_CODES = [code for code, _name in GROUP_LANGUAGES]


class GroupQuery(serializers.Serializer):
    status = query.choice(GroupStatus.choices)
    model = query.text(max_length=64, help_text="A model's key, e.g. smart-recovery.")
    format = query.choice(GroupFormat.choices)
    approach = query.choice(Approach.choices)
    focus = query.choice(Focus.choices)
    structured = query.choice(YES_NO)
    gender_specific = query.choice(YES_NO)
    language = query.choice(LANGUAGE_CODES, help_text="A language code, e.g. es.")
    q = query.text(max_length=100, help_text="Part of the name.")


class GroupViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedGenericViewSet):
    """Peer support groups: the published ones for everyone in the organization; the ones
    whose records you read; all of them for program managers and org admins."""

    serializer_class = s.GroupSerializer
    query_serializer_class = GroupQuery
    queryset = SupportGroup.objects.none()  # for the schema only
    tenant_field = "organization_id"

    def scoped_queryset(self):
        return selectors.group_list_queryset(self.request.user, self.query)

    def list(self, request: Request) -> Response:
        """The groups, a page at a time, each with its next planned meeting."""
        page = self.paginate_queryset(self.get_queryset())
        upcoming = selectors.next_meetings([group.pk for group in page])
        for group in page:
            group.next_meeting = upcoming.get(group.pk)
        return self.get_paginated_response(s.GroupSerializer(page, many=True).data)

    @extend_schema(responses=GroupDetailSerializer)
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        """A group, with its records if you may read them."""
        return self._detail(self.get_object())

    def _detail(self, group: SupportGroup, code: int = status.HTTP_200_OK) -> Response:
        # Read again as the caller sees it (not through the list's filters in the URL).
        group = groups_access.get_group(self.request.user, group.pk)
        group.next_meeting = selectors.next_meetings([group.pk]).get(group.pk)
        page = selectors.group_page(self.request.user, group)
        context = {"page": page, "request": self.request}
        return Response(GroupDetailSerializer(group, context=context).data, status=code)

    @extend_schema(request=s.GroupWriteSerializer, responses={201: GroupDetailSerializer})
    def create(self, request: Request) -> Response:
        """Set up a group (program managers and org admins): it starts with the starter
        agreement and its first weeks of meetings."""
        if not groups_access.can_manage_groups(request.user):
            raise exceptions.NotFound
        profile = access.require_profile(request.user)
        services.group_models_ensure(profile.organization_id)
        serializer = s.GroupWriteSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        group = services.group_create(
            actor=request.user, data=_group_input(serializer.validated_data)
        )
        return self._detail(group, status.HTTP_201_CREATED)

    @extend_schema(request=s.GroupWriteSerializer, responses=GroupDetailSerializer)
    def update(self, request: Request, pk: str | None = None) -> Response:
        """Change a group (all of its fields): its facilitators, managers and admins."""
        group = self.get_object()
        if not groups_access.can_change_group(request.user, group):
            raise exceptions.NotFound
        serializer = s.GroupWriteSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        services.group_update(
            actor=request.user, group=group, data=_group_input(serializer.validated_data)
        )
        return self._detail(group)

    @extend_schema(request=s.PeopleSerializer, responses=GroupDetailSerializer)
    @action(detail=True, methods=["put"])
    def people(self, request: Request, pk: str | None = None) -> Response:
        """Set the facilitators (and lead) and the liaisons: managers and admins. A liaison is
        never one of the group's facilitators (400, code liaison_facilitates)."""
        group = self.get_object()
        if not groups_access.can_manage_groups(request.user):
            raise exceptions.NotFound
        serializer = s.PeopleSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        services.group_people_set(actor=request.user, group=group, **serializer.validated_data)
        return self._detail(group)

    def _records(self) -> SupportGroup:
        group = self.get_object()
        if not groups_access.reads_records(self.request.user, group):
            raise exceptions.NotFound
        return group

    @extend_schema(
        methods=["get"],
        responses=s.AgreementSerializer(many=True),
        operation_id="group_agreement_list",
    )
    @extend_schema(
        methods=["post"],
        request=s.AgreementWriteSerializer,
        responses={201: s.AgreementSerializer},
        operation_id="group_agreement_create",
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def agreement(self, request: Request, pk: str | None = None) -> Response:
        """Every version of the agreement, newest first; post a new version (facilitators,
        managers and admins)."""
        group = self._records()
        if request.method == "GET":
            versions = group.agreements.order_by("-number")
            return Response(s.AgreementSerializer(versions, many=True).data)
        if not groups_access.can_change_group(request.user, group):
            raise exceptions.NotFound
        serializer = s.AgreementWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = agreements.agreement_save(
            actor=request.user, group=group, **serializer.validated_data
        )
        return Response(s.AgreementSerializer(version).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["get"], responses=s.VisitSerializer(many=True), operation_id="group_visit_list"
    )
    @extend_schema(
        methods=["post"],
        request=s.VisitPlanSerializer,
        responses={201: s.VisitSerializer},
        operation_id="group_visit_plan",
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def visits(self, request: Request, pk: str | None = None) -> Response:
        """The liaisons' visits; a liaison plans their next one."""
        group = self._records()
        if request.method == "GET":
            rows = LiaisonVisit.objects.filter(group=group).select_related("liaison")
            return Response(s.VisitSerializer(rows, many=True).data)
        if not groups_access.is_liaison(request.user, group):
            raise exceptions.NotFound
        serializer = s.VisitPlanSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        visit = liaison.visit_plan(
            actor=request.user, group=group, on=serializer.validated_data["planned_on"]
        )
        return Response(s.VisitSerializer(visit).data, status=status.HTTP_201_CREATED)


class MeetingQuery(serializers.Serializer):
    group = query.object_id(help_text="Meetings of this group.")
    status = query.choice(MeetingStatus.choices)


class MeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedGenericViewSet):
    """Meetings of the groups whose records you read, newest first. Counts are numbers only;
    under 5 they are shown exactly to the group's facilitators alone."""

    serializer_class = s.MeetingSerializer
    query_serializer_class = MeetingQuery
    queryset = Meeting.objects.none()  # for the schema only
    tenant_field = "organization_id"

    def scoped_queryset(self):
        rows = groups_access.meetings_visible_to(self.request.user).select_related("group")
        if (group := self.query.get("group")) is not None:
            rows = rows.filter(group_id=group)
        if self.query.get("status"):
            rows = rows.filter(status=self.query["status"])
        return rows.order_by("-starts_at", "-pk")

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        context["facilitated"] = s.facilitated_ids(self.request.user)
        return context

    def _answer(self, meeting: Meeting, code: int = status.HTTP_200_OK) -> Response:
        meeting = groups_access.get_meeting(self.request.user, meeting.pk)
        return Response(
            s.MeetingSerializer(meeting, context=self.get_serializer_context()).data, status=code
        )

    @extend_schema(request=s.MeetingLogSerializer, responses=s.MeetingSerializer)
    @action(detail=True, methods=["post"])
    def log(self, request: Request, pk: str | None = None) -> Response:
        """Log what happened, once: numbers only (the group's facilitators)."""
        meeting = self.get_object()
        if not groups_access.can_log_meetings(request.user, meeting.group):
            raise exceptions.NotFound
        serializer = s.MeetingLogSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data["facilitated_by"] = tuple(data["facilitated_by"])
        meetings.meeting_log(
            actor=request.user, meeting=meeting, data=meetings.MeetingLogInput(**data)
        )
        return self._answer(meeting)

    def _changeable(self) -> Meeting:
        meeting = self.get_object()
        if not groups_access.can_change_group(self.request.user, meeting.group):
            raise exceptions.NotFound
        return meeting

    @extend_schema(request=s.CancelSerializer, responses=s.MeetingSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        """Cancel a planned meeting, with a reason for the calendars."""
        meeting = self._changeable()
        serializer = s.CancelSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        meetings.meeting_cancel(actor=request.user, meeting=meeting, **serializer.validated_data)
        return self._answer(meeting)

    @extend_schema(request=s.MoveSerializer, responses={201: s.MeetingSerializer})
    @action(detail=True, methods=["post"])
    def move(self, request: Request, pk: str | None = None) -> Response:
        """Move a planned meeting: a new meeting at the new time; this one stays as "moved"."""
        meeting = self._changeable()
        serializer = s.MoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        new = meetings.meeting_move(
            actor=request.user, meeting=meeting, **serializer.validated_data
        )
        return self._answer(new, status.HTTP_201_CREATED)

    @extend_schema(responses={(200, "text/calendar"): OpenApiTypes.STR})
    @action(detail=True, methods=["get"], url_path="ics")
    def ics(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The meeting as an .ics file (no links, no names)."""
        meeting = self.get_object()
        response = HttpResponse(meeting_ics(meeting, now=dates.now()), content_type="text/calendar")
        response["Content-Disposition"] = f'attachment; filename="group-meeting-{meeting.pk}.ics"'
        return response


class LiaisonNoteViewSet(mixins.ListModelMixin, ScopedGenericViewSet):
    """Notes facilitators left for a group's liaisons: the liaisons', and each writer's own."""

    serializer_class = s.LiaisonNoteSerializer
    queryset = groups_access.LiaisonNote.objects.none()  # for the schema only
    tenant_field = "organization_id"

    def scoped_queryset(self):
        return groups_access.liaison_notes_visible_to(self.request.user).order_by(
            "-created_at", "-pk"
        )

    def list(self, request: Request) -> Response:
        """The notes, newest first; each read of someone else's goes in their privacy log."""
        page = liaison.notes_read(
            actor=request.user, notes=self.paginate_queryset(self.get_queryset())
        )
        return self.get_paginated_response(s.LiaisonNoteSerializer(page, many=True).data)


class VisitLogView(APIView):
    """Log a visit you planned: the day, and what you shared with the group."""

    @extend_schema(request=s.VisitLogSerializer, responses=s.VisitSerializer)
    def post(self, request: Request, pk: int) -> Response:
        profile = access.require_profile(request.user)
        try:
            visit = LiaisonVisit.objects.select_related("group").get(pk=pk, liaison=profile)
        except LiaisonVisit.DoesNotExist as exc:
            raise exceptions.NotFound from exc
        if not groups_access.is_liaison(request.user, visit.group):
            raise exceptions.NotFound  # no longer the group's liaison
        serializer = s.VisitLogSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        visit = liaison.visit_log(actor=request.user, visit=visit, **serializer.validated_data)
        return Response(s.VisitSerializer(visit).data)


class VenueViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ScopedGenericViewSet,
):
    """Venues with their addresses: program managers and org admins (everyone else meets a
    venue through a group's listing: its area, and its address for staff)."""

    serializer_class = s.VenueSerializer
    queryset = Venue.objects.none()  # for the schema only
    tenant_field = "organization_id"

    def scoped_queryset(self):
        return groups_access.venues_visible_to(self.request.user).order_by("name", "pk")

    def create(self, request: Request, *args: object, **kwargs: object) -> Response:
        if not groups_access.can_manage_venues(request.user):
            raise exceptions.NotFound  # before any validation: the write isn't theirs
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer) -> None:
        serializer.instance = services.venue_save(
            actor=self.request.user, venue=None, values=serializer.validated_data
        )

    def perform_update(self, serializer) -> None:
        serializer.instance = services.venue_save(
            actor=self.request.user, venue=serializer.instance, values=serializer.validated_data
        )


class GroupModelViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, ScopedGenericViewSet
):
    """The organization's group models with their facts; managers and admins edit them."""

    serializer_class = s.GroupModelSerializer
    queryset = GroupModel.objects.none()  # for the schema only
    tenant_field = "organization_id"

    def scoped_queryset(self):
        profile = access.profile_of(self.request.user)
        if profile is None:
            return GroupModel.objects.none()
        services.group_models_ensure(profile.organization_id)
        return GroupModel.objects.filter(organization_id=profile.organization_id).order_by(
            "name", "pk"
        )

    def update(self, request: Request, *args: object, **kwargs: object) -> Response:
        if not groups_access.can_manage_groups(request.user):
            raise exceptions.NotFound  # before any validation: the write isn't theirs
        return super().update(request, *args, **kwargs)

    def perform_update(self, serializer) -> None:
        serializer.instance = services.group_model_save(
            actor=self.request.user, model=serializer.instance, values=serializer.validated_data
        )


class MyGroupsSerializer(serializers.Serializer):
    facilitating = s.GroupSerializer(many=True)
    to_log = s.MeetingSerializer(many=True)
    liaison_for = s.GroupSerializer(many=True)


class MyGroupsView(APIView):
    """The groups you facilitate, the meetings waiting for your log, and the groups you're
    liaison for."""

    @extend_schema(responses=MyGroupsSerializer)
    def get(self, request: Request) -> Response:
        mine = selectors.my_groups(request.user)
        context = {"facilitated": s.facilitated_ids(request.user)}
        return Response(MyGroupsSerializer(mine, context=context).data)


class HoursQuery(serializers.Serializer):
    from_ = query.Date(required=False, help_text="First day (default: a year back).")
    to = query.Date(required=False, help_text="Last day (default: today).")

    def get_fields(self) -> dict:
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")  # `from` is a Python keyword
        return fields


class FacilitationHoursView(query.QueryAPIView):
    """Facilitation hours per person in a period (default: the last 365 days): HR, program
    managers and org admins. Names and hours only."""

    query_serializer_class = HoursQuery
    pagination_class = StandardPagination  # documents the page parameters and the paged body

    @extend_schema(responses=s.FacilitationHoursRowSerializer(many=True))
    def get(self, request: Request) -> Response:
        if not groups_access.can_view_facilitation_hours(request.user):
            raise exceptions.NotFound
        until = self.query.get("to") or access.organization_today(request.user)
        since = self.query.get("from") or until - timedelta(days=365)
        if since > until:
            raise exceptions.ValidationError({"from": ["Give a start before the end."]})
        paginator = StandardPagination()
        rows = selectors.hours_by_person(request.user, since, until)
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(
            s.FacilitationHoursRowSerializer(page, many=True).data
        )


class SafetyReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedGenericViewSet):
    """Safety reports: a group's liaisons read those about it, safeguarding leads all; never
    anyone about a group they facilitate. Every opening of one is recorded."""

    serializer_class = s.SafetyReportSerializer
    queryset = SafetyReport.objects.none()  # for the schema only
    tenant_field = "organization_id"
    lookup_field = "ref"  # random: a report's number would say how many others there are
    lookup_value_regex = "[A-Za-z0-9_-]{1,32}"

    def scoped_queryset(self):
        return (
            groups_access.reports_visible_to(self.request.user)
            .select_related("group")
            .prefetch_related(
                Prefetch("messages", queryset=ReportMessage.objects.select_related("author"))
            )
            .order_by("-created_at", "-pk")
        )

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        reports.reports_read(actor=request.user, reports=page)
        return self.get_paginated_response(s.SafetyReportSerializer(page, many=True).data)

    def retrieve(self, request: Request, ref: str | None = None) -> Response:
        report = self.get_object()
        reports.report_read(actor=request.user, report=report)
        return Response(s.SafetyReportSerializer(report).data)

    @extend_schema(request=s.ReportReplySerializer, responses={201: s.ReportMessageSerializer})
    @action(detail=True, methods=["post"])
    def reply(self, request: Request, ref: str | None = None) -> Response:
        """Write to the reporter (they read it with their receipt code)."""
        report = self.get_object()
        serializer = s.ReportReplySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = reports.staff_reply(
            actor=request.user, report=report, **serializer.validated_data
        )
        return Response(s.ReportMessageSerializer(message).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ReportUpdateSerializer, responses=s.SafetyReportSerializer)
    @action(detail=True, methods=["post"], url_path="status")
    def set_status(self, request: Request, ref: str | None = None) -> Response:
        """Status, notes and (to close it) the summary the reporter reads."""
        report = self.get_object()
        serializer = s.ReportUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = reports.report_update(
            actor=request.user, report=report, **serializer.validated_data
        )
        return Response(s.SafetyReportSerializer(self.get_queryset().get(ref=report.ref)).data)


class FitSerializer(serializers.Serializer):
    group = s.GroupSerializer()
    reasons = serializers.ListField(child=serializers.CharField())


class FitsQuery(serializers.Serializer):
    model = query.text(max_length=64, help_text="A model's key, e.g. smart-recovery.")
    approach = query.choice(Approach.choices)
    structured = query.choice(YES_NO)
    gender_specific = query.choice(YES_NO)
    focus = query.choice(Focus.choices)
    format = query.choice(GroupFormat.choices)
    area = query.text(max_length=100, help_text="A venue's area, as the finder lists them.")
    weekday = serializers.ChoiceField(choices=Weekday.choices, required=False)
    time_of_day = query.choice(list(TIMES_OF_DAY))
    language = query.choice(LANGUAGE_CODES)
    access_needs = serializers.MultipleChoiceField(
        choices=list(ACCESS_NEEDS), required=False, default=list
    )


class ReferralFitsView(query.QueryAPIView):
    """The groups listed for referrals that fit what a person said matters, with why each fits
    (the public finder's filters). Nothing about the person is stored."""

    query_serializer_class = FitsQuery

    @extend_schema(responses=FitSerializer(many=True))
    def get(self, request: Request) -> Response:
        fits = referrals.fits(request.user, self.query)
        return Response(FitSerializer(fits, many=True).data)


class ReferralCardSerializer(serializers.Serializer):
    groups = serializers.ListField(child=serializers.IntegerField(), min_length=1, max_length=3)


class ReferralCardAnswerSerializer(serializers.Serializer):
    groups = s.GroupSerializer(many=True)
    text = serializers.CharField(help_text="The card as plain text, to copy or send.")


class ReferralCardView(APIView):
    """Make a referral card for one to three groups: counted once per group and month, and
    nothing else kept."""

    @extend_schema(request=ReferralCardSerializer, responses={201: ReferralCardAnswerSerializer})
    def post(self, request: Request) -> Response:
        access.require_profile(request.user)
        serializer = ReferralCardSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        groups = referrals.referral_make(
            actor=request.user, group_ids=serializer.validated_data["groups"]
        )
        body = {"groups": groups, "text": referrals.card_text(groups)}
        return Response(ReferralCardAnswerSerializer(body).data, status=status.HTTP_201_CREATED)
