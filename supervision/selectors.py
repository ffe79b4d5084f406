"""Supervision reads: a person's sessions (coming up, past, waiting for their signature),
their supervisors, and signed supervised hours (for HR and certification renewal)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from core import dates
from supervision.compliance import Period
from supervision.models import (
    SessionParticipant,
    SessionStatus,
    SupervisionSession,
    SupervisorAssignment,
)
from workforce import access
from workforce.models import EmploymentStatus, Role, StaffProfile
from workforce.validators import zone_of

HOURS = Decimal("0.01")
STILL_UPCOMING = timedelta(
    hours=8
)  # a scheduled session stays "upcoming" this long after it starts


def signed() -> QuerySet[SessionParticipant]:
    """Attendance at sessions held and signed by everyone: what supervised hours count."""
    return SessionParticipant.objects.filter(
        session__status=SessionStatus.HELD, session__locked_at__isnull=False
    )


def signed_attendance(person_id: int, start: date, end: date, zone: str) -> QuerySet:
    """A person's signed sessions held from `start` to `end`, days in `zone`."""
    low, high = Period(start, end).bounds(zone)
    return signed().filter(
        person_id=person_id, session__held_at__gte=low, session__held_at__lt=high
    )


def signed_sessions(person_id: int) -> list[tuple[datetime, int]]:
    """When each of a person's signed sessions was held and for how many minutes, oldest
    first: what certification readiness counts per cycle (read once for all of them)."""
    return list(
        signed()
        .filter(person_id=person_id)
        .order_by("session__held_at")
        .values_list("session__held_at", "session__held_minutes")
    )


def current_assignments(organization) -> QuerySet[SupervisorAssignment]:
    """Assignments in force on the organization's date."""
    return SupervisorAssignment.objects.current(dates.organization_today(organization)).filter(
        organization=organization
    )


def my_supervisors(person: StaffProfile) -> list[SupervisorAssignment]:
    return list(
        current_assignments(person.organization)
        .filter(specialist=person)
        .select_related("supervisor")
        .order_by("kind", "starts_on")
    )


def _mine(person: StaffProfile) -> QuerySet[SupervisionSession]:
    """Sessions a person leads or attends (one row each)."""
    ids = SessionParticipant.objects.filter(person=person).values("session_id")
    return (
        SupervisionSession.objects.filter(Q(supervisor=person) | Q(pk__in=ids))
        .select_related("supervisor")
        .defer(*PRIVATE)  # lists show facts only: nothing decrypted that isn't shown
        .prefetch_related(Prefetch("attendance", queryset=attendance_facts()))
    )


PRIVATE = ("notes", "action_items", "supervisor__emergency_contact")


def attendance_facts() -> QuerySet[SessionParticipant]:
    """Participants with their names, without decrypting reflections."""
    return SessionParticipant.objects.select_related("person").defer(
        "reflection", "person__emergency_contact"
    )


def upcoming_for(person: StaffProfile, *, now: datetime) -> QuerySet[SupervisionSession]:
    """Scheduled sessions that haven't ended yet, soonest first."""
    return (
        _mine(person)
        .filter(status=SessionStatus.SCHEDULED, starts_at__gte=now - STILL_UPCOMING)
        .order_by("starts_at", "id")
    )


def past_for(person: StaffProfile, *, now: datetime) -> QuerySet[SupervisionSession]:
    """Everything else: held, didn't take place, cancelled, moved, or past and not logged
    yet; newest first."""
    return (
        _mine(person)
        .exclude(status=SessionStatus.SCHEDULED, starts_at__gte=now - STILL_UPCOMING)
        .order_by("-starts_at", "-id")
    )


def waiting_signature(person: StaffProfile) -> list[SupervisionSession]:
    """Held sessions this person still has to sign (as supervisor or participant)."""
    unsigned = SessionParticipant.objects.filter(person=person, signed_at__isnull=True)
    return list(
        _mine(person)
        .filter(status=SessionStatus.HELD)
        .filter(
            Q(supervisor=person, supervisor_signed_at__isnull=True)
            | Q(pk__in=unsigned.values("session_id"))
        )
        .order_by("held_at", "id")
    )


def signed_hours_by_person(*, user: object, period: Period) -> QuerySet[StaffProfile]:
    """Peer specialists `user` may see, still working here, with the `minutes` of signed
    supervision held in the period (days in the organization's zone), by name."""
    low, high = period.bounds(access.require_profile(user).organization.timezone)
    in_period = (
        signed()
        .filter(person=OuterRef("pk"), session__held_at__gte=low, session__held_at__lt=high)
        .order_by()
        .values("person")
        .annotate(total=Sum("session__held_minutes"))
        .values("total")
    )
    return (
        access.people_visible_to(user)
        .filter(user__is_active=True, role_grants__role=Role.PEER_SPECIALIST)
        .exclude(employment_status=EmploymentStatus.LEFT)
        .defer("emergency_contact")  # encrypted, never shown here: don't decrypt it
        .annotate(minutes=Coalesce(Subquery(in_period[:1]), Value(0)))
        .order_by("chosen_name", "id")
    )


def hours_of(minutes: int) -> Decimal:
    return (Decimal(minutes or 0) / 60).quantize(HOURS)


@dataclass
class SupervisionSummary:
    next: SupervisionSession | None  # the person's next scheduled session
    to_sign: int  # held sessions waiting for their signature
    overdue: int | None = None  # managers: people with no supervision within their cadence

    def changes_at(self) -> datetime | None:
        """When the clock alone changes this summary: the next session stops being next."""
        return self.next.starts_at + STILL_UPCOMING if self.next else None


def supervision_summary(person: StaffProfile, *, now: datetime, today: date) -> SupervisionSummary:
    """The home page's supervision lines: constant queries."""
    from supervision.compliance import overdue_count

    # Two index lookups joined by UNION: the same count written as one OR over an IN
    # subquery made PostgreSQL read every session in the organization (40 ms at 130,000).
    led = (
        SupervisionSession.objects.filter(
            status=SessionStatus.HELD, supervisor=person, supervisor_signed_at__isnull=True
        )
        .order_by()
        .values("pk")
    )
    attended = (
        SessionParticipant.objects.filter(
            person=person, signed_at__isnull=True, session__status=SessionStatus.HELD
        )
        .order_by()
        .values("session_id")
    )
    to_sign = led.union(attended).count()
    # The home shows when and how, and keeps it in the cache: nothing else about the session.
    upcoming = upcoming_for(person, now=now).select_related(None).prefetch_related(None)
    summary = SupervisionSummary(
        next=upcoming.only("pk", "starts_at", "format").first(), to_sign=to_sign
    )
    if person.has_role(Role.PROGRAM_MANAGER):
        org = person.organization
        org_today = now.astimezone(zone_of(org.timezone)).date()
        summary.overdue = overdue_count(org.pk, org.timezone, org_today)
    return summary
