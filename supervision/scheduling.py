"""Scheduling supervision: single and recurring sessions at a wall-clock time in the
scheduler's time zone, conflict warnings, rescheduling and cancelling (with a reason)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core import dates, ics
from supervision import access as supervision_access
from supervision.models import (
    SessionFormat,
    SessionKind,
    SessionParticipant,
    SessionSeries,
    SessionStatus,
    SupervisionSession,
    SupervisorAssignment,
)
from workforce import access
from workforce.models import StaffProfile
from workforce.validators import available_timezones

LONGEST = timedelta(minutes=480)  # the longest session: how far back an overlap can start
LIVE = (SessionStatus.SCHEDULED, SessionStatus.HELD)


@dataclass(frozen=True)
class Plan:
    """What is being scheduled, as the form or the API gives it."""

    supervisor: StaffProfile
    participants: tuple[StaffProfile, ...]
    kind: str
    format: str
    on: date  # the (first) day …
    at: time  # … and wall-clock time, in `timezone`
    timezone: str
    duration_minutes: int
    location: str = ""
    link: str = ""
    every_weeks: int | None = None  # recurring: every N weeks …
    count: int | None = None  # … this many times


class SessionConflict(ValidationError):
    """Overlaps with other sessions, under "conflicts": the form or API client may schedule
    anyway (allow_conflicts)."""


@dataclass(frozen=True)
class Conflict:
    session: SupervisionSession
    who: StaffProfile  # whose calendar it is on: the supervisor or a participant

    def describe(self, zone: str) -> str:
        local = timezone.localtime(self.session.starts_at, ZoneInfo(zone))
        return _("%(who)s already has a session then: %(when)s") % {
            "who": self.who.display_name,
            "when": formats.date_format(local, "DATETIME_FORMAT"),
        }


def conflicts(
    *,
    people: list[StaffProfile],
    windows: list[tuple[datetime, datetime]],
    exclude: list[int] = (),
) -> list[Conflict]:
    """Live sessions that overlap any window, on the calendar of any of `people` (as the
    supervisor or a participant): one query for a whole series."""
    if not windows or not people:
        return []
    start = min(w[0] for w in windows) - LONGEST
    end = max(w[1] for w in windows)
    ids = [p.pk for p in people]
    candidates = (
        SupervisionSession.objects.filter(
            Q(supervisor_id__in=ids) | Q(attendance__person_id__in=ids),
            status__in=LIVE,
            starts_at__gte=start,
            starts_at__lt=end,
        )
        .exclude(pk__in=list(exclude))
        .defer("notes", "action_items")
        .prefetch_related(
            Prefetch("attendance", queryset=SessionParticipant.objects.defer("reflection"))
        )
        .distinct()
        .order_by("starts_at")
    )
    found = []
    for session in candidates:
        if not any(
            session.starts_at < w_end and session.ends_at > w_start for w_start, w_end in windows
        ):
            continue
        on = {session.supervisor_id} | {a.person_id for a in session.attendance.all()}
        found += [Conflict(session, person) for person in people if person.pk in on]
    return found


def _errors(actor_profile: StaffProfile, plan: Plan, manager: bool) -> dict[str, str]:
    errors: dict[str, str] = {}
    org = actor_profile.organization_id
    if plan.supervisor.organization_id != org or not (
        manager or plan.supervisor.pk == actor_profile.pk
    ):
        errors["supervisor"] = _("You can schedule your own supervision sessions only.")
    if plan.kind not in SessionKind.values:
        errors["kind"] = _("Choose individual or group.")
    if plan.format not in SessionFormat.values:
        errors["format"] = _("Choose in person, video or phone.")
    if plan.timezone not in available_timezones():
        errors["timezone"] = _("Choose a time zone from the list.")
    if not 15 <= (plan.duration_minutes or 0) <= 480:
        errors["duration_minutes"] = _("A session lasts from 15 minutes to 8 hours.")
    if plan.link and not plan.link.lower().startswith(("https://", "http://")):
        errors["link"] = _("Give the video link as a web address (https://…).")
    if plan.format == SessionFormat.IN_PERSON and not plan.location.strip():
        errors["location"] = _("Please say where you'll meet.")
    errors.update(_participant_errors(plan))
    if (plan.every_weeks is None) != (plan.count is None):
        errors["count"] = _("A repeating session needs both how often and how many times.")
    elif plan.every_weeks is not None and not (
        1 <= plan.every_weeks <= 8 and 2 <= plan.count <= 52
    ):
        errors["count"] = _("Repeat every 1 to 8 weeks, from 2 to 52 times.")
    return errors


def _participant_errors(plan: Plan) -> dict[str, str]:
    people = plan.participants
    if plan.kind == SessionKind.INDIVIDUAL and len(people) != 1:
        return {"participants": _("An individual session is with one person.")}
    if plan.kind == SessionKind.GROUP and len(people) < 2:
        return {"participants": _("A group session is for two people or more.")}
    if len({p.pk for p in people}) != len(people):
        return {"participants": _("Each person once, please.")}
    supervised = set(
        SupervisorAssignment.objects.current(dates.organization_today(plan.supervisor.organization))
        .filter(supervisor=plan.supervisor, specialist__in=people)
        .values_list("specialist_id", flat=True)
    )
    if any(p.pk not in supervised for p in people):
        return {"participants": _("Choose people this supervisor currently supervises.")}
    return {}


@transaction.atomic
def session_schedule(
    *, actor: object, plan: Plan, allow_conflicts: bool = False
) -> list[SupervisionSession]:
    """Schedule one session, or a recurring series of them. Overlaps with anyone's other
    sessions are refused with the list of them, unless `allow_conflicts` (the form asks
    "schedule anyway?")."""
    profile = access.require_profile(actor)
    if not supervision_access.can_schedule_supervision(actor):
        raise ValidationError(_("Only supervisors and program managers schedule supervision."))
    errors = _errors(profile, plan, supervision_access.can_schedule_for_anyone(actor))
    if errors:
        raise ValidationError(errors)
    starts = ics.weekly_starts(plan.on, plan.at, plan.timezone, plan.every_weeks, plan.count)
    length = timedelta(minutes=plan.duration_minutes)
    _check_conflicts(plan, [(s, s + length) for s in starts], allow_conflicts)
    series = None
    if plan.every_weeks:
        series = SessionSeries.objects.create(
            organization_id=profile.organization_id,
            supervisor=plan.supervisor,
            timezone=plan.timezone,
            every_weeks=plan.every_weeks,
            count=plan.count,
            created_by=profile,
        )
    sessions = SupervisionSession.objects.bulk_create(
        SupervisionSession(
            organization_id=profile.organization_id,
            supervisor=plan.supervisor,
            series=series,
            kind=plan.kind,
            format=plan.format,
            location=plan.location.strip()[:200],
            link=plan.link.strip(),
            starts_at=start,
            duration_minutes=plan.duration_minutes,
            timezone=plan.timezone,
            created_by=profile,
        )
        for start in starts
    )
    SessionParticipant.objects.bulk_create(
        SessionParticipant(session=s, person=p, organization_id=profile.organization_id)
        for s in sessions
        for p in plan.participants
    )
    return sessions


def _check_conflicts(plan: Plan, windows, allow: bool, exclude: list[int] = ()) -> None:
    if allow:
        return
    found = conflicts(
        people=[plan.supervisor, *plan.participants], windows=windows, exclude=exclude
    )
    if found:
        lines = list(dict.fromkeys(c.describe(plan.timezone) for c in found))
        raise SessionConflict({"conflicts": lines[:5]})


def _locked(session: SupervisionSession) -> SupervisionSession:
    """The session's row, locked; its private fields stay encrypted (not needed here)."""
    return (
        SupervisionSession.objects.select_for_update()
        .defer("notes", "action_items")
        .get(pk=session.pk)
    )


def _changeable(actor: object, session: SupervisionSession) -> StaffProfile:
    profile = access.require_profile(actor)
    if not supervision_access.can_change_session(actor, session):
        raise ValidationError(
            _("Only the supervisor or a program manager can change this session.")
        )
    if session.status != SessionStatus.SCHEDULED:
        raise ValidationError(
            _("Only a session that hasn't happened yet can be moved or cancelled.")
        )
    return profile


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Please add a short reason, so everyone knows.")})
    return reason[:300]


@transaction.atomic
def session_reschedule(
    *,
    actor: object,
    session: SupervisionSession,
    on: date,
    at: time,
    timezone_name: str,
    reason: str,
    duration_minutes: int | None = None,
    allow_conflicts: bool = False,
) -> SupervisionSession:
    """Move a session: a new one at the new time, and the old one kept as "moved to another
    time" (with the reason), so calendars and the history both show what happened."""
    session = _locked(session)
    profile = _changeable(actor, session)
    reason = _reason(reason)
    people = tuple(p.person for p in session.attendance.select_related("person"))
    plan = Plan(
        supervisor=session.supervisor,
        participants=people,
        kind=session.kind,
        format=session.format,
        on=on,
        at=at,
        timezone=timezone_name,
        duration_minutes=duration_minutes or session.duration_minutes,
        location=session.location,
        link=session.link,
    )
    errors = _errors(access.profile_of(actor), plan, True)
    errors.pop("supervisor", None)  # checked by _changeable
    errors.pop("participants", None)  # the same people as before
    if errors:
        raise ValidationError(errors)
    (start,) = ics.weekly_starts(on, at, timezone_name, None, None)
    window = (start, start + timedelta(minutes=plan.duration_minutes))
    _check_conflicts(plan, [window], allow_conflicts, exclude=[session.pk])
    moved = SupervisionSession.objects.create(
        organization_id=session.organization_id,
        supervisor=session.supervisor,
        series=session.series,
        kind=session.kind,
        format=session.format,
        location=session.location,
        link=session.link,
        starts_at=start,
        duration_minutes=plan.duration_minutes,
        timezone=timezone_name,
        created_by=profile,
    )
    SessionParticipant.objects.bulk_create(
        SessionParticipant(session=moved, person=p, organization_id=session.organization_id)
        for p in people
    )
    session.status = SessionStatus.RESCHEDULED
    session.status_reason = reason
    session.rescheduled_to = moved
    session.sequence += 1
    session.updated_at = timezone.now()
    session.save(
        update_fields=["status", "status_reason", "rescheduled_to", "sequence", "updated_at"]
    )
    return moved


@transaction.atomic
def session_cancel(*, actor: object, session: SupervisionSession, reason: str) -> None:
    session = _locked(session)
    _changeable(actor, session)
    session.status = SessionStatus.CANCELLED
    session.status_reason = _reason(reason)
    session.sequence += 1
    session.updated_at = timezone.now()
    session.save(update_fields=["status", "status_reason", "sequence", "updated_at"])
