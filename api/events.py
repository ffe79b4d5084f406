"""Wellness events through the API, on the same services and selectors as the pages.

- `wellness-events/`: the events you see; post one (program managers, org admins), change or
  cancel one you may change.
- `wellness-events/occurrences/`: each time an event happens, with your own answer; reply,
  the .ics, your private note (and copying it into your self-care plan), cancel one time, and
  the names of who is coming (only an event's organizers, only on an event that said so).
- `wellness-events/ideas/`: send an idea (anyone, with or without your name); organizers read
  them. `wellness-events/participation/`: monthly totals, under 5 hidden.
"""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.groups.serializers import ScopedStaffField
from api.viewsets import ScopedGenericViewSet
from core import dates
from events import access as events_access
from events import notes, participation, replies, selectors, services
from events.calendar import occurrence_ics
from events.models import (
    MAX_CAPACITY,
    MAX_OCCURRENCES,
    NOTE_MAX,
    REPLY_ANSWERS,
    Answer,
    Audience,
    EventIdea,
    EventKind,
    EventOccurrence,
    Place,
    WellnessEvent,
)
from workforce import access
from workforce.models import Role


class OrganizerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="chosen_name")


class EventSerializer(serializers.ModelSerializer):
    """An event as everyone it is for sees it (its link to join is on its occurrences, for
    people coming; its organizers read it here)."""

    organizers = OrganizerSerializer(many=True, read_only=True)
    online_link = serializers.SerializerMethodField()
    can_change = serializers.SerializerMethodField()
    role = serializers.ChoiceField(
        choices=Role.choices, allow_blank=True, read_only=True, help_text="Empty: not for one role."
    )

    class Meta:
        model = WellnessEvent
        fields = [
            "id",
            "title",
            "kind",
            "description",
            "content_note",
            "starts_on",
            "start_time",
            "end_time",
            "ends_on",
            "timezone",
            "every_weeks",
            "times",
            "place",
            "location",
            "access_notes",
            "online_link",
            "audience",
            "team_lead",
            "role",
            "capacity",
            "paid_time",
            "shares_names",
            "names_reason",
            "organizers",
            "cancelled_at",
            "cancel_reason",
            "can_change",
        ]
        read_only_fields = fields

    def _changes(self, event: WellnessEvent) -> bool:
        return events_access.can_change_event(self.context["request"].user, event)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_online_link(self, event: WellnessEvent) -> str | None:
        return event.online_link if self._changes(event) else None

    def get_can_change(self, event: WellnessEvent) -> bool:
        return self._changes(event)


class EventWriteSerializer(serializers.Serializer):
    """What an event says: the same fields as the form."""

    title = serializers.CharField(max_length=120)
    kind = serializers.ChoiceField(choices=EventKind.choices)
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    content_note = serializers.CharField(max_length=300, required=False, allow_blank=True)
    starts_on = serializers.DateField()
    start_time = serializers.TimeField()
    end_time = serializers.TimeField()
    ends_on = serializers.DateField(required=False, allow_null=True)
    timezone = serializers.CharField(max_length=64)
    every_weeks = serializers.IntegerField(
        min_value=1, max_value=4, required=False, allow_null=True
    )
    times = serializers.IntegerField(min_value=1, max_value=MAX_OCCURRENCES, default=1)
    place = serializers.ChoiceField(choices=Place.choices)
    location = serializers.CharField(max_length=200, required=False, allow_blank=True)
    access_notes = serializers.CharField(max_length=500, required=False, allow_blank=True)
    online_link = serializers.URLField(max_length=500, required=False, allow_blank=True)
    audience = serializers.ChoiceField(choices=Audience.choices, default=Audience.EVERYONE)
    team_lead = ScopedStaffField(required=False, allow_null=True)
    role = serializers.ChoiceField(choices=Role.choices, required=False, allow_blank=True)
    capacity = serializers.IntegerField(
        min_value=1, max_value=MAX_CAPACITY, required=False, allow_null=True
    )
    paid_time = serializers.BooleanField(default=False)
    shares_names = serializers.BooleanField(default=False)
    names_reason = serializers.CharField(max_length=200, required=False, allow_blank=True)
    organizers = ScopedStaffField(many=True, required=False)


def _event_input(data: dict) -> services.EventInput:
    values = {name: data[name] for name in services.EVENT_FIELDS if name in data}
    return services.EventInput(**values)


class EventViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedGenericViewSet):
    """Wellness events you see: those for you and those you organize (all of them for program
    managers and org admins), soonest first."""

    serializer_class = EventSerializer
    queryset = WellnessEvent.objects.none()  # for the schema only
    tenant_field = "organization_id"

    def scoped_queryset(self):
        return (
            events_access.events_visible_to(self.request.user)
            .prefetch_related("organizers")
            .order_by("-starts_on", "-pk")
        )

    def _detail(self, event: WellnessEvent, code: int = status.HTTP_200_OK) -> Response:
        event = self.scoped_queryset().get(pk=event.pk)
        return Response(EventSerializer(event, context={"request": self.request}).data, code)

    @extend_schema(request=EventWriteSerializer, responses={201: EventSerializer})
    def create(self, request: Request) -> Response:
        """Post an event (program managers and org admins); you are one of its organizers."""
        if not events_access.can_post_events(request.user):
            raise exceptions.NotFound
        serializer = EventWriteSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        event = services.event_create(
            actor=request.user,
            data=_event_input(serializer.validated_data),
            organizers=serializer.validated_data.get("organizers", []),
        )
        return self._detail(event, status.HTTP_201_CREATED)

    @extend_schema(request=EventWriteSerializer, responses=EventSerializer)
    def update(self, request: Request, pk: str | None = None) -> Response:
        """Change an event (all of its fields): its organizers, program managers, org admins."""
        event = self.get_object()
        if not events_access.can_change_event(request.user, event):
            raise exceptions.NotFound
        serializer = EventWriteSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        services.event_update(
            actor=request.user,
            event=event,
            data=_event_input(serializer.validated_data),
            organizers=serializer.validated_data.get("organizers"),
        )
        return self._detail(event)

    @extend_schema(request=None, responses=EventSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        """Cancel every time still to come (give a `reason` people will see)."""
        event = self.get_object()
        if not events_access.can_change_event(request.user, event):
            raise exceptions.NotFound
        reason = str(request.data.get("reason", ""))[:300]
        services.event_cancel(actor=request.user, event=event, reason=reason)
        return self._detail(event)


class OccurrenceSerializer(serializers.ModelSerializer):
    """One time an event happens, with your own answer. The link to join shows once you said
    you'd come (or maybe)."""

    title = serializers.CharField(source="event.title")
    kind = serializers.CharField(source="event.kind")
    timezone = serializers.CharField(source="event.timezone")
    place = serializers.CharField(source="event.place")
    location = serializers.CharField(source="event.location")
    paid_time = serializers.BooleanField(source="event.paid_time")
    shares_names = serializers.BooleanField(source="event.shares_names")
    content_note = serializers.CharField(source="event.content_note")
    cancelled = serializers.SerializerMethodField()
    my_answer = serializers.SerializerMethodField()
    full = serializers.SerializerMethodField()
    online_link = serializers.SerializerMethodField()
    offer_until = serializers.DateTimeField(source="my_offer_until", allow_null=True)

    class Meta:
        model = EventOccurrence
        fields = [
            "id",
            "event",
            "number",
            "title",
            "kind",
            "starts_at",
            "ends_at",
            "timezone",
            "place",
            "location",
            "paid_time",
            "shares_names",
            "content_note",
            "cancelled",
            "cancel_reason",
            "my_answer",
            "offer_until",
            "full",
            "online_link",
        ]
        read_only_fields = fields

    def get_cancelled(self, occurrence: EventOccurrence) -> bool:
        return occurrence.cancelled or occurrence.event.cancelled

    @extend_schema_field(serializers.ChoiceField(choices=Answer.choices, allow_null=True))
    def get_my_answer(self, occurrence: EventOccurrence) -> str | None:
        return occurrence.my_answer

    @extend_schema_field(serializers.BooleanField(allow_null=True))
    def get_full(self, occurrence: EventOccurrence) -> bool | None:
        """Whether "I'll come" would join the waiting list (null: no limit). Never how many
        places are left: with the capacity, that would tell everyone how many are coming."""
        capacity = occurrence.event.capacity
        return None if capacity is None else occurrence.taken >= capacity

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_online_link(self, occurrence: EventOccurrence) -> str | None:
        shown = selectors.link_shown(occurrence.event, occurrence.my_answer)
        return occurrence.event.online_link if shown else None


class OccurrenceDetailSerializer(OccurrenceSerializer):
    """One time, with the counts for the people who run it (null for everyone else): how
    many said each answer ("waiting" includes a place held for someone)."""

    counts = serializers.SerializerMethodField()

    class Meta(OccurrenceSerializer.Meta):
        fields = [*OccurrenceSerializer.Meta.fields, "counts"]
        read_only_fields = fields

    @extend_schema_field(serializers.DictField(child=serializers.IntegerField(), allow_null=True))
    def get_counts(self, occurrence: EventOccurrence) -> dict | None:
        return self.context["page"].counts


class ReplySerializer(serializers.Serializer):
    answer = serializers.ChoiceField(choices=REPLY_ANSWERS)


class ReplyResultSerializer(serializers.Serializer):
    """Your answer as it stands: "waiting" when the event was full."""

    answer = serializers.ChoiceField(choices=Answer.choices)
    offer_until = serializers.DateTimeField(allow_null=True)


class NoteSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=NOTE_MAX, allow_blank=True)


class ToPlanSerializer(serializers.Serializer):
    section = serializers.ChoiceField(choices=notes.PLAN_SECTIONS)


class NamesSerializer(serializers.Serializer):
    names = serializers.ListField(child=serializers.CharField())


class OccurrenceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedGenericViewSet):
    """The times events happen, from now on, that you see; each with your own answer."""

    serializer_class = OccurrenceSerializer
    queryset = EventOccurrence.objects.none()  # for the schema only
    tenant_field = "organization_id"

    def scoped_queryset(self):
        return selectors.upcoming(self.request.user, now=dates.now())

    def _occurrence(self) -> EventOccurrence:
        """Any time of an event you see, past ones too (the list shows what's to come)."""
        return events_access.get_occurrence(self.request.user, self.kwargs["pk"])

    def _detail(self, occurrence: EventOccurrence) -> Response:
        now = dates.now()
        page = selectors.occurrence_page(self.request.user, occurrence, now=now)
        row = selectors.event_occurrences(page.event, self.request.user, now=now).get(
            pk=occurrence.pk
        )
        context = {"request": self.request, "page": page}
        return Response(OccurrenceDetailSerializer(row, context=context).data)

    @extend_schema(responses=OccurrenceDetailSerializer)
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        """One time of an event (past ones too)."""
        return self._detail(self._occurrence())

    @extend_schema(request=ReplySerializer, responses=ReplyResultSerializer)
    @action(detail=True, methods=["post"])
    def reply(self, request: Request, pk: str | None = None) -> Response:
        """ "going", "maybe" or "not_going", changed any time before it begins. "going" to a
        full event puts you on the waiting list (the answer says "waiting")."""
        self._occurrence()  # another's (or another organization's) is a 404 before anything
        serializer = ReplySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reply = replies.reply_set(
            actor=request.user, occurrence_id=pk, answer=serializer.validated_data["answer"]
        )
        return Response(ReplyResultSerializer(reply).data)

    @extend_schema(responses={(200, "text/calendar"): OpenApiTypes.STR})
    @action(detail=True, methods=["get"])
    def ics(self, request: Request, pk: str | None = None) -> HttpResponse:
        """This time as an iCalendar file (no link to join, nobody's name)."""
        text = occurrence_ics(self._occurrence(), now=dates.now())
        return HttpResponse(text, content_type="text/calendar; charset=utf-8")

    @extend_schema(methods=["get"], responses=NoteSerializer, operation_id="event_note_read")
    @extend_schema(
        methods=["put"],
        request=NoteSerializer,
        responses=NoteSerializer,
        operation_id="event_note_write",
    )
    @action(detail=True, methods=["get", "put"])
    def note(self, request: Request, pk: str | None = None) -> Response:
        """Your own note on what helped (nobody else reads it); an empty text removes it."""
        self._occurrence()
        if request.method == "GET":
            note = notes.note_of(actor=request.user, occurrence_id=pk)
            return Response({"text": note.text if note else ""})
        serializer = NoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        note = notes.note_save(
            actor=request.user, occurrence_id=pk, text=serializer.validated_data["text"]
        )
        return Response({"text": note.text if note else ""})

    @extend_schema(request=ToPlanSerializer, responses={204: None})
    @action(detail=True, methods=["post"], url_path="note/to-plan")
    def note_to_plan(self, request: Request, pk: str | None = None) -> Response:
        """Copy your note into a "What helps" part of your self-care plan."""
        self._occurrence()
        serializer = ToPlanSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        notes.note_to_plan(
            actor=request.user, occurrence_id=pk, section=serializer.validated_data["section"]
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=OccurrenceDetailSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        """Cancel this time only (its organizers, program managers, org admins)."""
        occurrence = self._occurrence()
        if not events_access.can_change_event(request.user, occurrence.event):
            raise exceptions.NotFound
        reason = str(request.data.get("reason", ""))[:300]
        services.occurrence_cancel(actor=request.user, occurrence=occurrence, reason=reason)
        return self._detail(occurrence)

    @extend_schema(responses=NamesSerializer)
    @action(detail=True, methods=["get"])
    def names(self, request: Request, pk: str | None = None) -> Response:
        """Who is coming: only for the event's organizers, only on an event that said before
        anyone replied that it needs names. For everyone else this doesn't exist (404)."""
        occurrence = self._occurrence()
        if not events_access.can_see_names(request.user, occurrence.event):
            raise exceptions.NotFound
        page = selectors.occurrence_page(request.user, occurrence, now=dates.now())
        return Response({"names": page.names})


class IdeaSerializer(serializers.ModelSerializer):
    """An idea for an event; `author` is null for one sent without a name. The day it came,
    and no id: the order ideas came in could say who sent an anonymous one."""

    author = serializers.CharField(source="author.chosen_name", allow_null=True, default=None)
    day = serializers.SerializerMethodField()
    kind = serializers.ChoiceField(
        choices=EventKind.choices, allow_blank=True, read_only=True, help_text="Empty: any kind."
    )

    class Meta:
        model = EventIdea
        fields = ["kind", "text", "author", "day"]
        read_only_fields = fields

    @extend_schema_field(serializers.DateField())
    def get_day(self, idea: EventIdea) -> str:
        return idea.created_at.date().isoformat()


class IdeaWriteSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=notes.IDEA_MAX)
    kind = serializers.ChoiceField(choices=EventKind.choices, required=False, allow_blank=True)
    anonymous = serializers.BooleanField(default=False)


class IdeaViewSet(mixins.ListModelMixin, ScopedGenericViewSet):
    """Ideas for events: anyone sends one; the people who post or organize events read them."""

    serializer_class = IdeaSerializer
    queryset = EventIdea.objects.none()  # for the schema only
    tenant_field = "organization_id"

    def scoped_queryset(self):
        return events_access.ideas_visible_to(self.request.user).select_related("author")

    def list(self, request: Request) -> Response:
        if not events_access.can_read_ideas(request.user):
            raise exceptions.NotFound
        return super().list(request)

    @extend_schema(request=IdeaWriteSerializer, responses={201: None})
    def create(self, request: Request) -> Response:
        """Send an idea; with `anonymous`, nothing records that it came from you."""
        serializer = IdeaWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        notes.idea_submit(actor=request.user, **serializer.validated_data)
        return Response(status=status.HTTP_201_CREATED)


class ParticipationCellSerializer(serializers.Serializer):
    month = serializers.DateField()
    kind = serializers.CharField()
    times = serializers.IntegerField()
    people = serializers.IntegerField(allow_null=True, help_text="null: fewer than 5")


class ParticipationView(APIView):
    """Participation per month and kind of event over the last twelve whole months: program
    managers and org admins. Fewer than 5 people is null; nothing is totalled."""

    @extend_schema(responses=ParticipationCellSerializer(many=True))
    def get(self, request: Request) -> Response:
        if not events_access.can_view_participation(request.user):
            raise exceptions.NotFound
        profile = access.require_profile(request.user)
        cells = participation.participation(profile.organization)
        return Response(ParticipationCellSerializer(cells, many=True).data)
