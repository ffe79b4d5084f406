"""Posting and changing wellness events: the event, its occurrences and its organizers. Both
front doors call these; each checks access itself and refuses with a ValidationError whose
codes clients match on. Replies are events/replies.py; notes and ideas events/notes.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import NoReturn

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _

from core import dates
from events import access as events_access
from events.models import (
    Answer,
    Audience,
    EventOccurrence,
    EventReply,
    Place,
    WellnessEvent,
)
from workforce import access
from workforce.models import EmploymentStatus, Role, StaffProfile
from workforce.validators import validate_timezone

EVENT_FIELDS = (
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
)
SCHEDULE_FIELDS = (
    "starts_on",
    "start_time",
    "end_time",
    "ends_on",
    "timezone",
    "every_weeks",
    "times",
)
MAX_DAYS = 14  # a one-off over several days: a retreat, never a month
AHEAD = timedelta(days=730)  # how far ahead an event can be posted


@dataclass(frozen=True)
class EventInput:
    """An event as the form or the API gives it (the team lead already looked up)."""

    title: str
    kind: str
    starts_on: date
    start_time: time
    end_time: time
    timezone: str
    place: str
    description: str = ""
    content_note: str = ""
    ends_on: date | None = None
    every_weeks: int | None = None
    times: int = 1
    location: str = ""
    access_notes: str = ""
    online_link: str = ""
    audience: str = Audience.EVERYONE
    team_lead: StaffProfile | None = None
    role: str = ""
    capacity: int | None = None
    paid_time: bool = False
    shares_names: bool = False
    names_reason: str = ""


def refuse(field: str | None, message: str, code: str) -> NoReturn:
    """Raise a refusal with a code clients match on, on a field when there is one."""
    error = ValidationError(message, code=code)
    raise ValidationError({field: [error]}) if field else error


def _poster(actor: object) -> StaffProfile:
    profile = access.require_profile(actor)
    if not events_access.can_post_events(actor):
        refuse(None, _("Program managers and org admins post wellness events."), "not_allowed")
    return profile


# --- when ------------------------------------------------------------------------------------


def occurrence_times(event: WellnessEvent) -> list[tuple[datetime, datetime]]:
    """(start, end) in UTC for each time the event happens: the same wall-clock times in the
    event's zone every N weeks, so daylight saving time moves the UTC times, never the local
    ones."""
    zone = dates.zone(event.timezone)
    every = event.every_weeks or 0
    count = event.times if every else 1
    spans = []
    for n in range(count):
        day = event.starts_on + timedelta(weeks=every * n)
        last = event.ends_on if (event.ends_on and not every) else day
        start = datetime.combine(day, event.start_time, tzinfo=zone).astimezone(UTC)
        end = datetime.combine(last, event.end_time, tzinfo=zone).astimezone(UTC)
        spans.append((start, end))
    return spans


def _schedule_errors(event: WellnessEvent, today: date, now: datetime) -> dict[str, str]:
    errors: dict[str, str] = {}
    if event.every_weeks and event.ends_on:
        errors["ends_on"] = _("A repeating event starts and ends on the same day.")
    elif event.ends_on and event.ends_on < event.starts_on:
        errors["ends_on"] = _("The last day can't come before the first.")
    elif event.ends_on and (event.ends_on - event.starts_on).days > MAX_DAYS:
        errors["ends_on"] = _("An event can last up to %(n)s days.") % {"n": MAX_DAYS}
    elif (event.ends_on or event.starts_on) == event.starts_on and (
        event.end_time <= event.start_time
    ):
        errors["end_time"] = _("The end comes before the start: choose a later time.")
    if not event.every_weeks and event.times != 1:
        errors["times"] = _("A one-off event happens once: choose a repeat to add more.")
    if event.starts_on < today:
        errors["starts_on"] = _("Choose a day from today on.")
    elif event.starts_on > today + AHEAD:
        errors["starts_on"] = _("Events can be posted up to two years ahead.")
    if errors or "timezone" in _zone_error(event):
        return errors
    spans = occurrence_times(event)
    if spans[0][0] <= now:
        errors["start_time"] = _("That time has passed today: choose a later one.")
    elif any(end <= start for start, end in spans):
        # A wall-clock time that doesn't exist the day the clocks go forward.
        errors["start_time"] = _(
            "On one of these days the clocks change and that time doesn't exist: choose "
            "another time."
        )
    return errors


def _zone_error(event: WellnessEvent) -> dict[str, str]:
    try:
        validate_timezone(event.timezone)
    except ValidationError as exc:
        return {"timezone": exc.messages[0]}
    return {}


# --- what, where and for whom ---------------------------------------------------------------


def _event_errors(profile: StaffProfile, event: WellnessEvent) -> dict[str, str]:
    errors: dict[str, str] = {}
    if event.place == Place.IN_PERSON and not event.location:
        errors["location"] = _("Say where it happens.")
    if event.audience == Audience.TEAM:
        lead = event.team_lead
        if lead is None or lead.organization_id != profile.organization_id:
            errors["team_lead"] = _("Choose whose team it is for.")
        elif not lead.has_role(Role.SUPERVISOR):
            errors["team_lead"] = _("A team here is a supervisor and the people they supervise.")
    if event.audience == Audience.ROLE and event.role not in Role.values:
        errors["role"] = _("Choose the role it is for.")
    if event.shares_names and not event.names_reason:
        errors["names_reason"] = _(
            "Say why names are needed (meals, transport): people read it before they reply."
        )
    return errors


def _apply(event: WellnessEvent, data: EventInput) -> None:
    for name in EVENT_FIELDS:
        value = getattr(data, name)
        if isinstance(value, str) and name not in ("kind", "place", "audience", "timezone"):
            value = value.strip()
        setattr(event, name, value)
    if event.place == Place.ONLINE:
        event.location, event.access_notes = "", ""
    else:
        event.online_link = ""
    if event.audience != Audience.TEAM:
        event.team_lead = None
    if event.audience != Audience.ROLE:
        event.role = ""
    if not event.every_weeks:
        event.every_weeks, event.times = None, event.times or 1
    if not event.shares_names:
        event.names_reason = ""


def _validate(event: WellnessEvent, errors: dict[str, str]) -> None:
    try:
        event.full_clean(exclude=["organization", "team_lead", "created_by", *errors])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, messages[0])
    if errors:
        raise ValidationError(
            {name: ValidationError(message, code="invalid") for name, message in errors.items()}
        )


# --- events ----------------------------------------------------------------------------------


@transaction.atomic
def event_create(
    *, actor: object, data: EventInput, organizers: list[StaffProfile] | None = None
) -> WellnessEvent:
    """A new event with its occurrences; its poster is one of its organizers."""
    profile = _poster(actor)
    event = WellnessEvent(organization_id=profile.organization_id, created_by=profile)
    _apply(event, data)
    errors = _event_errors(profile, event)
    now = dates.now()
    errors.update(_schedule_errors(event, dates.organization_today(profile.organization), now))
    _validate(event, errors)
    people = _organizers_checked(profile, [profile, *(organizers or [])])
    event.save()
    event.organizers.set(people)
    _occurrences_write(event, now=now)
    return event


@transaction.atomic
def event_update(
    *,
    actor: object,
    event: WellnessEvent,
    data: EventInput,
    organizers: list[StaffProfile] | None = None,
) -> WellnessEvent:
    """Change an event. Its times can change until it first happens: a time that stays keeps
    its replies, a time that goes is cancelled (and the people who replied are told). Names
    can't start being asked for, nor their reason change, once anyone has replied; only
    program managers and org admins change who organizes it."""
    profile = access.require_profile(actor)
    event = WellnessEvent.objects.select_for_update().get(pk=event.pk)
    if not events_access.can_change_event(actor, event):
        refuse(None, _("You can change the events you organize."), "not_allowed")
    if event.cancelled:
        refuse(None, _("This event was cancelled: post a new one."), "cancelled")
    now = dates.now()
    # The times still to come are locked before their places are counted (replies lock them
    # too; an update always takes the event first, a reply never does, so neither waits on
    # the other in a circle).
    upcoming = event.occurrences.select_for_update(of=("self",)).filter(starts_at__gt=now)
    list(upcoming.values_list("pk", flat=True))
    before = {name: getattr(event, name) for name in SCHEDULE_FIELDS}
    named_before = (event.shares_names, event.names_reason)
    _apply(event, data)
    errors = _event_errors(profile, event)
    replied = (
        EventReply.objects.filter(occurrence__event=event).exclude(answer=Answer.NOT_GOING).exists()
    )
    errors.update(_names_errors(event, named_before, replied=replied))
    rescheduled = any(getattr(event, name) != value for name, value in before.items())
    if rescheduled:
        if event.occurrences.filter(starts_at__lte=now).exists():
            errors["starts_on"] = _("This event has begun: post a new one for new times.")
        else:
            today = dates.organization_today(event.organization)
            errors.update(_schedule_errors(event, today, now))
    errors.update(_capacity_errors(event, now))
    _validate(event, errors)
    if organizers is not None and events_access.can_post_events(actor):
        _organizers_replace(profile, event, organizers, replied=replied)
    event.updated_at = now
    event.save()
    if rescheduled:
        _occurrences_write(event, now=now)
    from events.replies import offers_make

    for occurrence in event.occurrences.filter(starts_at__gt=now, cancelled=False):
        occurrence.event = event
        offers_make(occurrence=occurrence, now=now)
    return event


def _names_errors(
    event: WellnessEvent, before: tuple[bool, str], *, replied: bool
) -> dict[str, str]:
    """People replied knowing whether names would be seen, and why: neither can change."""
    shared, reason = before
    if not replied or not event.shares_names:
        return {}
    if not shared:
        return {
            "shares_names": _(
                "People have replied believing only the count would be seen: names can't be "
                "asked for now. Post a new event that says so from the start."
            )
        }
    if event.names_reason != reason:
        return {
            "names_reason": _(
                "People replied knowing why names are needed: the reason can't change now."
            )
        }
    return {}


def _capacity_errors(event: WellnessEvent, now: datetime) -> dict[str, str]:
    """Places can't drop below those taken, or held for someone, at a time still to come."""
    if event.capacity is None:
        return {}
    taken = Q(answer=Answer.GOING) | Q(answer=Answer.WAITING, offer_until__gt=now)
    most = (
        EventReply.objects.filter(taken, occurrence__event=event, occurrence__starts_at__gt=now)
        .values("occurrence")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("n", flat=True)
        .first()
    ) or 0
    if most > event.capacity:
        return {
            "capacity": _("%(n)s places are taken or held for someone: keep at least that many.")
            % {"n": most}
        }
    return {}


def _occurrences_write(event: WellnessEvent, *, now: datetime) -> None:
    """Make the occurrences match the schedule, by time: a time that stays keeps its row and
    its replies (a new end grows its calendar sequence); a time that goes is cancelled, never
    deleted, so calendars hear of it and the people who replied are told; a new time is a new
    row nobody has replied to yet."""
    live = {o.starts_at: o for o in event.occurrences.filter(cancelled=False)}
    number = event.occurrences.aggregate(n=Max("number"))["n"] or 0
    for start, end in occurrence_times(event):
        row = live.pop(start, None)
        if row is None:
            number += 1
            EventOccurrence.objects.create(
                organization_id=event.organization_id,
                event=event,
                number=number,
                starts_at=start,
                ends_at=end,
                updated_at=now,
            )
        elif row.ends_at != end:
            row.ends_at = end
            row.sequence += 1
            row.updated_at = now
            row.save(update_fields=["ends_at", "sequence", "updated_at"])
    for row in live.values():
        _cancel_one(row, reason="", now=now)


@transaction.atomic
def event_cancel(*, actor: object, event: WellnessEvent, reason: str = "") -> WellnessEvent:
    """Cancel what is still to come; what has happened stays (with its notes)."""
    event = WellnessEvent.objects.select_for_update().get(pk=event.pk)
    if not events_access.can_change_event(actor, event):
        refuse(None, _("You can change the events you organize."), "not_allowed")
    if event.cancelled:
        return event
    now = dates.now()
    event.cancelled_at, event.cancel_reason = now, reason.strip()[:300]
    event.updated_at = now
    event.save(update_fields=["cancelled_at", "cancel_reason", "updated_at"])
    for occurrence in event.occurrences.filter(starts_at__gt=now, cancelled=False):
        _cancel_one(occurrence, reason=event.cancel_reason, now=now)
    return event


@transaction.atomic
def occurrence_cancel(
    *, actor: object, occurrence: EventOccurrence, reason: str = ""
) -> EventOccurrence:
    """Cancel one time of an event (the others go ahead)."""
    occurrence = EventOccurrence.objects.select_for_update(of=("self",)).get(pk=occurrence.pk)
    if not events_access.can_change_event(actor, occurrence.event):
        refuse(None, _("You can change the events you organize."), "not_allowed")
    if occurrence.starts_at <= dates.now():
        refuse(None, _("This has already begun: it can't be cancelled now."), "started")
    if not occurrence.cancelled:
        _cancel_one(occurrence, reason=reason.strip()[:300], now=dates.now())
    return occurrence


def _cancel_one(occurrence: EventOccurrence, *, reason: str, now: datetime) -> None:
    occurrence.cancelled, occurrence.cancel_reason = True, reason
    occurrence.sequence += 1
    occurrence.updated_at = now
    occurrence.save(update_fields=["cancelled", "cancel_reason", "sequence", "updated_at"])


# --- organizers ------------------------------------------------------------------------------


def _organizers_checked(profile: StaffProfile, people: list[StaffProfile]) -> list[StaffProfile]:
    chosen = list({p.pk: p for p in people}.values())
    for person in chosen:
        if person.organization_id != profile.organization_id:
            refuse("organizers", _("Choose people in your organization."), "invalid")
        if person.employment_status == EmploymentStatus.LEFT or not person.user.is_active:
            refuse(
                "organizers",
                _("%(name)s no longer works here.") % {"name": person.chosen_name},
                "inactive",
            )
        if person.has_role(*events_access.NOT_ORGANIZERS) and not person.has_role(
            *events_access.EVENT_POSTERS
        ):
            refuse(
                "organizers",
                _(
                    "%(name)s works in HR: HR keeps out of who comes to wellness events, so "
                    "they can't organize one."
                )
                % {"name": person.chosen_name},
                "hr_only",
            )
    return chosen


def _organizers_replace(
    profile: StaffProfile, event: WellnessEvent, people: list[StaffProfile], *, replied: bool
) -> None:
    chosen = _organizers_checked(profile, people)
    if not chosen:
        refuse("organizers", _("An event needs at least one organizer."), "required")
    current = {p.pk for p in event.organizers.all()}
    added = [p for p in chosen if p.pk not in current]
    if event.shares_names and replied and added:
        refuse(
            "organizers",
            _(
                "People replied knowing who would see their names: nobody new can be added as an "
                "organizer of this event now."
            ),
            "organizers_after_replies",
        )
    event.organizers.set(chosen)
