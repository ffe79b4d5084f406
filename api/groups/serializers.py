"""Serializers for peer support groups. Fields are listed; the organization is the server's.
Counts a caller may not see exactly come as null with `hidden: true` (a number under 5)."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from groups.agreements import ITEM_MAX, MAX_ITEMS
from groups.models import (
    GROUP_LANGUAGES,
    MAX_ATTENDANCE,
    AgreementVersion,
    GroupFormat,
    GroupModel,
    GroupStatus,
    LiaisonNote,
    LiaisonVisit,
    Meeting,
    ReportMessage,
    ReportStatus,
    SafetyReport,
    SupportGroup,
    Venue,
    Weekday,
)
from workforce import access
from workforce.models import StaffProfile


def _profile_org(context: dict) -> int | None:
    request = context.get("request")
    profile = access.profile_of(request.user) if request is not None else None
    return profile.organization_id if profile else None


@extend_schema_field(OpenApiTypes.INT)
class ScopedGroupModelField(serializers.PrimaryKeyRelatedField):
    """One of the caller's organization's group models, by id."""

    def get_queryset(self) -> QuerySet[GroupModel]:
        return GroupModel.objects.filter(organization_id=_profile_org(self.context))


@extend_schema_field(OpenApiTypes.INT)
class ScopedVenueField(serializers.PrimaryKeyRelatedField):
    """One of the caller's organization's venues, by id."""

    def get_queryset(self) -> QuerySet[Venue]:
        return Venue.objects.filter(organization_id=_profile_org(self.context))


@extend_schema_field(OpenApiTypes.INT)
class ScopedStaffField(serializers.PrimaryKeyRelatedField):
    """Someone in the caller's organization, by id; anyone else "does not exist"."""

    def get_queryset(self) -> QuerySet[StaffProfile]:
        return StaffProfile.objects.filter(organization_id=_profile_org(self.context))


class GroupModelSerializer(serializers.ModelSerializer):
    """A group model with the facts people choose by."""

    class Meta:
        model = GroupModel
        fields = [
            "id",
            "key",
            "name",
            "summary",
            "approach",
            "structured",
            "gender_specific",
            "focus",
            "led_by",
            "facts",
            "meeting_plan",
        ]
        read_only_fields = ["id", "key"]


class VenueSerializer(serializers.ModelSerializer):
    """A venue: its area is safe to show anyone; its address is for staff."""

    class Meta:
        model = Venue
        fields = [
            "id",
            "name",
            "area",
            "address",
            "step_free",
            "transit",
            "parking",
            "childcare",
            "quiet_room",
            "access_notes",
        ]
        read_only_fields = ["id"]


class GroupSerializer(serializers.ModelSerializer):
    """A group as its listing shows it to staff: what, for whom, when, where, what to expect."""

    model = GroupModelSerializer(read_only=True)
    venue = VenueSerializer(read_only=True, allow_null=True)
    next_meeting = serializers.DateTimeField(read_only=True, allow_null=True)

    class Meta:
        model = SupportGroup
        fields = [
            "id",
            "name",
            "description",
            "model",
            "who_for",
            "languages",
            "format",
            "venue",
            "show_address",
            "online_details",
            "show_online_details",
            "weekday",
            "start_time",
            "duration_minutes",
            "every_weeks",
            "timezone",
            "starts_on",
            "status",
            "published",
            "in_finder",
            "show_agreement",
            "public_code",
            "culture",
            "norms",
            "meeting_flow",
            "liaison_every_weeks",
            "next_meeting",
        ]
        read_only_fields = fields


class GroupWriteSerializer(serializers.Serializer):
    """A group to set up or change (program managers and org admins; facilitators change
    their own groups)."""

    name = serializers.CharField(max_length=120)
    model = ScopedGroupModelField()
    who_for = serializers.CharField(max_length=300)
    description = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=4000
    )
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=GROUP_LANGUAGES), min_length=1, max_length=12
    )
    format = serializers.ChoiceField(choices=GroupFormat.choices)
    venue = ScopedVenueField(required=False, allow_null=True, default=None)
    show_address = serializers.BooleanField(required=False, default=False)
    online_details = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=1000
    )
    show_online_details = serializers.BooleanField(required=False, default=False)
    weekday = serializers.ChoiceField(choices=Weekday.choices)
    start_time = serializers.TimeField()
    duration_minutes = serializers.IntegerField(min_value=30, max_value=240)
    every_weeks = serializers.IntegerField(min_value=1, max_value=4, required=False, default=1)
    timezone = serializers.CharField(max_length=64)
    starts_on = serializers.DateField()
    status = serializers.ChoiceField(
        choices=GroupStatus.choices, required=False, default=GroupStatus.FORMING
    )
    published = serializers.BooleanField(required=False, default=True)
    in_finder = serializers.BooleanField(
        required=False, default=False, help_text="On the public group finder."
    )
    show_agreement = serializers.BooleanField(
        required=False, default=False, help_text="Its agreement on its public page."
    )
    culture = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)
    norms = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)
    meeting_flow = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=4000
    )
    liaison_every_weeks = serializers.IntegerField(
        min_value=2, max_value=26, required=False, default=8
    )


class PeopleSerializer(serializers.Serializer):
    """Who facilitates (peer specialists; one leads) and who the liaisons are (never one of
    the facilitators)."""

    facilitators = serializers.ListField(child=ScopedStaffField(), max_length=20)
    lead = ScopedStaffField(required=False, allow_null=True, default=None)
    liaisons = serializers.ListField(child=ScopedStaffField(), max_length=20)


class AgreementSerializer(serializers.ModelSerializer):
    """A version of a group's agreement: its items and the day the members agreed it."""

    class Meta:
        model = AgreementVersion
        fields = ["number", "agreed_on", "items", "created_at"]
        read_only_fields = ["number", "created_at"]


class AgreementWriteSerializer(serializers.Serializer):
    items = serializers.ListField(
        child=serializers.CharField(max_length=ITEM_MAX, allow_blank=True),
        max_length=MAX_ITEMS + 20,
    )
    agreed_on = serializers.DateField()


class MeetingSerializer(serializers.ModelSerializer):
    """A meeting: when, its status and, once logged, its numbers (null and `hidden` for a
    number under 5 that you may not see exactly)."""

    group_name = serializers.CharField(source="group.name", read_only=True)
    ends_at = serializers.DateTimeField(read_only=True)
    attended = serializers.SerializerMethodField()
    newcomers = serializers.SerializerMethodField()
    hidden = serializers.SerializerMethodField(
        help_text="True: a count under 5 is not shown to you."
    )

    class Meta:
        model = Meeting
        fields = [
            "id",
            "group",
            "group_name",
            "starts_at",
            "ends_at",
            "duration_minutes",
            "status",
            "status_reason",
            "moved_to",
            "held_minutes",
            "agreement_read",
            "format_note",
            "logged_at",
            "attended",
            "newcomers",
            "hidden",
        ]
        read_only_fields = fields

    def _exact(self, meeting: Meeting) -> bool:
        return meeting.group_id in self.context.get("facilitated", set())

    def _count(self, meeting: Meeting, value: int | None) -> int | None:
        if meeting.logged_at is None or meeting.status != "held":
            return None
        if self._exact(meeting) or (value or 0) >= 5:
            return value
        return None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_attended(self, meeting: Meeting) -> int | None:
        return self._count(meeting, meeting.attended)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_newcomers(self, meeting: Meeting) -> int | None:
        return self._count(meeting, meeting.newcomers)

    def get_hidden(self, meeting: Meeting) -> bool:
        if meeting.logged_at is None or meeting.status != "held" or self._exact(meeting):
            return False
        return (meeting.attended or 0) < 5 or (meeting.newcomers or 0) < 5


class MeetingLogSerializer(serializers.Serializer):
    held = serializers.BooleanField(help_text="False: it didn't take place (give a reason).")
    attended = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0, max_value=MAX_ATTENDANCE
    )
    newcomers = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0, max_value=MAX_ATTENDANCE
    )
    held_minutes = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=10, max_value=300
    )
    agreement_read = serializers.BooleanField(required=False, allow_null=True, default=None)
    format_note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=300
    )
    crisis_handled = serializers.BooleanField(required=False, default=False)
    facilitated_by = serializers.ListField(
        child=ScopedStaffField(), required=False, default=list, max_length=20
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    liaison_note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=4000,
        help_text="For the group's liaisons only.",
    )
    talk_through = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=4000,
        help_text="Private: a topic for your own next supervision session.",
    )


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class MoveSerializer(serializers.Serializer):
    on = serializers.DateField()
    at = serializers.TimeField(help_text="Wall-clock time in the group's time zone.")
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class LiaisonNoteSerializer(serializers.ModelSerializer):
    """A note a facilitator left for the group's liaisons."""

    class Meta:
        model = LiaisonNote
        fields = ["id", "group", "meeting", "text", "created_at", "seen_at"]
        read_only_fields = fields


class VisitSerializer(serializers.ModelSerializer):
    """A liaison's visit: planned, then logged with what was shared."""

    liaison_name = serializers.CharField(source="liaison.chosen_name", read_only=True)

    class Meta:
        model = LiaisonVisit
        fields = [
            "id",
            "group",
            "liaison",
            "liaison_name",
            "planned_on",
            "visited_on",
            "shared_contact",
            "shared_report_route",
            "note",
        ]
        read_only_fields = fields


class VisitPlanSerializer(serializers.Serializer):
    planned_on = serializers.DateField()


class VisitLogSerializer(serializers.Serializer):
    visited_on = serializers.DateField()
    shared_contact = serializers.BooleanField(required=False, default=False)
    shared_report_route = serializers.BooleanField(required=False, default=False)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class FacilitationHoursRowSerializer(serializers.Serializer):
    person = serializers.IntegerField(source="person_id")
    name = serializers.CharField()
    meetings = serializers.IntegerField()
    hours = serializers.DecimalField(max_digits=8, decimal_places=2)


def facilitated_ids(user: object) -> set[int]:
    """The groups the caller facilitates: their counts are exact for them."""
    profile = access.profile_of(user)
    if profile is None:
        return set()
    return set(profile.facilitating.values_list("group_id", flat=True))


class ReportMessageSerializer(serializers.ModelSerializer):
    """A message in a report's conversation; staff authors by name, the reporter never."""

    author_name = serializers.CharField(source="author.chosen_name", read_only=True, default="")

    class Meta:
        model = ReportMessage
        fields = ["id", "from_reporter", "author_name", "text", "created_at"]
        read_only_fields = fields


class SafetyReportSerializer(serializers.ModelSerializer):
    """A safety report, for the group's liaisons and the safeguarding leads."""

    group_name = serializers.CharField(source="group.name", read_only=True)
    messages = ReportMessageSerializer(many=True, read_only=True)

    class Meta:
        model = SafetyReport
        fields = [
            "ref",
            "group",
            "group_name",
            "safeguarding_only",
            "what",
            "contact",
            "status",
            "notes",
            "closing_summary",
            "created_at",
            "updated_at",
            "messages",
        ]
        read_only_fields = fields


class ReportUpdateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ReportStatus.choices)
    notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    closing_summary = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=5000
    )


class ReportReplySerializer(serializers.Serializer):
    text = serializers.CharField(max_length=5000)
