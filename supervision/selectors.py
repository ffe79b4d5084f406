"""Supervision reads: signed supervised hours (for HR and certification renewal)."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import QuerySet, Sum

from supervision.models import SessionParticipant, SessionStatus

HOURS = Decimal("0.01")


def _bounds(start: date, end: date, zone: str) -> tuple[datetime, datetime]:
    tz = ZoneInfo(zone)
    return (
        datetime.combine(start, time.min, tzinfo=tz),
        datetime.combine(end, time.max, tzinfo=tz),
    )


def signed_attendance(person_id: int, start: date, end: date, zone: str) -> QuerySet:
    """A person's signed (locked) sessions held from `start` to `end`, days in `zone`."""
    low, high = _bounds(start, end, zone)
    return SessionParticipant.objects.filter(
        person_id=person_id,
        session__status=SessionStatus.HELD,
        session__locked_at__isnull=False,
        session__held_at__gte=low,
        session__held_at__lte=high,
    )


def signed_hours(person_id: int, start: date, end: date, zone: str) -> Decimal:
    """Supervised hours from signed sessions: what an attestation lists and renewal counts."""
    minutes = signed_attendance(person_id, start, end, zone).aggregate(
        total=Sum("session__held_minutes")
    )["total"]
    return (Decimal(minutes or 0) / 60).quantize(HOURS)


def signed_sessions(person_id: int) -> list[tuple[datetime, int]]:
    """When each of a person's signed sessions was held and for how many minutes, oldest
    first: what certification readiness counts per cycle (read once for all of them)."""
    return list(
        SessionParticipant.objects.filter(
            person_id=person_id,
            session__status=SessionStatus.HELD,
            session__locked_at__isnull=False,
        )
        .order_by("session__held_at")
        .values_list("session__held_at", "session__held_minutes")
    )
