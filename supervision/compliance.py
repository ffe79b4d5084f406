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
    Exists,
    F,
    FloatField,
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
from django.db.models.functions import Cast, Coalesce

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


def _held(low: datetime, high: datetime) -> QuerySet[SessionParticipant]:
    """The enclosing person's held sessions in [low, high): participant_held_idx."""
    return SessionParticipant.objects.filter(
        person=OuterRef("pk"), held_at__gte=low, held_at__lt=high
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
    if team.isdigit():
        rows = rows.filter(team=int(team))
    if overdue_only:
        rows = rows.filter(overdue_q(organization.pk, today, zone))
    return rows


def overdue_count(organization_id: int, zone: str, today: date) -> int:
    """How many of an organization's specialists are overdue (the managers' weekly note)."""
    base = StaffProfile.objects.filter(organization_id=organization_id)
    rows = annotated(base, period=Period(today, today), today=today, zone=zone)
    return rows.filter(overdue_q(organization_id, today, zone)).count()


def annotated(
    base: QuerySet[StaffProfile], *, period: Period, today: date, zone: str
) -> QuerySet[StaffProfile]:
    low, high = period.bounds(zone)
    prev_low, prev_high = period.previous.bounds(zone)
    assignments = _current(today).filter(specialist=OuterRef("pk"), cadence_every__isnull=False)
    expected = (
        assignments.order_by()
        .values("specialist")
        .annotate(
            m=Sum(
                Cast("cadence_minutes", FloatField())
                * Value(float(period.days))
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
        .annotate(
            cadence_days=Subquery(shortest[:1]),
            expected_minutes=Coalesce(Subquery(expected[:1]), Value(0.0)),
            held_sessions=_sum(_held(low, high), Count("id")),
            held_minutes=_sum(_held(low, high), Sum("held_minutes")),
            previous_minutes=_sum(_held(prev_low, prev_high), Sum("held_minutes")),
            last_held_at=Subquery(last[:1]),
            team=Subquery(primary.order_by("starts_on").values("supervisor_id")[:1]),
        )
    )


def overdue_q(organization_id: int, today: date, zone_name: str) -> Q:
    """Nothing held within the cadence: one condition per cadence the organization uses
    (a handful; a person's is the shortest of theirs, so one of these), so it stays plain
    SQL on both databases."""
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
        q |= Q(cadence_days=days) & (Q(last_held_at__isnull=True) | Q(last_held_at__lt=since))
    return q


def page_of(rows: QuerySet[StaffProfile], number: object) -> Page:
    """A page of people: its ids from the sorted rows first (the sub-queries the sort and
    filters don't need don't run for the rows OFFSET skips), then those people with all
    their figures."""
    # All the ids at once (5,000 integers): the page count comes with them, no COUNT query
    # computing every figure a second time.
    page = Paginator(list(rows.values_list("pk", flat=True)), PAGE_SIZE).get_page(number)
    by_id = {person.pk: person for person in rows.filter(pk__in=list(page.object_list))}
    page.object_list = [by_id[pk] for pk in page.object_list]
    return page


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

    @property
    def overdue(self) -> bool:
        if not self.cadence_days:
            return False
        return self.days_since is None or self.days_since > self.cadence_days

    @property
    def percent(self) -> int | None:
        if not self.expected_minutes:
            return None
        return min(999, round(100 * self.held_minutes / self.expected_minutes))

    @property
    def trend(self) -> str:
        if self.held_minutes > self.previous_minutes:
            return "up"
        if self.held_minutes < self.previous_minutes:
            return "down"
        return "same"


def rows_for(people_page: list[StaffProfile], today: date, zone_name: str) -> list[Row]:
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
        if not self.expected_minutes:
            return None
        return min(999, round(100 * self.held_minutes / self.expected_minutes))


def teams(*, user: object, period: Period, today: date) -> list[Team]:
    """Each primary supervisor's people, summed in SQL: two queries."""
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
    supervisors = StaffProfile.objects.in_bulk([g["team"] for g in grouped if g["team"]])
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
