"""Participation in wellness events, for program managers and org admins: per month and kind of
event, how many times events happened and how many different people said they'd come. Never a
person's replies, never a rate of anyone's.

As with team wellbeing, nothing here can be worked down to a few people: a count of people
under MIN_PEOPLE is shown as "fewer than 5", the replies of the people who read it are left
out, nothing is totalled across cells (a total less the
cells shown would give the hidden one away), and only months that are over are reported (a
month still filling would tell, reply by reply, who had just said yes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from core import dates
from events.access import PARTICIPATION_READERS
from events.models import Answer, EventKind, EventOccurrence
from workforce.models import Organization, RoleGrant, StaffProfile

MIN_PEOPLE = 5
MONTHS = 12


@dataclass(frozen=True)
class Cell:
    month: date
    kind: str  # its label
    times: int
    people: int | None  # None: fewer than MIN_PEOPLE


def months_shown(today: date) -> tuple[date, date]:
    """The first day of the earliest month shown and the first day of the current month (not
    shown): the last MONTHS whole months."""
    this_month = today.replace(day=1)
    start = this_month
    for _ in range(MONTHS):
        start = (start - timedelta(days=1)).replace(day=1)
    return start, this_month


def _counted(organization: Organization):
    """Everyone but the people who read these figures: their own replies are never counted in
    them (as in team wellbeing, "a total less my own reply" would tell them about others)."""
    readers = RoleGrant.objects.filter(role__in=PARTICIPATION_READERS).values("profile_id")
    return StaffProfile.objects.filter(organization=organization).exclude(pk__in=readers)


def participation(organization: Organization) -> list[Cell]:
    """One cell per month and kind that had an event: one query."""
    zone = dates.zone(organization.timezone)
    start, end = months_shown(dates.organization_today(organization))
    rows = (
        EventOccurrence.objects.filter(organization=organization, cancelled=False)
        .filter(
            starts_at__gte=datetime.combine(start, time.min, tzinfo=zone),
            starts_at__lt=datetime.combine(end, time.min, tzinfo=zone),
        )
        .annotate(month=TruncMonth("starts_at", tzinfo=zone))
        .values("month", "event__kind")
        .annotate(
            times=Count("pk", distinct=True),
            people=Count(
                "replies__person",
                filter=Q(replies__answer=Answer.GOING, replies__person__in=_counted(organization)),
                distinct=True,
            ),
        )
        .order_by("-month", "event__kind")
    )
    labels = dict(EventKind.choices)
    return [
        Cell(
            month=row["month"].date() if hasattr(row["month"], "date") else row["month"],
            kind=str(labels.get(row["event__kind"], row["event__kind"])),
            times=row["times"],
            people=row["people"] if row["people"] == 0 or row["people"] >= MIN_PEOPLE else None,
        )
        for row in rows
    ]
