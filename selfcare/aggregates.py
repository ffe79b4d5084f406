"""Anonymous team wellness for program managers: weekly averages, computed in SQL, suppressed
so that no individual can be identified.

Rules:
- a group's week is shown only if at least MIN_GROUP distinct people checked in that week;
- no two groups a manager can see may differ by fewer than MIN_GROUP people in a week (else
  subtracting one average from the other reveals those few): a team whose complement in the
  organization is that small is suppressed, and of two overlapping teams that differ by so few
  people, the smaller is suppressed;
- no free text, no individual rows, nothing per person.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import combinations
from zoneinfo import ZoneInfo

from django.db.models import Avg, Count, F, Q
from django.db.models.functions import TruncWeek
from django.http import Http404
from django.utils import timezone

from selfcare.models import CheckIn
from selfcare.trend import ITEMS
from supervision.models import SupervisorAssignment
from workforce import access

MIN_GROUP = 5
ITEM_KEYS = [key for key, _, _ in ITEMS]


@dataclass
class Cell:
    n: int
    averages: dict[str, float] | None  # None: suppressed


@dataclass
class Group:
    key: str
    label: str
    cells: dict[date, Cell] = field(default_factory=dict)


@dataclass
class Summary:
    weeks: list[date]
    organization: Group
    teams: list[Group]


def _weeks(zone, count: int, now: datetime) -> tuple[list[date], datetime, datetime]:
    """The last `count` finished weeks. The week in progress is never shown: comparing it
    before and after one more check-in would reveal that person's answers."""
    today = now.astimezone(zone).date()
    this_monday = today - timedelta(days=today.weekday())
    weeks = [this_monday - timedelta(weeks=i) for i in range(count, 0, -1)]
    start = datetime.combine(weeks[0], datetime.min.time(), tzinfo=zone)
    end = datetime.combine(this_monday, datetime.min.time(), tzinfo=zone)
    return weeks, start, end


def _cell(row: dict) -> Cell:
    averages = {key: round(row[key], 1) if row[key] is not None else None for key in ITEM_KEYS}
    return Cell(n=row["n"], averages=averages if row["n"] >= MIN_GROUP else None)


def wellness_summary(*, user: object, weeks: int = 8, now: datetime | None = None) -> Summary:
    if not access.can_view_wellness_aggregates(user):
        raise Http404
    organization = access.profile_of(user).organization
    zone = ZoneInfo(organization.timezone)
    week_list, start, end = _weeks(zone, weeks, now or timezone.now())
    base = CheckIn.objects.filter(
        organization=organization, created_at__gte=start, created_at__lt=end
    )
    week = TruncWeek("created_at", tzinfo=zone)
    averages = {key: Avg(key) for key in ITEM_KEYS}

    org = Group("organization", "")
    for row in (
        base.annotate(week=week)
        .values("week")
        .annotate(n=Count("owner", distinct=True), **averages)
    ):
        org.cells[_day(row["week"])] = _cell(row)

    today = timezone.localdate(timezone=zone)
    current = Q(owner__supervisor_links__starts_on__lte=today) & (
        Q(owner__supervisor_links__ends_on__isnull=True)
        | Q(owner__supervisor_links__ends_on__gte=today)
    )
    rows = (
        base.filter(current)
        .annotate(week=week, team=F("owner__supervisor_links__supervisor_id"))
        .values("week", "team")
        .annotate(n=Count("owner", distinct=True), **averages)
    )
    teams: dict[int, Group] = {}
    for row in rows:
        group = teams.setdefault(row["team"], Group(f"team-{row['team']}", ""))
        cell = _cell(row)
        org_n = org.cells.get(_day(row["week"]), Cell(0, None)).n
        if 0 < org_n - cell.n < MIN_GROUP:
            cell.averages = None  # the rest of the organization is too few to subtract safely
        group.cells[_day(row["week"])] = cell
    _suppress_close_overlaps(teams, base, week, organization.pk, today)
    names = dict(
        access.people_visible_to(user).filter(pk__in=teams).values_list("pk", "chosen_name")
    )
    for pk, group in teams.items():
        group.label = names.get(pk, "")
    ordered = sorted(teams.values(), key=lambda g: g.label)
    return Summary(weeks=week_list, organization=org, teams=ordered)


def _day(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _suppress_close_overlaps(
    teams: dict[int, Group], base, week, organization_id: int, today: date
) -> None:
    """Two teams that share members and differ by fewer than MIN_GROUP people in a week
    would reveal those people by subtraction: suppress the smaller of the two."""
    members: dict[int, set[int]] = defaultdict(set)
    for supervisor, specialist in (
        SupervisorAssignment.objects.current(today)
        .filter(organization_id=organization_id, supervisor_id__in=teams)
        .values_list("supervisor_id", "specialist_id")
    ):
        members[supervisor].add(specialist)
    pairs = [(a, b) for a, b in combinations(sorted(members), 2) if members[a] & members[b]]
    if not pairs:
        return
    owners = set().union(*(members[a] | members[b] for a, b in pairs))
    respondents: dict[date, set[int]] = defaultdict(set)
    for row in (
        base.filter(owner_id__in=owners).annotate(week=week).values("week", "owner_id").distinct()
    ):
        respondents[_day(row["week"])].add(row["owner_id"])
    for a, b in pairs:
        for day, people in respondents.items():
            in_a, in_b = people & members[a], people & members[b]
            if 0 < len(in_a ^ in_b) < MIN_GROUP:
                smaller = a if (len(in_a), a) < (len(in_b), b) else b
                cell = teams[smaller].cells.get(day)
                if cell:
                    cell.averages = None
