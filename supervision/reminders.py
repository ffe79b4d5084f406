"""Supervision reminders, plugged into the reminder engine (notifications/).

- "supervision-soon": to the supervisor and everyone in a scheduled session, 24 hours before
  it starts (or as soon as it is scheduled, if that is sooner). A moved session is a new
  session and gets its own reminder; a cancelled one is skipped at send time.
- "supervision-sign": to each participant once the supervisor has logged a session as held,
  with a direct link to sign, and a second nudge 3 days later to whoever (supervisor
  included) hasn't signed yet. Changing the logged facts starts again (the slot is the
  log's time).
- "supervision-overdue": each Monday at 09:00, to program managers: how many people have
  had no supervision within their cadence, with a link to the compliance view. Never to the
  specialist: overdue supervision is the schedule's problem, not theirs.

Every message carries a link and times, never notes, action items or reflections.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import (
    Case,
    CharField,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from notifications import registry
from notifications.kinds import (
    EMAILS_ON,
    LATE_LIMIT,
    at_work,
    emails_on,
    insert_ledger_rows,
    local_time_text,
    mondays_come,
    pause_headers,
    reachable,
    recipients,
    work_body,
)
from notifications.models import Delivery
from supervision.compliance import overdue_count
from supervision.models import (
    SessionParticipant,
    SessionStatus,
    SupervisionSession,
    SupervisorAssignment,
)
from workforce.models import Role, StaffProfile
from workforce.validators import zone_of

SOON, SIGN, OVERDUE = "supervision-soon", "supervision-sign", "supervision-overdue"
SESSION_PREFIX = "supervision-session:"
WEEK_PREFIX = "week:"
AHEAD = timedelta(hours=24)
NUDGE_AFTER = timedelta(days=3)


def _subject(ref: str) -> Concat:
    return Concat(Value(SESSION_PREFIX), Cast(ref, CharField()))


def _not_sent(kind: str, recipient: str, session: str) -> Exists:
    return ~Exists(
        Delivery.objects.filter(
            recipient_id=OuterRef(recipient),
            kind=kind,
            subject=_subject(OuterRef(session)),
            due_slot=OuterRef("slot"),
        )
    )


def _insert(rows: QuerySet, now: datetime, kind: str, recipient: str, session: str) -> list[int]:
    rows = emails_on(rows.filter(_not_sent(kind, recipient, session)), recipient)
    return insert_ledger_rows(
        rows,
        now=now,
        kind=kind,
        recipient=recipient,
        subject=_subject(session),
        slot="slot",
        emails_flag=EMAILS_ON,
    )


# --- supervision-soon ------------------------------------------------------------------------


def _soon(now: datetime, organization_id: int | None = None) -> list[tuple[QuerySet, str, str]]:
    """Scheduled sessions starting in the next 24 hours (slot: 24 hours before the start),
    as (rows, recipient, session) for the supervisor and for each participant."""
    slot = ExpressionWrapper(F("starts_at") - AHEAD, output_field=DateTimeField())
    sessions = SupervisionSession.objects.filter(
        status=SessionStatus.SCHEDULED, starts_at__gt=now, starts_at__lte=now + AHEAD
    )
    people = SessionParticipant.objects.filter(
        session__status=SessionStatus.SCHEDULED,
        session__starts_at__gt=now,
        session__starts_at__lte=now + AHEAD,
    )
    if organization_id is not None:
        sessions = sessions.filter(organization_id=organization_id)
        people = people.filter(organization_id=organization_id)
    person_slot = ExpressionWrapper(F("session__starts_at") - AHEAD, output_field=DateTimeField())
    return [
        (
            sessions.filter(reachable("supervisor__")).annotate(slot=slot),
            "supervisor__user_id",
            "pk",
        ),
        (
            people.filter(reachable("person__")).annotate(slot=person_slot),
            "person__user_id",
            "session_id",
        ),
    ]


def collect_soon(now: datetime) -> registry.Collected:
    ids: list[int] = []
    for rows, recipient, session in _soon(now):
        ids += _insert(rows, now, SOON, recipient, session)
    return registry.Collected(send_now=ids)


def due_count_soon(now: datetime, organization_id: int | None) -> int:
    return sum(
        rows.filter(_not_sent(SOON, recipient, session)).count()
        for rows, recipient, session in _soon(now, organization_id)
    )


# --- supervision-sign ------------------------------------------------------------------------


def _sign(now: datetime, organization_id: int | None = None) -> list[tuple[QuerySet, str, str]]:
    """Held, logged sessions not signed by everyone: the prompt to each participant when the
    log is saved, and a nudge 3 days later to anyone (supervisor too) who hasn't signed."""
    recent = now - LATE_LIMIT
    unsigned = SessionParticipant.objects.filter(
        signed_at__isnull=True,
        session__status=SessionStatus.HELD,
        session__locked_at__isnull=True,
        session__logged_at__isnull=False,
    ).filter(reachable("person__"))
    sessions = SupervisionSession.objects.filter(
        status=SessionStatus.HELD,
        locked_at__isnull=True,
        supervisor_signed_at__isnull=True,
        logged_at__gt=recent - NUDGE_AFTER,
        logged_at__lte=now - NUDGE_AFTER,
    ).filter(reachable("supervisor__"))
    if organization_id is not None:
        unsigned = unsigned.filter(organization_id=organization_id)
        sessions = sessions.filter(organization_id=organization_id)
    logged = F("session__logged_at")
    nudge = ExpressionWrapper(logged + NUDGE_AFTER, output_field=DateTimeField())
    return [
        (
            unsigned.filter(session__logged_at__gt=recent).annotate(slot=logged),
            "person__user_id",
            "session_id",
        ),
        (
            unsigned.filter(
                session__logged_at__gt=recent - NUDGE_AFTER,
                session__logged_at__lte=now - NUDGE_AFTER,
            ).annotate(slot=nudge),
            "person__user_id",
            "session_id",
        ),
        (
            sessions.annotate(
                slot=ExpressionWrapper(F("logged_at") + NUDGE_AFTER, output_field=DateTimeField())
            ),
            "supervisor__user_id",
            "pk",
        ),
    ]


def collect_sign(now: datetime) -> registry.Collected:
    ids: list[int] = []
    for rows, recipient, session in _sign(now):
        ids += _insert(rows, now, SIGN, recipient, session)
    return registry.Collected(send_now=ids)


def due_count_sign(now: datetime, organization_id: int | None) -> int:
    return sum(
        rows.filter(_not_sent(SIGN, recipient, session)).count()
        for rows, recipient, session in _sign(now, organization_id)
    )


# --- loading and checking a session reminder ---------------------------------------------


@dataclass(frozen=True)
class SessionItem:
    session: SupervisionSession
    recipient: StaffProfile | None
    role: str  # "supervisor", "participant" or "" (no longer in it)
    signed: bool


def load_sessions(deliveries: list[Delivery]) -> dict[int, SessionItem]:
    """Two queries: the sessions with their people, and the recipients."""
    wanted = {d.pk: int(d.subject.removeprefix(SESSION_PREFIX)) for d in deliveries}
    sessions = SupervisionSession.objects.defer("notes", "action_items").in_bulk(
        set(wanted.values())
    )
    rows = SessionParticipant.objects.filter(session_id__in=sessions).defer("reflection")
    signed = {(r.session_id, r.person_id): r.signed_at is not None for r in rows}
    profiles = recipients(deliveries)
    loaded = {}
    for d in deliveries:
        session = sessions.get(wanted[d.pk])
        if session is None:
            continue
        person = profiles.get(d.recipient_id)
        role, done = "", False
        if person is not None and session.supervisor_id == person.pk:
            role, done = "supervisor", session.supervisor_signed_at is not None
        elif person is not None and (session.pk, person.pk) in signed:
            role, done = "participant", signed[(session.pk, person.pk)]
        loaded[d.pk] = SessionItem(session, person, role, done)
    return loaded


def skip_soon(delivery: Delivery, item: SessionItem | None) -> str | None:
    if item is None:
        return "session removed"
    if not at_work(item.recipient) or not item.role:
        return "not in the session now"
    if item.session.status != SessionStatus.SCHEDULED:
        return "cancelled or moved"
    if delivery.due_slot != item.session.starts_at - AHEAD:
        return "time changed"
    return None


def skip_sign(delivery: Delivery, item: SessionItem | None) -> str | None:
    if item is None:
        return "session removed"
    if not at_work(item.recipient) or not item.role:
        return "not in the session now"
    if item.session.status != SessionStatus.HELD or item.session.locked_at:
        return "nothing to sign"
    if item.signed:
        return "signed"
    logged = item.session.logged_at
    if delivery.due_slot not in (logged, logged + NUDGE_AFTER):
        return "log changed since"
    return None


def render_soon(delivery: Delivery, item: SessionItem) -> registry.Message:
    person = item.recipient
    link = reverse("supervision_session", args=[item.session.pk])
    with translation.override(person.language):
        when = local_time_text(item.session.starts_at, person)
        subject = _("Supervision coming up")
        title = _("Supervision on %(when)s.") % {"when": when}
        text = _("A reminder: you have supervision on %(when)s (your time). Details:") % {
            "when": when
        }
        body = work_body(person, text, link, delivery.recipient_id)
    return registry.Message(subject, body, title, link, pause_headers(delivery.recipient_id))


def render_sign(delivery: Delivery, item: SessionItem) -> registry.Message:
    person = item.recipient
    link = reverse("supervision_session", args=[item.session.pk]) + "#sign"
    with translation.override(person.language):
        when = local_time_text(item.session.starts_at, person)
        subject = _("Please sign your supervision session")
        title = _("Your supervision session of %(when)s is ready to sign.") % {"when": when}
        text = _(
            "The session of %(when)s has been logged. Please check the date, length and "
            "topics, and sign, so the hours count:"
        ) % {"when": when}
        body = work_body(person, text, link, delivery.recipient_id)
    return registry.Message(subject, body, title, link, pause_headers(delivery.recipient_id))


# --- supervision-overdue: Monday, to program managers ---------------------------------------


def _managers(now: datetime, organization_id: int | None = None) -> QuerySet | None:
    """Program managers whose Monday 09:00 has come, in organizations where supervision is
    expected of someone (the send counts who is overdue, and skips a zero)."""
    expected = SupervisorAssignment.objects.filter(
        organization_id=OuterRef("organization_id"), cadence_every__isnull=False
    )
    people = StaffProfile.objects.filter(
        reachable(), Exists(expected), role_grants__role=Role.PROGRAM_MANAGER
    )
    if organization_id is not None:
        people = people.filter(organization_id=organization_id)
    zones = set(people.order_by().values_list("timezone", flat=True).distinct())
    groups = mondays_come(now, zones)
    if not groups:
        return None
    slots = [When(timezone__in=names, then=Value(slot)) for (slot, _m), names in groups.items()]
    weeks = [When(timezone__in=names, then=Value(_week(m))) for (_s, m), names in groups.items()]
    sent = Delivery.objects.filter(
        recipient_id=OuterRef("user_id"), kind=OVERDUE, subject=OuterRef("week")
    )
    return emails_on(
        people.filter(timezone__in=[n for names in groups.values() for n in names])
        .annotate(
            slot=Case(*slots, output_field=DateTimeField()),
            week=Case(*weeks, output_field=CharField()),
        )
        .filter(~Exists(sent)),
        "user_id",
    )


def _week(monday) -> str:
    iso = monday.isocalendar()
    return f"{WEEK_PREFIX}{iso.year}-W{iso.week:02d}"


def collect_overdue(now: datetime) -> registry.Collected:
    rows = _managers(now)
    if rows is None:
        return registry.Collected(send_now=[])
    ids = insert_ledger_rows(
        rows,
        now=now,
        kind=OVERDUE,
        recipient="user_id",
        subject=F("week"),
        slot="slot",
        emails_flag=EMAILS_ON,
    )
    return registry.Collected(send_now=ids)


@dataclass(frozen=True)
class Overdue:
    manager: StaffProfile | None
    count: int


def load_overdue(deliveries: list[Delivery]) -> dict[int, Overdue]:
    """The managers, then one count per organization (a handful per batch)."""
    managers = recipients(deliveries)
    counts: dict[int, int] = {}
    for manager in managers.values():
        org = manager.organization
        if org.pk not in counts:
            today = timezone.now().astimezone(zone_of(org.timezone)).date()
            counts[org.pk] = overdue_count(org.pk, org.timezone, today)
    return {
        d.pk: Overdue(
            managers.get(d.recipient_id),
            counts.get(managers[d.recipient_id].organization_id, 0)
            if d.recipient_id in managers
            else 0,
        )
        for d in deliveries
    }


def skip_overdue(delivery: Delivery, item: Overdue | None) -> str | None:
    if item is None or not at_work(item.manager):
        return "not at work now"
    if not item.manager.has_role(Role.PROGRAM_MANAGER):
        return "no longer a program manager"
    if not item.count:
        return "nobody overdue"
    return None


def render_overdue(delivery: Delivery, item: Overdue) -> registry.Message:
    """A count and a link: who it is is on the compliance page, never in an email."""
    person = item.manager
    link = reverse("supervision_compliance") + "?overdue=1"
    with translation.override(person.language):
        numbers = {"count": item.count}
        subject = _("Supervision to schedule this week")
        title = (
            ngettext(
                "%(count)s person is due a supervision session.",
                "%(count)s people are due a supervision session.",
                item.count,
            )
            % numbers
        )
        text = (
            ngettext(
                "%(count)s person has had no supervision within their cadence. The compliance "
                "view shows who, so a session can be scheduled:",
                "%(count)s people have had no supervision within their cadence. The compliance "
                "view shows who, so sessions can be scheduled:",
                item.count,
            )
            % numbers
        )
        body = work_body(person, text, link, delivery.recipient_id)
    return registry.Message(subject, body, title, link, pause_headers(delivery.recipient_id))


def due_count_overdue(now: datetime, organization_id: int | None) -> int:
    rows = _managers(now, organization_id)
    return rows.count() if rows is not None else 0


for name, collect, skip, render, count in (
    (SOON, collect_soon, skip_soon, render_soon, due_count_soon),
    (SIGN, collect_sign, skip_sign, render_sign, due_count_sign),
):
    registry.register(
        registry.ReminderKind(
            name=name,
            collect=collect,
            load=load_sessions,
            skip_reason=skip,
            render=render,
            due_count=count,
        )
    )
registry.register(
    registry.ReminderKind(
        name=OVERDUE,
        collect=collect_overdue,
        load=load_overdue,
        skip_reason=skip_overdue,
        render=render_overdue,
        due_count=due_count_overdue,
    )
)
