"""API for the signed-in person's own self-care: only ever their own rows."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from notifications.models import Channel
from selfcare import services
from selfcare.models import CheckInSchedule, Frequency
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
    next_reminder_at = serializers.DateTimeField(read_only=True, source="next_slot_at")

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
        item = services.checkin_schedule_of(access.require_profile(request.user))
        serializer = CheckInScheduleSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.checkin_schedule_update(
            actor=request.user,
            item=item,
            data=services.ScheduleInput(
                enabled=data["enabled"],
                frequency=data["frequency"],
                weekdays=data["weekdays"],
                time_of_day=data["time_of_day"],
                timezone_name=data["timezone"],
                quiet_start=data["quiet_start"],
                quiet_end=data["quiet_end"],
                paused_until=data["paused_until"],
                channel=data["channel"],
            ),
        )
        return Response(CheckInScheduleSerializer(item).data)
