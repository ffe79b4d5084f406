"""Anonymous team wellness for program managers: weekly averages that no one can be picked
out of, not even whether they checked in.

A careful viewer knows every team's membership and everyone's roles, may have checked in
themselves, can compare groups and weeks, and knows these rules. Each rule below closes one way
such a viewer could learn what one person did; the team wellbeing page says them in plain words.

1. **Membership first, never from check-ins.** A finished week's members are the people on
   staff when it is frozen (beat freezes each week within the hour after it ends) who joined
   before it ended and do not hold a role that opens this page; a team is the members whose
   supervisor assignment covers the week's last day. Only members' check-ins count. So a leaver
   counts (or not) whether or not they checked in, and two teams that differ by one person differ
   the same way whatever that person did.
2. **Pieces, not just groups.** A viewer can add and subtract the groups shown (the organization
   minus a team is "everyone else"; two overlapping teams leave the few in one but not the
   other), so we look at the pieces the shown teams cut the members into: people are in the same
   piece when they are in exactly the same shown teams. Every piece needs at least MIN_MEMBERS
   members (decided from membership alone), then at least MIN_GROUP people who checked in, then,
   for each item, at least MIN_GROUP who answered it. While a piece falls short, the smallest
   team that separates it is hidden (ties broken by membership, never by who took part).
3. **Showing a figure never says everyone took part.** A piece needs one member more than the
   people a figure rests on (MIN_MEMBERS = MIN_GROUP + 1), so "shown" can always mean someone
   stayed away, and no count of respondents is shown at all: a count beside a team's size would
   say who checked in.
4. **Nothing shown pins anyone's answer.** An item is hidden where the figure, rounded as shown,
   would tell someone where the others' answers lie: when every person's own average rounds to
   the shown value, when a piece all answered alike, or when the shown average sits so close to
   the bottom or top of the scale that every other person's average must fall within one point
   of it.
5. **Nobody sees a figure their own check-ins are part of.** Members are stored with each
   frozen week; a week in which the viewer was a member (say, a specialist since promoted to
   program manager) is not shown to them: "average × count − my answer" would give the others'.
6. **Frozen, finished, contiguous.** A week is computed once, after it ends, and never changes
   (comparing it before and after one more check-in would reveal that person). Each week runs
   from the end of the week before it, so a change of the organization's time zone never makes
   two weeks overlap or leaves a gap.

No free text, no individual rows, nothing per person ever leaves this module; the members stored
with a week are who was counted as staff, never who checked in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import overload
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Avg
from django.http import Http404
from django.utils import timezone

from core import versions
from selfcare.models import CheckIn, WellnessWeek, WellnessWeekMember
from selfcare.trend import ITEMS
from supervision.models import SupervisorAssignment
from workforce import access
from workforce.models import Organization, StaffProfile
from workforce.selectors import active_staff

MIN_GROUP = 5  # people behind any figure
MIN_MEMBERS = MIN_GROUP + 1  # members of any piece, so a figure never means "all of them"
WEEKS_SHOWN = 8
ITEM_KEYS = [key for key, _, _ in ITEMS]
SCALE = (1, 5)
SHOWN_DECIMALS = 1


@dataclass
class Cell:
    averages: dict[str, float | None] | None  # None: the whole cell is hidden


@dataclass
class Group:
    key: str
    label: str
    cells: dict[date, Cell] = field(default_factory=dict)


@dataclass
class Summary:
    weeks: list[date]
    organization: Group
    teams: Sequence[Group]
    own_weeks: set[date] = field(default_factory=set)  # hidden from this viewer (rule 5)
    kept: versions.Kept | None = None  # where it is kept, with what is rendered from it


def finished_weeks(zone: ZoneInfo, count: int, now: datetime) -> list[date]:
    """The Mondays of the last `count` finished weeks, oldest first."""
    today = now.astimezone(zone).date()
    this_monday = today - timedelta(days=today.weekday())
    return [this_monday - timedelta(weeks=i) for i in range(count, 0, -1)]


def wellness_summary(
    *, user: object, weeks: int = WEEKS_SHOWN, now: datetime | None = None
) -> Summary:
    if not access.can_view_wellness_aggregates(user):
        raise Http404
    viewer = access.profile_of(user)
    organization = viewer.organization
    week_list = finished_weeks(ZoneInfo(organization.timezone), weeks, now or timezone.now())
    # Finished weeks never change (rule 6): what is left to change is who the teams' leads
    # are called and what the viewer may see, so the summary is kept until staff change.
    kept = versions.Kept(
        f"wellness-summary:{viewer.pk}:{week_list[0]}:{week_list[-1]}",
        organization.pk,
        ("people", "wellbeing"),
    )
    summary = kept.get(lambda: _summary(user, viewer, organization, week_list))
    summary.kept = kept
    return summary


def _summary(
    user: object, viewer: StaffProfile, organization: Organization, week_list: list[date]
) -> Summary:
    ensure_weeks(organization, week_list)
    # The weeks the viewer was counted in, once (not a subquery for each of the rows).
    own = set(
        WellnessWeekMember.objects.filter(
            person=viewer,
            week__organization=organization,
            week__supervisor=None,
            week__week_start__in=week_list,
        ).values_list("week__week_start", flat=True)
    )
    org = Group("organization", organization.name)
    cells: dict[int, dict[int, tuple | None]] = {}  # Teams' form: team → day → averages
    rows = (
        WellnessWeek.objects.filter(organization=organization, week_start__in=week_list)
        .order_by()
        .values_list("week_start", "supervisor_id", "shown", *ITEM_KEYS)
    )
    for week_start, supervisor_id, shown, *averages in rows:
        hidden = week_start in own or not shown
        if supervisor_id is None:
            org.cells[week_start] = Cell(None if hidden else _averages(averages))
        else:
            day = week_start.toordinal()
            cells.setdefault(supervisor_id, {})[day] = None if hidden else tuple(averages)
    names = dict(
        access.people_visible_to(user).filter(pk__in=cells).values_list("pk", "chosen_name")
    )
    labels = [(pk, names.get(pk, "")) for pk in cells]
    labels.sort(key=lambda team: (team[1].casefold(), f"team-{team[0]}"))
    teams = Teams(labels, cells)
    return Summary(weeks=week_list, organization=org, teams=teams, own_weeks=own)


def _averages(values: Sequence[float | None] | None) -> dict[str, float | None] | None:
    return None if values is None else dict(zip(ITEM_KEYS, values, strict=True))


class Teams(Sequence[Group]):
    """The teams in name order, each built when read. A summary of 500 teams is kept in the
    cache as plain tuples: reading 4,000 cell objects back took longer than the page, which
    shows 25 teams."""

    def __init__(self, labels: list[tuple[int, str]], cells: dict[int, dict[int, tuple | None]]):
        self.labels = labels
        self.cells = cells

    def __len__(self) -> int:
        return len(self.labels)

    @overload
    def __getitem__(self, index: int) -> Group: ...
    @overload
    def __getitem__(self, index: slice) -> list[Group]: ...
    def __getitem__(self, index: int | slice) -> Group | list[Group]:
        if isinstance(index, slice):
            return [self._group(*team) for team in self.labels[index]]
        return self._group(*self.labels[index])

    def _group(self, pk: int, label: str) -> Group:
        cells = {
            date.fromordinal(day): Cell(_averages(averages))
            for day, averages in self.cells[pk].items()
        }
        return Group(f"team-{pk}", label, cells)


# --- freezing finished weeks -----------------------------------------------------------------


def ensure_weeks(organization: Organization, weeks: Iterable[date]) -> int:
    """Compute and store the finished weeks that have not been computed yet. Serialized per
    organization, so two managers opening the page at once store each week once."""
    wanted = set(weeks)
    done = _computed(organization, wanted)
    if wanted <= done:
        return 0
    with transaction.atomic():
        Organization.objects.select_for_update().filter(pk=organization.pk).first()
        missing = sorted(wanted - _computed(organization, wanted))
        for week in missing:
            week_freeze(organization, week)
    return len(missing)


def _computed(organization: Organization, weeks: set[date]) -> set[date]:
    return set(
        WellnessWeek.objects.filter(
            organization=organization, supervisor__isnull=True, week_start__in=weeks
        ).values_list("week_start", flat=True)
    )


def week_freeze(organization: Organization, monday: date) -> list[WellnessWeek]:
    """Compute one finished week and store its rows and its members (in the caller's
    transaction)."""
    rows, members = compute_week(organization, monday)
    WellnessWeek.objects.bulk_create(rows)
    org_row = next(row for row in rows if row.supervisor_id is None)
    if org_row.pk is None:  # backends that don't return ids from bulk inserts
        org_row = WellnessWeek.objects.get(
            organization=organization, week_start=monday, supervisor__isnull=True
        )
    WellnessWeekMember.objects.bulk_create(
        WellnessWeekMember(week_id=org_row.pk, person_id=pk) for pk in sorted(members)
    )
    return rows


def week_window(organization: Organization, monday: date) -> tuple[datetime, datetime]:
    """The week's instants: Monday 00:00 to Monday 00:00 in the organization's zone, except
    that it starts where the week before it ended (after a change of zone, no overlap, no gap)."""
    zone = ZoneInfo(organization.timezone)
    start = datetime.combine(monday, datetime.min.time(), tzinfo=zone)
    end = datetime.combine(monday + timedelta(days=7), datetime.min.time(), tzinfo=zone)
    before = (
        WellnessWeek.objects.filter(
            organization=organization,
            supervisor__isnull=True,
            week_start__lt=monday,
            ends_at__isnull=False,
        )
        .order_by("-week_start")
        .values_list("week_start", "ends_at")
        .first()
    )
    if before and before[0] == monday - timedelta(days=7):
        start = before[1]
    return start, max(start, end)


def week_membership(
    organization: Organization, monday: date, end: datetime
) -> tuple[set[int], dict[int, set[int]]]:
    """Rule 1: the week's members and its teams (supervisor id -> members), from staff records
    and assignments only."""
    members = set(
        active_staff(organization_id=organization.pk)
        .filter(created_at__lt=end)
        .exclude(role_grants__role__in=access.WELLNESS_AGGREGATE_ROLES)
        .values_list("pk", flat=True)
    )
    teams: dict[int, set[int]] = defaultdict(set)
    for supervisor, specialist in (
        SupervisorAssignment.objects.current(monday + timedelta(days=6))
        .filter(organization=organization)
        .values_list("supervisor_id", "specialist_id")
    ):
        if specialist in members:
            teams[supervisor].add(specialist)
    return members, dict(teams)


def compute_week(organization: Organization, monday: date) -> tuple[list[WellnessWeek], set[int]]:
    """The rows to store for one finished week (the organization's and one per team with at
    least MIN_MEMBERS members), and the week's members."""
    start, end = week_window(organization, monday)
    members, teams = week_membership(organization, monday, end)
    teams = {pk: people for pk, people in teams.items() if len(people) >= MIN_MEMBERS}
    # Each member's own average per item over the week, in SQL: someone who checks in every
    # day counts once, like everyone else.
    per_person = [
        row
        for row in CheckIn.objects.filter(
            organization=organization, created_at__gte=start, created_at__lt=end
        )
        .values("owner_id")
        .annotate(**{key: Avg(key) for key in ITEM_KEYS})
        .order_by()
        if row["owner_id"] in members
    ]
    scores = {
        key: {row["owner_id"]: row[key] for row in per_person if row[key] is not None}
        for key in ITEM_KEYS
    }
    decision = decide(members, teams, {row["owner_id"] for row in per_person}, scores)

    def row(supervisor_id: int | None) -> WellnessWeek:
        stored = WellnessWeek(
            organization=organization, week_start=monday, starts_at=start, ends_at=end
        )
        stored.supervisor_id = supervisor_id
        stored.shown = decision.shows(supervisor_id)
        if stored.shown:
            group = members if supervisor_id is None else teams[supervisor_id]
            for key in ITEM_KEYS:
                if decision.shows(supervisor_id, key):
                    setattr(stored, key, shown_value(group, scores[key]))
        return stored

    return [row(None)] + [row(pk) for pk in sorted(teams)], members


# --- what may be shown: pure functions of membership, participation and answers --------------


@dataclass
class Decision:
    """What may be shown: the organization (None) and team ids, as a whole and per item."""

    groups: set[int | None]
    items: dict[str, set[int | None]]

    def shows(self, group: int | None, item: str | None = None) -> bool:
        return group in (self.groups if item is None else self.items[item])


def decide(
    members: set[int],
    teams: dict[int, set[int]],
    respondents: set[int],
    scores: dict[str, dict[int, float]],
) -> Decision:
    """Rules 1–4 for one week. `teams` hold members only; `scores[item]` maps each member who
    answered the item to their own average over the week."""
    by_membership = shown_groups(members, teams, members)
    teams = {pk: teams[pk] for pk in by_membership if pk is not None}
    groups = shown_groups(members, teams, respondents) if by_membership else set()
    teams = {pk: teams[pk] for pk in groups if pk is not None}
    items = {}
    for key, answered in scores.items():
        shown = shown_groups(members, teams, set(answered), answered) if groups else set()
        items[key] = {
            group
            for group in shown
            if not pins_an_answer(members if group is None else teams[group], answered)
        }
    return Decision(groups=groups, items=items)


def shown_groups(
    members: set[int],
    teams: dict[int, set[int]],
    counted: set[int],
    scores: dict[int, float] | None = None,
) -> set[int | None]:
    """Which groups may be shown (None: the organization): every piece the shown teams cut the
    members into needs MIN_MEMBERS members and MIN_GROUP people in `counted` (and, with
    `scores`, not all alike). While one falls short, hide the smallest team that separates it,
    or everything when no team is left. Ties are broken by membership only."""
    if not members:
        return set()
    shown = set(teams)
    teams_of: dict[int, list[int]] = defaultdict(list)
    for pk, people in teams.items():
        for person in people:
            teams_of[person].append(pk)
    while True:
        pieces: dict[frozenset[int], list[int]] = defaultdict(list)
        for person in members:
            pieces[frozenset(pk for pk in teams_of[person] if pk in shown)].append(person)
        bad = [key for key, people in pieces.items() if not _safe(people, counted, scores)]
        if not bad:
            return {None} | shown
        piece = min(bad, key=lambda key: (len(pieces[key]), sorted(key)))
        # People in no shown team ("everyone else") grow when any team is hidden; people in
        # some teams merge with a neighbour when one of their teams is hidden.
        candidates = piece or shown
        if not candidates:
            return set()
        shown.discard(min(candidates, key=lambda pk: (len(teams[pk]), pk)))


def _safe(people: list[int], counted: set[int], scores: dict[int, float] | None) -> bool:
    if len(people) < MIN_MEMBERS:
        return False
    inside = [person for person in people if person in counted]
    if len(inside) < MIN_GROUP:
        return False
    return scores is None or len({scores[person] for person in inside}) > 1


def shown_value(group: set[int], scores: dict[int, float]) -> float:
    values = [score for person, score in scores.items() if person in group]
    return round(sum(values) / len(values), SHOWN_DECIMALS)


def pins_an_answer(group: set[int], scores: dict[int, float]) -> bool:
    """Rule 4: would the shown figure tell someone where the others' answers lie?"""
    values = [score for person, score in scores.items() if person in group]
    shown = shown_value(group, scores)
    if all(round(value, SHOWN_DECIMALS) == shown for value in values):
        return True
    low, high = shown_bounds(shown, len(values))
    return high < SCALE[0] + 1 or low > SCALE[1] - 1


def shown_bounds(shown: float, people: int) -> tuple[float, float]:
    """The least and most any one person's own average can be, given a shown average of
    `people` people's averages on the scale (everyone else at the opposite end). Computed for
    the number really behind the figure: a viewer, who only knows it is at least MIN_GROUP and
    at most the group's size, can pin less than this."""
    half = 0.5 * 10**-SHOWN_DECIMALS
    low_total, high_total = people * (shown - half), people * (shown + half)
    return (
        max(SCALE[0], low_total - (people - 1) * SCALE[1]),
        min(SCALE[1], high_total - (people - 1) * SCALE[0]),
    )
