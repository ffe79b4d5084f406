"""Meetings: the schedule's occurrences on the calendar, cancelling and moving one, and the
facilitator's log afterwards.

A group's weekly schedule becomes rows `HORIZON` ahead (when the group is created or its
schedule changes, and hourly by beat), one per occurrence (the slot is unique), so reminders,
calendars and logs all read plain rows. A log is numbers only: how many came, how many were
new. PeerWell keeps no list of members."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core import dates, ics
from groups import access as groups_access
from groups.models import (
    MAX_ATTENDANCE,
    Facilitation,
    Facilitator,
    GroupStatus,
    LiaisonNote,
    Meeting,
    MeetingStatus,
    SupportGroup,
)
from groups.services import refuse
from workforce import access
from workforce.models import StaffProfile

HORIZON = timedelta(weeks=8)
LOG_WINDOW = timedelta(days=14)  # how long after a meeting its log can be written
ACTIVE = (GroupStatus.FORMING, GroupStatus.MEETING)
REASON_MAX = 300


# --- the schedule on the calendar -----------------------------------------------------------


def _slots(group: SupportGroup, now: datetime) -> list[datetime]:
    today = dates.date_in(group.timezone, at=now)
    return [
        start
        for start in ics.weekly_between(
            anchor=group.starts_on,
            weekday=group.weekday,
            at=group.start_time,
            zone=group.timezone,
            every_weeks=group.every_weeks,
            since=max(today, group.starts_on),
            until=today + HORIZON,
        )
        if start > now
    ]


def _rows(group: SupportGroup, now: datetime) -> list[Meeting]:
    return [
        Meeting(
            organization_id=group.organization_id,
            group=group,
            slot=start,
            starts_at=start,
            duration_minutes=group.duration_minutes,
            updated_at=now,
        )
        for start in _slots(group, now)
    ]


def meetings_extend(*, group: SupportGroup, now: datetime | None = None) -> int:
    """Put the group's next meetings on the calendar, up to HORIZON ahead (idempotent: an
    occurrence that has a row, whatever became of it, gets no second one)."""
    if group.status not in ACTIVE:
        return 0
    return _insert_missing(_rows(group, now or dates.now()))


def _insert_missing(rows: list[Meeting]) -> int:
    """Insert the occurrences that have no row yet, and say how many: one read, one INSERT
    (ON CONFLICT DO NOTHING keeps a racing second run harmless)."""
    if not rows:
        return 0
    have = set(
        Meeting.objects.filter(
            group_id__in={r.group_id for r in rows}, slot__gte=min(r.slot for r in rows)
        ).values_list("group_id", "slot")
    )
    missing = [r for r in rows if (r.group_id, r.slot) not in have]
    Meeting.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)


def meetings_extend_all(*, now: datetime | None = None, batch: int = 500) -> int:
    """Every active group's next meetings (beat, hourly): one INSERT per `batch` groups."""
    now = now or dates.now()
    made = 0
    groups = SupportGroup.objects.filter(status__in=ACTIVE).order_by("pk")
    rows: list[Meeting] = []
    for group in groups.iterator(chunk_size=batch):
        rows += _rows(group, now)
        if len(rows) >= batch * 8:
            made += _insert_missing(rows)
            rows = []
    return made + _insert_missing(rows)


def meetings_reschedule(*, group: SupportGroup, now: datetime | None = None) -> int:
    """After a change of schedule, or when the group stops meeting: the occurrences still to
    come that nothing has happened to are taken off the calendar (meetings_extend puts the new
    ones on), and a paused or ended group's meetings moved by hand are cancelled."""
    now = now or dates.now()
    coming = Meeting.objects.filter(
        group=group, status=MeetingStatus.SCHEDULED, logged_at__isnull=True, starts_at__gt=now
    )
    deleted, _rows_by_model = coming.filter(slot__isnull=False).delete()
    if group.status not in ACTIVE:
        reason = _("The group is paused.") if group.status == "paused" else _("The group ended.")
        deleted += coming.update(
            status=MeetingStatus.CANCELLED,
            status_reason=reason,
            sequence=F("sequence") + 1,
            updated_at=now,
        )
    return deleted


# --- cancelling and moving -----------------------------------------------------------------------


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("group").get(pk=meeting.pk)


def _may_change(actor: object, meeting: Meeting) -> None:
    if not groups_access.can_change_group(actor, meeting.group):
        refuse(None, _("You can change the meetings of groups you facilitate."), "not_allowed")
    if meeting.status != MeetingStatus.SCHEDULED or meeting.logged:
        refuse(None, _("Only a meeting that's still planned can be changed."), "not_scheduled")
    if meeting.starts_at <= dates.now():
        refuse(None, _("This meeting has started: log what happened instead."), "started")


def _reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        refuse("reason", _("Please give a short reason, for the calendar."), "required")
    if len(reason) > REASON_MAX:
        refuse("reason", _("Keep the reason under %(n)s characters.") % {"n": REASON_MAX}, "max")
    return reason


@transaction.atomic
def meeting_cancel(*, actor: object, meeting: Meeting, reason: str) -> Meeting:
    meeting = _lock(meeting)
    _may_change(actor, meeting)
    meeting.status, meeting.status_reason = MeetingStatus.CANCELLED, _reason(reason)
    meeting.sequence += 1
    meeting.updated_at = timezone.now()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_move(
    *, actor: object, meeting: Meeting, on: date, at: time, reason: str = ""
) -> Meeting:
    """Move one meeting to another day or time (in the group's zone): the old one is marked
    moved (calendars drop it) and a new one takes its place."""
    meeting = _lock(meeting)
    _may_change(actor, meeting)
    if on is None or at is None:
        refuse("on", _("Give the new day and time."), "required")
    starts_at = ics.weekly_starts(on, at, meeting.group.timezone, None, None)[0]
    if starts_at <= dates.now():
        refuse("on", _("Choose a time that hasn't passed."), "past")
    new = Meeting.objects.create(
        organization_id=meeting.organization_id,
        group=meeting.group,
        starts_at=starts_at,
        duration_minutes=meeting.duration_minutes,
        updated_at=timezone.now(),
    )
    meeting.status, meeting.moved_to = MeetingStatus.MOVED, new
    meeting.status_reason = " ".join((reason or "").split())[:REASON_MAX]
    meeting.sequence += 1
    meeting.updated_at = timezone.now()
    meeting.save()
    return new


# --- the log ---


@dataclass(frozen=True)
class MeetingLogInput:
    """What the facilitator records after a meeting, as the form or the API gives it."""

    held: bool
    attended: int | None = None
    newcomers: int | None = None
    held_minutes: int | None = None
    agreement_read: bool | None = None
    format_note: str = ""
    crisis_handled: bool = False
    facilitated_by: tuple[StaffProfile, ...] = ()  # empty: the one logging
    reason: str = ""  # why it didn't take place
    liaison_note: str = ""  # "tell the liaison": read by the group's liaisons
    talk_through: str = ""  # private: a topic for the facilitator's own supervision


def _count_errors(meeting: Meeting, data: MeetingLogInput, errors: dict[str, str]) -> None:
    attended, newcomers = data.attended, data.newcomers
    if attended is None or not isinstance(attended, int):
        errors["attended"] = _("Say how many people came (a number; 0 is fine).")
    elif not 0 <= attended <= MAX_ATTENDANCE:
        errors["attended"] = _("Give a number from 0 to %(n)s.") % {"n": MAX_ATTENDANCE}
    if newcomers is None:
        newcomers = 0
    if not isinstance(newcomers, int) or newcomers < 0:
        errors["newcomers"] = _("Give how many were new as a number, 0 or more.")
    elif "attended" not in errors and newcomers > attended:
        errors["newcomers"] = _("More people were new than came: please check both numbers.")
    minutes, longest = data.held_minutes, meeting.duration_minutes + 60
    if minutes is not None and not (isinstance(minutes, int) and 10 <= minutes <= longest):
        errors["held_minutes"] = _(
            "Give from 10 minutes to an hour more than planned (%(n)s minutes)."
        ) % {"n": longest}
    if data.agreement_read is None:
        errors["agreement_read"] = _("Say whether the agreement was read.")
    if len(data.format_note or "") > REASON_MAX:
        errors["format_note"] = _("Keep this under %(n)s characters.") % {"n": REASON_MAX}


def _log_errors(meeting: Meeting, data: MeetingLogInput, now: datetime) -> dict[str, str]:
    errors: dict[str, str] = {}
    if meeting.starts_at > now:
        errors["held"] = _("This meeting hasn't started yet: log it afterwards.")
    elif meeting.starts_at < now - LOG_WINDOW:
        # Facilitation hours count toward certifications: a log is written while it's fresh.
        errors["held"] = _("Meetings are logged within two weeks; ask a program manager.")
    if data.held:
        _count_errors(meeting, data, errors)
    elif not " ".join((data.reason or "").split()):
        errors["reason"] = _("Please say briefly why it didn't take place.")
    for name in ("liaison_note", "talk_through"):
        if len(getattr(data, name) or "") > 4000:
            errors[name] = _("Keep this under 4,000 characters.")
    return errors


def _facilitators(meeting: Meeting, data: MeetingLogInput, me: StaffProfile) -> list[int]:
    ids = [p.pk for p in data.facilitated_by] or [me.pk]
    current = set(
        Facilitator.objects.filter(group_id=meeting.group_id).values_list("person_id", flat=True)
    )
    if any(pk not in current for pk in ids):
        refuse("facilitated_by", _("Choose from the group's facilitators."), "not_a_facilitator")
    return list(dict.fromkeys(ids))


@transaction.atomic
def meeting_log(
    *, actor: object, meeting: Meeting, data: MeetingLogInput, at: datetime | None = None
) -> Meeting:
    """Record what happened, once. Numbers only; a note for the liaison and a topic for the
    facilitator's own supervision are written beside it, never on the meeting. `at` is when
    the log is written (now; the demo's history passes the evening of each meeting)."""
    me = access.require_profile(actor)
    meeting = _lock(meeting)
    if not groups_access.can_log_meetings(actor, meeting.group):
        refuse(None, _("The group's facilitators log its meetings."), "not_allowed")
    if meeting.logged:
        refuse(None, _("This meeting has already been logged."), "already_logged")
    if meeting.status != MeetingStatus.SCHEDULED:
        refuse(
            None,
            _("This meeting was cancelled or moved: there is nothing to log."),
            "not_scheduled",
        )
    now = at or dates.now()
    errors = _log_errors(meeting, data, now)
    if errors:
        raise ValidationError(
            {name: [ValidationError(message, code="invalid")] for name, message in errors.items()}
        )
    people = _facilitators(meeting, data, me) if data.held else []
    _write_log(meeting, data, me, now)
    Facilitation.objects.bulk_create(
        Facilitation(
            organization_id=meeting.organization_id,
            meeting=meeting,
            person_id=pk,
            held_at=meeting.starts_at,
            minutes=meeting.held_minutes,
        )
        for pk in people
    )
    _side_notes(meeting, data, me)
    return meeting


def _write_log(meeting: Meeting, data: MeetingLogInput, me: StaffProfile, now: datetime) -> None:
    if data.held:
        meeting.status = MeetingStatus.HELD
        meeting.attended, meeting.newcomers = data.attended, data.newcomers or 0
        meeting.held_minutes = data.held_minutes or meeting.duration_minutes
        meeting.agreement_read = data.agreement_read
        meeting.format_note = " ".join((data.format_note or "").split())
        meeting.crisis_handled = bool(data.crisis_handled)
    else:
        meeting.sequence += 1  # calendars show it as cancelled
        meeting.status = MeetingStatus.CANCELLED
        meeting.status_reason = _reason(data.reason)
    meeting.logged_by, meeting.logged_at, meeting.updated_at = me, now, now
    meeting.save()


def _side_notes(meeting: Meeting, data: MeetingLogInput, me: StaffProfile) -> None:
    from supervision.topics import topic_request_add

    if (data.liaison_note or "").strip():
        LiaisonNote.objects.create(
            organization_id=meeting.organization_id,
            group_id=meeting.group_id,
            meeting=meeting,
            text=data.liaison_note.strip(),
            written_by=me,
        )
    if (data.talk_through or "").strip():
        topic_request_add(person=me, text=data.talk_through.strip(), source="group_meeting")
