"""Supervision sessions through the API: schedule (once or repeating), move, cancel, log
what happened, reflect, sign, correct, and each session as an .ics file. Facts (when, how
long, how, status) for everyone who may see the session; notes, action items and
reflections only for the people in it (a participant reads their own reflection, the
supervisor everyone's)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from api import query
from api.certifications.fields import ScopedPersonField
from api.viewsets import ScopedGenericViewSet
from supervision import access as supervision_access
from supervision import calendar
from supervision.logs import (
    facts_digest,
    session_amend,
    session_log,
    session_reflect,
    session_sign,
)
from supervision.models import (
    NOTES_MAX_LENGTH,
    SessionFormat,
    SessionKind,
    SessionParticipant,
    SessionStatus,
    SupervisionSession,
    Topic,
)
from supervision.scheduling import Plan, session_cancel, session_reschedule, session_schedule
from workforce import access
from workforce.models import AuditAction
from workforce.services import audit_record


class ParticipantSerializer(serializers.Serializer):
    """Someone in the session and whether they have signed."""

    person = serializers.IntegerField(source="person_id")
    name = serializers.CharField(source="person.chosen_name")
    signed_at = serializers.DateTimeField(allow_null=True, help_text="Null: not signed yet.")


class SessionSerializer(serializers.ModelSerializer):
    """A session's facts as managers and admins see them: when, how long, how, where, its
    status. Topics, the video link, notes and reflections are for the people in it."""

    supervisor_name = serializers.CharField(source="supervisor.chosen_name", read_only=True)
    participants = ParticipantSerializer(source="attendance", many=True, read_only=True)
    ends_at = serializers.DateTimeField(read_only=True)
    facts_digest = serializers.SerializerMethodField(
        help_text="What a signature confirms; send it back to `sign`."
    )

    class Meta:
        model = SupervisionSession
        fields = [
            "id",
            "supervisor",
            "supervisor_name",
            "participants",
            "kind",
            "format",
            "location",
            "starts_at",
            "ends_at",
            "duration_minutes",
            "timezone",
            "series",
            "status",
            "status_reason",
            "rescheduled_to",
            "held_at",
            "held_minutes",
            "logged_at",
            "supervisor_signed_at",
            "locked_at",
            "facts_digest",
        ]
        read_only_fields = fields

    def get_facts_digest(self, session: SupervisionSession) -> str:
        return facts_digest(session)


class SessionPrivateSerializer(SessionSerializer):
    """A session as the people in it see it: with the notes, action items and reflections
    they may read."""

    link = serializers.URLField(read_only=True)
    topics = serializers.ListField(child=serializers.CharField(), read_only=True)
    notes = serializers.CharField(read_only=True)
    action_items = serializers.CharField(read_only=True)
    reflections = serializers.SerializerMethodField(
        help_text="Your own reflection; the supervisor gets everyone's."
    )

    class Meta(SessionSerializer.Meta):
        fields = [
            *SessionSerializer.Meta.fields,
            "link",
            "topics",
            "notes",
            "action_items",
            "reflections",
        ]
        read_only_fields = fields

    def get_reflections(self, session: SupervisionSession) -> list[dict]:
        return self.context["reflections"]


class ScheduleSerializer(serializers.Serializer):
    """A session, or a repeating series, at a wall-clock time in a time zone."""

    supervisor = ScopedPersonField()
    participants = serializers.ListField(child=ScopedPersonField(), min_length=1)
    kind = serializers.ChoiceField(choices=SessionKind.choices)
    format = serializers.ChoiceField(choices=SessionFormat.choices)
    location = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    link = serializers.URLField(required=False, allow_blank=True, default="", max_length=500)
    on = serializers.DateField(help_text="The (first) day.")
    at = serializers.TimeField(help_text="The wall-clock time in `timezone`.")
    timezone = serializers.CharField(max_length=64)
    duration_minutes = serializers.IntegerField(min_value=15, max_value=480)
    every_weeks = serializers.IntegerField(required=False, allow_null=True, default=None)
    count = serializers.IntegerField(required=False, allow_null=True, default=None)
    allow_conflicts = serializers.BooleanField(
        required=False, default=False, help_text="Schedule even if it overlaps (400 otherwise)."
    )


class RescheduleSerializer(serializers.Serializer):
    on = serializers.DateField()
    at = serializers.TimeField()
    timezone = serializers.CharField(max_length=64)
    reason = serializers.CharField(max_length=300)
    allow_conflicts = serializers.BooleanField(required=False, default=False)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class LogSerializer(serializers.Serializer):
    held = serializers.BooleanField(help_text="False: it didn't take place.")
    held_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    held_minutes = serializers.IntegerField(required=False, allow_null=True, default=None)
    format = serializers.ChoiceField(
        choices=SessionFormat.choices, required=False, allow_null=True, default=None
    )
    topics = serializers.ListField(
        child=serializers.ChoiceField(choices=Topic.choices), required=False, default=list
    )
    notes = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=NOTES_MAX_LENGTH
    )
    action_items = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=NOTES_MAX_LENGTH
    )


class SignSerializer(serializers.Serializer):
    facts_digest = serializers.CharField(help_text="The session's facts_digest you checked.")


class ReflectionSerializer(serializers.Serializer):
    reflection = serializers.CharField(allow_blank=True, max_length=NOTES_MAX_LENGTH)


class AmendSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)
    held_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    held_minutes = serializers.IntegerField(required=False, allow_null=True, default=None)
    format = serializers.ChoiceField(
        choices=SessionFormat.choices, required=False, allow_null=True, default=None
    )
    topics = serializers.ListField(
        child=serializers.ChoiceField(choices=Topic.choices),
        required=False,
        allow_null=True,
        default=None,
    )


class SessionQuery(serializers.Serializer):
    person = query.object_id(help_text="Sessions this person led or attended.")
    status = query.choice(SessionStatus.choices)
    from_ = query.DateTime(required=False, help_text="Starting at or after (ISO 8601).")
    to = query.DateTime(required=False, help_text="Starting before (ISO 8601).")

    def get_fields(self) -> dict:
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")  # `from` is a Python keyword
        return fields


class SupervisionSessionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedGenericViewSet
):
    """Supervision sessions you may see: all for managers and admins; yours otherwise.
    HR sees hours totals (`/supervision/hours/`), never sessions."""

    serializer_class = SessionSerializer
    query_serializer_class = SessionQuery
    queryset = SupervisionSession.objects.none()  # for the schema only

    tenant_field = "organization_id"

    def scoped_queryset(self):
        sessions = supervision_access.sessions_visible_to(self.request.user)
        params = self.query
        if (person := params.get("person")) is not None:
            ids = SessionParticipant.objects.filter(person_id=person).values("session_id")
            sessions = sessions.filter(supervisor_id=person) | sessions.filter(pk__in=ids)
        if params.get("status"):
            sessions = sessions.filter(status=params["status"])
        for name, lookup in (("from", "starts_at__gte"), ("to", "starts_at__lt")):
            if value := params.get(name):
                sessions = sessions.filter(**{lookup: value})
        attendance = SessionParticipant.objects.select_related("person").defer(
            "reflection", "person__emergency_contact"
        )
        return (
            sessions.select_related("supervisor")
            .defer("notes", "action_items", "supervisor__emergency_contact")
            .prefetch_related(Prefetch("attendance", queryset=attendance))
            .order_by("starts_at", "id")
        )

    @extend_schema(responses=SessionSerializer)
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        """A session. If you are in it, the answer also carries `notes`, `action_items` and
        `reflections` (as SessionPrivate); to anyone else, those keys are absent."""
        return self._answer(self.get_object())

    def _answer(self, session: SupervisionSession, code: int = status.HTTP_200_OK) -> Response:
        session = self.scoped_queryset().get(pk=session.pk)
        if not supervision_access.is_in_session(self.request.user, session):
            return Response(SessionSerializer(session).data, status=code)
        profile = access.require_profile(self.request.user)
        rows = SessionParticipant.objects.filter(session=session).select_related("person")
        if session.supervisor_id != profile.pk:
            rows = rows.filter(person=profile)
        reflections = []
        for row in rows:
            if row.person_id != profile.pk and row.reflection:
                audit_record(
                    actor=self.request.user,
                    subject=row.person,
                    action=AuditAction.VIEWED,
                    target_type="supervision.reflection",
                    target_id=str(session.pk),
                )
            reflections.append({"person": row.person_id, "reflection": row.reflection})
        context = {"reflections": reflections}
        return Response(SessionPrivateSerializer(session, context=context).data, status=code)

    @extend_schema(request=ScheduleSerializer, responses={201: SessionSerializer(many=True)})
    def create(self, request: Request) -> Response:
        """Schedule a session or a repeating series (supervisors for themselves, managers
        for anyone). An overlap answers 400 with `conflicts`, unless allow_conflicts."""
        if not supervision_access.can_schedule_supervision(request.user):
            raise exceptions.NotFound
        serializer = ScheduleSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        plan = Plan(
            supervisor=data["supervisor"],
            participants=tuple(data["participants"]),
            kind=data["kind"],
            format=data["format"],
            on=data["on"],
            at=data["at"],
            timezone=data["timezone"],
            duration_minutes=data["duration_minutes"],
            location=data["location"],
            link=data["link"],
            every_weeks=data["every_weeks"],
            count=data["count"],
        )
        sessions = session_schedule(
            actor=request.user, plan=plan, allow_conflicts=data["allow_conflicts"]
        )
        rows = self.scoped_queryset().filter(pk__in=[s.pk for s in sessions])
        return Response(SessionSerializer(rows, many=True).data, status=status.HTTP_201_CREATED)

    def _changeable(self) -> SupervisionSession:
        session = self.get_object()
        if not supervision_access.can_change_session(self.request.user, session):
            raise exceptions.NotFound
        return session

    def _in_session(self) -> SupervisionSession:
        session = self.get_object()
        if not supervision_access.is_in_session(self.request.user, session):
            raise exceptions.NotFound
        return session

    def _led(self) -> SupervisionSession:
        session = self.get_object()
        if not supervision_access.leads_session(self.request.user, session):
            raise exceptions.NotFound
        return session

    @extend_schema(request=RescheduleSerializer, responses={201: SessionSerializer})
    @action(detail=True, methods=["post"])
    def reschedule(self, request: Request, pk: str | None = None) -> Response:
        """Move it: a new session at the new time; this one stays as "moved"."""
        session = self._changeable()
        serializer = RescheduleSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        moved = session_reschedule(
            actor=request.user,
            session=session,
            on=data["on"],
            at=data["at"],
            timezone_name=data["timezone"],
            reason=data["reason"],
            allow_conflicts=data["allow_conflicts"],
        )
        return self._answer(moved, status.HTTP_201_CREATED)

    @extend_schema(request=ReasonSerializer, responses=SessionSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        """Cancel it, with a reason everyone in it sees."""
        session = self._changeable()
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session_cancel(
            actor=request.user, session=session, reason=serializer.validated_data["reason"]
        )
        return self._answer(session)

    @extend_schema(request=LogSerializer, responses=SessionPrivateSerializer)
    @action(detail=True, methods=["post"])
    def log(self, request: Request, pk: str | None = None) -> Response:
        """What happened (the session's supervisor). Changing the facts clears signatures."""
        session = self._led()
        serializer = LogSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session_log(actor=request.user, session=session, **serializer.validated_data)
        return self._answer(session)

    @extend_schema(request=SignSerializer, responses=SessionPrivateSerializer)
    @action(detail=True, methods=["post"])
    def sign(self, request: Request, pk: str | None = None) -> Response:
        """Confirm the date, length, format and topics (everyone in the session)."""
        session = self._in_session()
        serializer = SignSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session_sign(
            actor=request.user, session=session, digest=serializer.validated_data["facts_digest"]
        )
        return self._answer(session)

    @extend_schema(request=ReflectionSerializer, responses=SessionPrivateSerializer)
    @action(detail=True, methods=["put"])
    def reflection(self, request: Request, pk: str | None = None) -> Response:
        """Your own reflection on the session (participants)."""
        session = self._in_session()
        serializer = ReflectionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session_reflect(
            actor=request.user, session=session, text=serializer.validated_data["reflection"]
        )
        return self._answer(session)

    @extend_schema(request=AmendSerializer, responses=SessionPrivateSerializer)
    @action(detail=True, methods=["post"])
    def amend(self, request: Request, pk: str | None = None) -> Response:
        """Correct signed facts, with the reason (the session's supervisor)."""
        session = self._led()
        serializer = AmendSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session_amend(actor=request.user, session=session, **serializer.validated_data)
        return self._answer(session)

    @extend_schema(responses={(200, "text/calendar"): bytes})
    @action(detail=True, methods=["get"])
    def ics(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The session as an iCalendar file (the people in it)."""
        session = self._in_session()
        text = calendar.calendar_text([session], name="Supervision", now=timezone.now())
        response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="supervision-{session.pk}.ics"'
        return response
