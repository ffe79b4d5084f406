"""Reads for wellness events, already scoped by events.access: the events page, the home
panel, one occurrence's page (one payload for both doors), and the counts organizers see.

Every list is one query whatever its length: the caller's own answer, the number coming and
the places left are annotations, never a query per row."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from events import access as events_access
from events.models import (
    Answer,
    EventNote,
    EventOccurrence,
    EventReply,
    WellnessEvent,
)
from workforce import access
from workforce.models import StaffProfile

HOME_LIMIT = 3
NOTES_BACK = timedelta(days=60)  # past events on the events page, to write what helped


def _with_answers(
    rows: QuerySet[EventOccurrence], profile: StaffProfile, now: datetime, *, details: bool = True
):
    """The caller's own answer on each row; with `details`, also their offer's deadline and
    the places taken (the home shows neither, and keeps its rows in the cache)."""
    mine = EventReply.objects.filter(occurrence=OuterRef("pk"), person=profile)
    rows = rows.select_related("event").annotate(my_answer=Subquery(mine.values("answer")[:1]))
    if not details:
        return rows
    taken = (
        EventReply.objects.filter(occurrence=OuterRef("pk"))
        .filter(Q(answer=Answer.GOING) | Q(answer=Answer.WAITING, offer_until__gt=now))
        .order_by()
        .values("occurrence")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return rows.annotate(
        my_offer_until=Subquery(mine.values("offer_until")[:1]),
        taken=Coalesce(Subquery(taken), Value(0), output_field=IntegerField()),
    )


def upcoming(user: object, *, now: datetime, details: bool = True) -> QuerySet[EventOccurrence]:
    """Occurrences still to come that the caller sees, soonest first, with their own answer."""
    profile = access.require_profile(user)
    rows = events_access.occurrences_visible_to(user).filter(ends_at__gt=now)
    return _with_answers(rows, profile, now, details=details).order_by("starts_at", "pk")


def home_panel(user: object, *, now: datetime) -> list[EventOccurrence]:
    """ "Coming up for your wellbeing": the next few that aren't cancelled."""
    profile = access.profile_of(user)
    if profile is None:
        return []
    rows = upcoming(user, now=now, details=False)
    rows = rows.filter(cancelled=False, event__cancelled_at__isnull=True)
    # (A NULL answer compares as unknown: say "no answer yet" out loud, or it would vanish.)
    rows = rows.filter(Q(my_answer__isnull=True) | ~Q(my_answer=Answer.NOT_GOING))
    # What the panel shows, and nothing else: the home keeps it in the cache (core.versions).
    rows = rows.only("starts_at", "ends_at", "event__title", "event__timezone")
    return list(rows[:HOME_LIMIT])


def home_panel_changes_at(rows: list[EventOccurrence]) -> datetime | None:
    """When the clock alone changes the home panel: one of its occurrences ends."""
    return min((row.ends_at for row in rows), default=None)


def recent_mine(user: object, *, now: datetime) -> QuerySet[EventOccurrence]:
    """Past occurrences the caller said they'd come (or might) to: where "what helped" goes."""
    profile = access.require_profile(user)
    rows = events_access.occurrences_visible_to(user).filter(
        starts_at__lte=now,
        starts_at__gt=now - NOTES_BACK,
        cancelled=False,
    )
    came = EventReply.objects.filter(
        occurrence=OuterRef("pk"), person=profile, answer__in=(Answer.GOING, Answer.MAYBE)
    )
    noted = EventNote.objects.filter(occurrence=OuterRef("pk"), person=profile)
    return (
        _with_answers(rows.filter(Exists(came)), profile, now)
        .annotate(has_note=Exists(noted))
        .order_by("-starts_at", "-pk")
    )


@dataclass
class OccurrencePage:
    occurrence: EventOccurrence
    event: WellnessEvent
    reply: EventReply | None
    note: EventNote | None
    organizers: list[StaffProfile]
    taken: int  # places taken (coming, or held for someone offered one)
    places_left: int | None  # None: no limit; shown only with the counts (it tells them)
    full: bool | None  # for everyone: None when there's no limit
    can_change: bool
    counts: dict[str, int] | None = None  # organizers, managers, admins: how many, per answer
    names: list[str] = field(default_factory=list)  # organizers of a names event only
    started: bool = False
    shows_link: bool = False
    holds_offer: bool = False
    offer_lapsed: bool = False
    is_for: bool = True  # False: the caller runs it but it isn't for them (no reply buttons)


def occurrence_page(user: object, occurrence: EventOccurrence, *, now: datetime) -> OccurrencePage:
    profile = access.require_profile(user)
    event = (
        WellnessEvent.objects.select_related("team_lead")
        .prefetch_related("organizers")
        .get(pk=occurrence.event_id)
    )
    replies = occurrence.replies.all()
    reply = replies.filter(person=profile).first()
    by_answer = dict(replies.values_list("answer").annotate(n=Count("pk")).order_by())
    held = replies.filter(answer=Answer.WAITING, offer_until__gt=now).count()
    taken = by_answer.get(Answer.GOING, 0) + held
    page = OccurrencePage(
        occurrence=occurrence,
        event=event,
        reply=reply,
        note=EventNote.objects.filter(occurrence=occurrence, person=profile).first(),
        organizers=list(event.organizers.all()),
        taken=taken,
        places_left=None if event.capacity is None else max(event.capacity - taken, 0),
        full=None if event.capacity is None else taken >= event.capacity,
        can_change=events_access.can_change_event(user, event),
        started=occurrence.starts_at <= now,
        is_for=events_access.is_for(user, event),
    )
    if events_access.can_see_count(user, event):
        page.counts = {answer: by_answer.get(answer, 0) for answer in Answer.values}
    if events_access.can_see_names(user, event):
        names = replies.filter(answer=Answer.GOING).select_related("person")
        page.names = sorted((r.person.chosen_name for r in names), key=str.casefold)
    if reply is not None:
        page.shows_link = link_shown(event, reply.answer)
        page.holds_offer = reply.answer == Answer.WAITING and reply.holds_offer(now)
        page.offer_lapsed = (
            reply.answer == Answer.WAITING and reply.offered_at is not None and not page.holds_offer
        )
    return page


def link_shown(event: WellnessEvent, answer: str | None) -> bool:
    """The link to join is for people coming; for "maybe" too where places aren't limited
    (where they are, a "maybe" takes no place, so it doesn't get the room either)."""
    if not event.online_link:
        return False
    return answer == Answer.GOING or (answer == Answer.MAYBE and event.capacity is None)


def event_occurrences(event: WellnessEvent, user: object, *, now: datetime):
    """An event's times, with the caller's answers (for the event's own page)."""
    profile = access.require_profile(user)
    return _with_answers(event.occurrences.all(), profile, now).order_by("starts_at", "pk")
