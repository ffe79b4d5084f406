"""Anonymous team wellness for program managers: weekly averages that no one can be picked
out of.

How a finished week is computed (once, then frozen in WellnessWeek):
1. In SQL, each person's average per item over the week: someone who checks in every day
   counts once, like everyone else.
2. The groups are the whole organization and every supervision team with at least MIN_GROUP
   members at the end of that week (teams are built from supervisor assignments, so a team's
   row never depends on whether anyone checked in).
3. Suppression. A manager can add and subtract the groups they see: the organization minus
   two separate teams is "everyone else", two overlapping teams leave "the few in one but not
   the other". So we look at the pieces the shown groups cut the respondents into (people
   are in the same piece when they are in exactly the same shown groups, and people in no
   shown team are the piece "everyone else"). Every piece must hold at least MIN_GROUP
   people; while one does not, the smallest team that separates it is hidden. This is
   done for the people who checked in (for the counts) and again for each item (people may
   skip an item), and a group under MIN_GROUP is never shown.
   Membership is checked first, whoever checked in, so that comparing two teams never tells
   whether one person took part; an item is hidden when its piece all answered alike (the
   average would be each person's own answer); program managers' own check-ins are left out
   (a viewer among five could subtract themselves).
4. Only what may be shown is stored; the week in progress is never shown (comparing it
   before and after one more check-in would reveal that person).

No free text, no individual rows, nothing per person ever leaves this module.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Avg
from django.http import Http404
from django.utils import timezone

from selfcare.models import CheckIn, WellnessWeek
from selfcare.trend import ITEMS
from supervision.models import SupervisorAssignment
from workforce import access
from workforce.models import Organization, Role
from workforce.selectors import active_staff

MIN_GROUP = 5
WEEKS_SHOWN = 8
ITEM_KEYS = [key for key, _, _ in ITEMS]


@dataclass
class Cell:
    n: int | None  # None: hidden
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
    teams: list[Group]


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
    organization = access.profile_of(user).organization
    week_list = finished_weeks(ZoneInfo(organization.timezone), weeks, now or timezone.now())
    ensure_weeks(organization, week_list)

    org = Group("organization", organization.name)
    teams: dict[int, Group] = {}
    for row in WellnessWeek.objects.filter(
        organization=organization, week_start__in=week_list
    ).order_by():
        cell = _cell(row)
        if row.supervisor_id is None:
            org.cells[row.week_start] = cell
        else:
            group = teams.setdefault(row.supervisor_id, Group(f"team-{row.supervisor_id}", ""))
            group.cells[row.week_start] = cell
    names = dict(
        access.people_visible_to(user).filter(pk__in=teams).values_list("pk", "chosen_name")
    )
    for pk, group in teams.items():
        group.label = names.get(pk, "")
    ordered = sorted(teams.values(), key=lambda g: (g.label.casefold(), g.key))
    return Summary(weeks=week_list, organization=org, teams=ordered)


def _cell(row: WellnessWeek) -> Cell:
    if row.respondents is None:
        return Cell(n=None, averages=None)
    return Cell(n=row.respondents, averages={key: getattr(row, key) for key in ITEM_KEYS})


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
            WellnessWeek.objects.bulk_create(compute_week(organization, week))
    return len(missing)


def _computed(organization: Organization, weeks: set[date]) -> set[date]:
    return set(
        WellnessWeek.objects.filter(
            organization=organization, supervisor__isnull=True, week_start__in=weeks
        ).values_list("week_start", flat=True)
    )


def compute_week(organization: Organization, monday: date) -> list[WellnessWeek]:
    """The rows to store for one finished week: the organization's and one per team."""
    zone = ZoneInfo(organization.timezone)
    start = datetime.combine(monday, datetime.min.time(), tzinfo=zone)
    end = datetime.combine(monday + timedelta(days=7), datetime.min.time(), tzinfo=zone)
    # Step 1, in SQL: one row per person, their own average per item over the week. Program
    # managers' own check-ins are left out: a viewer inside a group of five could subtract
    # their own answers and see the average of the other four.
    per_person = list(
        CheckIn.objects.filter(organization=organization, created_at__gte=start, created_at__lt=end)
        .exclude(owner__role_grants__role=Role.PROGRAM_MANAGER)
        .values("owner_id")
        .annotate(**{key: Avg(key) for key in ITEM_KEYS})
        .order_by()
    )
    everyone = {row["owner_id"] for row in per_person}
    answered = {
        key: {row["owner_id"]: row[key] for row in per_person if row[key] is not None}
        for key in ITEM_KEYS
    }
    # Step 2: which groups may be shown. First by membership alone, whoever checked in (so
    # comparing two teams never tells whether one person took part), then by respondents,
    # then per item by who answered it (and never an item whose piece all answered alike).
    # People who have left or lost access can't take part: counting them would make a piece
    # look bigger than the people who could really be in it.
    staff = everyone | set(
        active_staff(organization_id=organization.pk)
        .exclude(role_grants__role=Role.PROGRAM_MANAGER)
        .values_list("pk", flat=True)
    )
    teams = _teams(organization, monday + timedelta(days=6), staff)
    _, by_membership = shown_groups(staff, teams)
    org_shown, teams_shown = shown_groups(everyone, _only(teams, by_membership))
    item_shown = {
        key: shown_groups(set(answered[key]), _only(teams, teams_shown), scores=answered[key])
        for key in ITEM_KEYS
    }

    def row(supervisor_id: int | None, members: set[int] | None) -> WellnessWeek:
        stored = WellnessWeek(organization=organization, week_start=monday)
        stored.supervisor_id = supervisor_id
        if not (org_shown if supervisor_id is None else supervisor_id in teams_shown):
            return stored  # hidden: nothing but the fact that the week was computed
        stored.respondents = len(everyone if members is None else everyone & members)
        for key in ITEM_KEYS:
            org_ok, team_ok = item_shown[key]
            if org_ok if supervisor_id is None else supervisor_id in team_ok:
                scores = [
                    score
                    for owner, score in answered[key].items()
                    if members is None or owner in members
                ]
                setattr(stored, key, round(sum(scores) / len(scores), 1))
        return stored

    return [row(None, None)] + [row(pk, members) for pk, members in sorted(teams.items())]


def _only(teams: dict[int, set[int]], keep: set[int]) -> dict[int, set[int]]:
    return {pk: members for pk, members in teams.items() if pk in keep}


def _teams(organization: Organization, on: date, staff: set[int]) -> dict[int, set[int]]:
    """Supervision teams with at least MIN_GROUP members on that day (a smaller team is not
    listed at all: even "not enough responses" would say too much about so few people)."""
    members: dict[int, set[int]] = defaultdict(set)
    for supervisor, specialist in (
        SupervisorAssignment.objects.current(on)
        .filter(organization=organization)
        .values_list("supervisor_id", "specialist_id")
    ):
        if specialist in staff:
            members[supervisor].add(specialist)
    return {pk: people for pk, people in members.items() if len(people) >= MIN_GROUP}


def shown_groups(
    people: set[int], teams: dict[int, set[int]], scores: dict[int, float] | None = None
) -> tuple[bool, set[int]]:
    """Which groups may be shown for these people: (the organization?, team ids).

    Every piece the shown groups cut the people into must hold at least MIN_GROUP of them
    (see the module's docstring) and, with `scores`, must not all have the same score (its
    average would then be each person's own); hide the smallest separating team until it is
    so, or the organization too when no team is left to hide.
    """
    if len(people) < MIN_GROUP:
        return False, set()
    respondents = {pk: members & people for pk, members in teams.items()}
    shown = {pk for pk, members in respondents.items() if len(members) >= MIN_GROUP}
    teams_of: dict[int, list[int]] = defaultdict(list)  # person -> their teams, for speed
    for pk in shown:
        for person in respondents[pk]:
            teams_of[person].append(pk)
    while True:
        pieces: dict[frozenset[int], list[int]] = defaultdict(list)
        for person in people:
            pieces[frozenset(pk for pk in teams_of[person] if pk in shown)].append(person)
        bad = [key for key, members in pieces.items() if not _safe(members, scores)]
        if not bad:
            return True, shown
        piece = min(bad, key=lambda key: (len(pieces[key]), sorted(key)))
        # People in no shown team ("everyone else") grow when any team is hidden; people in
        # some teams merge with a neighbour when one of their teams is hidden.
        candidates = piece or shown
        if not candidates:
            return False, set()
        shown.discard(min(candidates, key=lambda pk: (len(respondents[pk]), pk)))


def _safe(members: list[int], scores: dict[int, float] | None) -> bool:
    if len(members) < MIN_GROUP:
        return False
    return scores is None or len({scores[person] for person in members}) > 1
