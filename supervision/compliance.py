"""Supervision compliance for program managers, computed in SQL: for each specialist with a
current supervisor, the sessions and minutes held in a period against what their cadence
expects, the period before (the trend), the last time they met, and whether supervision is
overdue; and the same per team (each primary supervisor's people).

"Overdue" means no held session within the cadence (e.g. nothing in the last 14 days for
"every 2 weeks"): it is about the schedule, not the person, and goes to managers only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least, TruncDate
from django.utils import timezone as django_timezone

from core import versions
from supervision.models import (
    CadenceUnit,
    SessionParticipant,
    SupervisionKind,
    SupervisorAssignment,
)
from workforce import access
from workforce.models import EmploymentStatus, StaffProfile
from workforce.validators import zone_of

PAGE_SIZE = 50
DEFAULT_DAYS = 28  # the period the page opens on
# What the cached figures rest on (core.versions): people, their status and roles, the
# organization's time zone; assignments and sessions.
TOPICS = ("people", "supervision")
SORTS = {
    "overdue": (F("last_held_at").asc(nulls_first=True), "chosen_name", "id"),
    "name": ("chosen_name", "id"),
    "hours": (F("held_minutes").asc(), "chosen_name", "id"),
}


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def previous(self) -> Period:
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def bounds(self, zone_name: str) -> tuple[datetime, datetime]:
        zone = zone_of(zone_name)
        return (
            datetime.combine(self.start, time.min, tzinfo=zone),
            datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=zone),
        )


class DaysBetween(Func):
    """Whole days from the first date to the second (second − first), on both databases."""

    arg_joiner = " - "
    template = "(%(expressions)s)"  # PostgreSQL: date − date is a number of days
    output_field = IntegerField()

    def __init__(self, start, end) -> None:
        super().__init__(end, start)

    def as_sqlite(self, compiler, connection, **extra):
        end, start = self.get_source_expressions()
        end_sql, end_params = compiler.compile(end)
        start_sql, start_params = compiler.compile(start)
        sql = f"CAST(julianday({end_sql}) - julianday({start_sql}) AS INTEGER)"
        return sql, (*end_params, *start_params)


def organization_today(user: object) -> date:
    """Today in the caller's organization: the days periods and "overdue" are counted in
    (not the viewer's own zone, nor UTC for an API token)."""
    zone = zone_of(access.require_profile(user).organization.timezone)
    return django_timezone.now().astimezone(zone).date()


def cadence_days() -> Case:
    return Case(
        When(cadence_unit=CadenceUnit.WEEKS, then=F("cadence_every") * 7),
        default=F("cadence_every") * 30,
        output_field=IntegerField(),
    )


def _current(on: date) -> QuerySet[SupervisorAssignment]:
    return SupervisorAssignment.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=on), starts_on__lte=on
    )


def _held(low: datetime, high: datetime, zone: str) -> QuerySet[SessionParticipant]:
    """The enclosing person's held sessions in [low, high) (participant_held_idx) on days
    supervision was expected of them: a session before their first assignment is counted
    against nothing, so it isn't counted either."""
    return (
        SessionParticipant.objects.filter(person=OuterRef("pk"), held_at__gte=low, held_at__lt=high)
        .annotate(day=TruncDate("held_at", tzinfo=zone_of(zone)))
        .filter(day__gte=OuterRef("supervised_since"))
    )


def _sum(rows: QuerySet, expression) -> Coalesce:
    total = rows.order_by().values("person").annotate(total=expression).values("total")
    return Coalesce(Subquery(total[:1]), Value(0))


def people(
    *, user: object, period: Period, today: date, team: str = "", overdue_only: bool = False
) -> QuerySet[StaffProfile]:
    """Specialists with a current supervisor whom `user` may see, annotated: `cadence_days`
    (the shortest of their assignments'), `expected_minutes` in the period, `held_sessions`,
    `held_minutes`, `previous_minutes` (the period before), `last_held_at`, `team` (the
    primary supervisor's id)."""
    organization = access.require_profile(user).organization
    zone = organization.timezone
    rows = annotated(access.people_visible_to(user), period=period, today=today, zone=zone)
    if team.isascii() and team.isdigit():
        rows = rows.filter(team=int(team))
    if overdue_only:
        rows = rows.filter(overdue_q(organization.pk, today, zone))
    return rows


def overdue_count(organization_id: int, zone: str, today: date) -> int:
    """How many of an organization's specialists are overdue (the managers' weekly note)."""
    base = StaffProfile.objects.filter(organization_id=organization_id)
    rows = annotated(base, period=Period(today, today), today=today, zone=zone)
    return rows.filter(overdue_q(organization_id, today, zone)).count()


def _first_start(*, same_kind: bool, today: date) -> Subquery:
    """When supervision (of this kind, for `same_kind`) was first expected of the person,
    whoever the supervisor: a reassignment carries on what was expected, it doesn't restart
    it. Outer rows are profiles, or assignments for `same_kind`."""
    match = (
        {"specialist": OuterRef("specialist"), "kind": OuterRef("kind")}
        if same_kind
        else {"specialist": OuterRef("pk")}
    )
    first = (
        SupervisorAssignment.objects.filter(
            cadence_every__isnull=False, starts_on__lte=today, **match
        )
        .order_by()
        .values("specialist")
        .annotate(d=Min("starts_on"))
        .values("d")
    )
    return Subquery(first[:1], output_field=DateField())


def annotated(
    base: QuerySet[StaffProfile], *, period: Period, today: date, zone: str
) -> QuerySet[StaffProfile]:
    low, high = period.bounds(zone)
    prev_low, prev_high = period.previous.bounds(zone)
    assignments = _current(today).filter(specialist=OuterRef("pk"), cadence_every__isnull=False)
    # Days of the period each assignment's cadence covers: from the later of the period's
    # first day and when that kind of supervision was first expected of the person (someone
    # assigned last week isn't expected a month's supervision; someone whose supervisor
    # changed last week still is).
    covered = Greatest(
        Value(0),
        Least(
            Value(period.days),
            DaysBetween(_first_start(same_kind=True, today=today), Value(period.end)) + 1,
        ),
    )
    expected = (
        assignments.order_by()
        .values("specialist")
        .annotate(
            m=Sum(
                Cast("cadence_minutes", FloatField())
                * Cast(covered, FloatField())
                / Cast(cadence_days(), FloatField())
            )
        )
        .values("m")
    )
    shortest = (
        assignments.order_by().values("specialist").annotate(d=Min(cadence_days())).values("d")
    )
    primary = _current(today).filter(specialist=OuterRef("pk"), kind=SupervisionKind.PRIMARY)
    last = (  # the newest entry of participant_held_idx for the person
        SessionParticipant.objects.filter(person=OuterRef("pk"), held_at__isnull=False)
        .order_by("-held_at")
        .values("held_at")
    )
    return (
        base.filter(user__is_active=True)
        .filter(Exists(_current(today).filter(specialist=OuterRef("pk"))))
        .exclude(employment_status=EmploymentStatus.LEFT)
        .defer("emergency_contact")  # encrypted, never shown here: don't decrypt it
        .annotate(supervised_since=_first_start(same_kind=False, today=today))
        .annotate(
            cadence_days=Subquery(shortest[:1]),
            expected_minutes=Coalesce(Subquery(expected[:1]), Value(0.0)),
            held_sessions=_sum(_held(low, high, zone), Count("id")),
            held_minutes=_sum(_held(low, high, zone), Sum("held_minutes")),
            previous_minutes=_sum(_held(prev_low, prev_high, zone), Sum("held_minutes")),
            last_held_at=Subquery(last[:1]),
            team=Subquery(primary.order_by("starts_on").values("supervisor_id")[:1]),
        )
    )


def overdue_q(organization_id: int, today: date, zone_name: str) -> Q:
    """Nothing held within the cadence, for someone supervised for longer than that: one
    condition per cadence the organization uses (a handful; a person's is the shortest of
    theirs, so one of these), so it stays plain SQL on both databases."""
    lengths = set(
        SupervisorAssignment.objects.filter(
            organization_id=organization_id, cadence_every__isnull=False
        )
        .annotate(days=cadence_days())
        .values_list("days", flat=True)
        .distinct()
    )
    start_of_today = datetime.combine(today, time.min, tzinfo=zone_of(zone_name))
    q = Q(pk__in=[])
    for days in sorted(lengths):
        since = start_of_today - timedelta(days=days)
        q |= Q(cadence_days=days, supervised_since__lt=today - timedelta(days=days)) & (
            Q(last_held_at__isnull=True) | Q(last_held_at__lt=since)
        )
    return q


@dataclass
class PeoplePage:
    page: Page
    rows: list[Row]
    kept: versions.Kept  # where the rows' rendered table is kept with them


def people_page(
    *,
    user: object,
    period: Period,
    today: date,
    number: object,
    team: str = "",
    overdue_only: bool = False,
    sort: str = "overdue",
) -> PeoplePage:
    """A page of `people()` sorted by `sort`, and its rows. The sorted ids come first (the
    sub-queries the sort and filters don't need don't run for the rows OFFSET skips), then
    the page's people with all their figures. Both are kept until supervision or staff
    change: 5,000 people cost 16 ms of SQL for the ids alone (bench/load.py)."""
    organization = access.require_profile(user).organization
    # What people() filters on, one spelling each; anything else is no filter.
    team = str(int(team)) if team.isascii() and team.isdigit() else ""
    sort = sort if sort in SORTS else "overdue"
    kept = versions.Kept(
        f"compliance:{viewer_key(user)}:{today}:{period.start}:{period.end}:{team}:"
        f"{overdue_only:d}:{sort}",
        organization.pk,
        TOPICS,
        keep=period == default_period(today),  # any other period: computed, not kept
    )

    def rows() -> QuerySet[StaffProfile]:
        found = people(user=user, period=period, today=today, team=team, overdue_only=overdue_only)
        return found.order_by(*SORTS[sort])

    def page_rows(ids: list[int]) -> list[Row]:
        # Names only: what is kept (core.versions) holds nothing else about anyone.
        people_read = rows().filter(pk__in=ids).only("id", "chosen_name")
        by_id = {person.pk: person for person in people_read}
        return rows_for([by_id[pk] for pk in ids], today, organization.timezone, period)

    # All the ids at once (5,000 integers): the page count comes with them, no COUNT query
    # computing every figure a second time.
    ids = kept.part("ids").get(lambda: list(rows().values_list("pk", flat=True)))
    page = Paginator(ids, PAGE_SIZE).get_page(number)
    chosen = list(page.object_list)
    kept = kept.part(page.number)
    return PeoplePage(page, kept.part("rows").get(lambda: page_rows(chosen)), kept.part("html"))


def viewer_key(user: object) -> str:
    """Whose view a kept figure is: the people the viewer may read (a role change bumps
    "people"; supervision, whose assignments decide a supervisor's people, is a topic of
    every figure here). The figures show nothing else about who reads them, so every manager
    who reads the whole organization shares them, and the first computes them for all."""
    profile = access.require_profile(user)
    return access.people_scope(user) or f"person-{profile.pk}"


@dataclass
class Row:
    person: StaffProfile
    supervisors: list[str]
    expected_minutes: int
    held_sessions: int
    held_minutes: int
    previous_minutes: int
    days_since: int | None
    cadence_days: int | None
    supervised_days: int = 0  # since supervision was first expected of them
    new_in_period: bool = False  # not yet expected of them when the period before began

    @property
    def overdue(self) -> bool:
        """As overdue_q: nothing within the cadence, once the cadence has had time to run."""
        if not self.cadence_days or self.supervised_days <= self.cadence_days:
            return False
        return self.days_since is None or self.days_since > self.cadence_days

    @property
    def percent(self) -> int | None:
        return percent_of(self.held_minutes, self.expected_minutes)

    @property
    def well_above(self) -> bool:
        return well_above(self.held_minutes, self.expected_minutes)

    @property
    def trend(self) -> str:
        """Against the period before; "new" when supervision wasn't yet expected of them
        for all of it (a comparison with a shorter period says nothing)."""
        if self.new_in_period:
            return "new"
        if self.held_minutes > self.previous_minutes:
            return "up"
        if self.held_minutes < self.previous_minutes:
            return "down"
        return "same"


def rows_for(
    people_page: list[StaffProfile], today: date, zone_name: str, period: Period | None = None
) -> list[Row]:
    """The page's people as rows, with their current supervisors' names (one query)."""
    zone = zone_of(zone_name)
    names: dict[int, list[str]] = {}
    links = (
        _current(today)
        .filter(specialist__in=people_page)
        .select_related("supervisor")
        .order_by("kind", "starts_on")
    )
    for link in links:
        names.setdefault(link.specialist_id, []).append(link.supervisor.chosen_name)
    result = []
    for person in people_page:
        last = person.last_held_at
        days = (today - last.astimezone(zone).date()).days if last else None
        result.append(
            Row(
                person=person,
                supervisors=names.get(person.pk, []),
                expected_minutes=round(person.expected_minutes or 0),
                held_sessions=person.held_sessions,
                held_minutes=person.held_minutes,
                previous_minutes=person.previous_minutes,
                days_since=days,
                cadence_days=person.cadence_days,
                supervised_days=(today - person.supervised_since).days
                if person.supervised_since
                else 0,
                new_in_period=period is not None
                and person.supervised_since is not None
                and person.supervised_since > period.previous.start,
            )
        )
    return result


@dataclass
class Team:
    supervisor: StaffProfile
    people: int
    overdue: int
    held_minutes: int
    expected_minutes: int

    @property
    def percent(self) -> int | None:
        return percent_of(self.held_minutes, self.expected_minutes)

    @property
    def well_above(self) -> bool:
        return well_above(self.held_minutes, self.expected_minutes)


# Held minutes above this share of the expected ones read "well above the cadence": a
# percentage that large says more about a short window than about the supervision.
WELL_ABOVE = 1.5


def percent_of(held: int, expected: int) -> int | None:
    if not expected:
        return None
    return round(100 * held / expected)


def well_above(held: int, expected: int) -> bool:
    return bool(expected) and held > WELL_ABOVE * expected


def team_leads(*, user: object, today: date) -> list[tuple[int, str]]:
    """Primary supervisors with someone currently assigned, as (id, name): the team filter's
    choices (500 in a large organization), kept until supervision or staff change."""

    def compute() -> list[tuple[int, str]]:
        leads = _current(today).filter(kind=SupervisionKind.PRIMARY).values("supervisor_id")
        rows = access.people_visible_to(user).filter(pk__in=leads).order_by("chosen_name", "id")
        return list(rows.values_list("id", "chosen_name"))

    return versions.cached(
        f"compliance-leads:{viewer_key(user)}:{today}",
        compute,
        organization_id=access.require_profile(user).organization_id,
        topics=TOPICS,
    )


def teams(*, user: object, period: Period, today: date) -> list[Team]:
    """Each primary supervisor's people, summed in SQL (two queries), kept until supervision
    or staff change (for the default period)."""
    kept = versions.Kept(
        f"compliance-teams:{viewer_key(user)}:{today}:{period.start}:{period.end}",
        access.require_profile(user).organization_id,
        TOPICS,
        keep=period == default_period(today),
    )
    return kept.get(lambda: _teams(user=user, period=period, today=today))


def default_period(today: date) -> Period:
    """The period the page opens on: the last four weeks, today included. Only its figures
    are kept; another period is computed each time (a key per period would let anyone fill
    the cache)."""
    return Period(today - timedelta(days=DEFAULT_DAYS - 1), today)


def _teams(*, user: object, period: Period, today: date) -> list[Team]:
    organization = access.require_profile(user).organization
    rows = people(user=user, period=period, today=today)
    overdue = overdue_q(organization.pk, today, organization.timezone)
    grouped = (
        rows.order_by()
        .values("team")
        .annotate(
            n=Count("id"),
            late=Sum(Case(When(overdue, then=1), default=0, output_field=IntegerField())),
            held=Sum("held_minutes"),
            expected=Sum("expected_minutes"),
        )
    )
    grouped = list(grouped)
    # Their names only: what is kept (core.versions) holds nothing else about anyone.
    supervisors = StaffProfile.objects.only("id", "chosen_name").in_bulk(
        [g["team"] for g in grouped if g["team"]]
    )
    result = [
        Team(
            supervisor=supervisors[g["team"]],
            people=g["n"],
            overdue=g["late"] or 0,
            held_minutes=g["held"] or 0,
            expected_minutes=round(g["expected"] or 0),
        )
        for g in grouped
        if g["team"] in supervisors
    ]
    return sorted(result, key=lambda t: (-t.overdue, t.supervisor.chosen_name))
