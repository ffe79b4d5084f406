"""Reads of groups, already scoped by groups.access: the list, a group's page (one payload for
both front doors), a facilitator's and a liaison's groups, facilitation hours.

Counts: a group's facilitators see its numbers as logged. Everyone else who reads them
(managers, admins, supervisors, liaisons) sees any number under SMALL as "fewer than 5", as
every count PeerWell shows to managers does, and no totals: a total less the meetings shown
would give away the hidden ones."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import (
    Count,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    TextField,
)
from django.db.models.functions import Cast

from core import dates
from groups import access as groups_access
from groups.agreements import current_agreement
from groups.liaison import last_visited, next_visit_due
from groups.meetings import LOG_WINDOW
from groups.models import (
    AgreementVersion,
    Facilitation,
    Facilitator,
    Liaison,
    LiaisonVisit,
    Meeting,
    MeetingStatus,
    SupportGroup,
)
from workforce import access
from workforce.models import StaffProfile

SMALL = 5
RECENT = timedelta(weeks=12)  # "lately" on the list: meetings held in the last 12 weeks
UNLOGGED_WINDOW = LOG_WINDOW  # a meeting waits for its log as long as it can be logged


def masked(value: int | None, exact: bool) -> int | None:
    """A count as the caller may see it: None stands for "fewer than 5"."""
    if value is None:
        return 0
    return value if exact or value >= SMALL else None


@dataclass
class GroupRow:
    group: SupportGroup
    next_meeting: datetime | None
    records: bool = False  # the caller reads its records
    facilitates: bool = False
    held_lately: int | None = None
    attended_lately: int | None = None


def _next_meeting(now: datetime) -> Subquery:
    upcoming = Meeting.objects.filter(
        group=OuterRef("pk"), status=MeetingStatus.SCHEDULED, starts_at__gt=now
    ).order_by("starts_at")
    return Subquery(upcoming.values("starts_at")[:1])


def group_list_queryset(user: object, filters: dict | None = None) -> QuerySet[SupportGroup]:
    """The groups the caller sees, with their next meeting: page this, then group_rows()."""
    rows = groups_access.groups_visible_to(user).select_related("model", "venue")
    filters = filters or {}
    if filters.get("status"):
        rows = rows.filter(status=filters["status"])
    if filters.get("model"):
        rows = rows.filter(model__key=filters["model"])
    if filters.get("format"):
        rows = rows.filter(format=filters["format"])
    for name in ("approach", "focus"):
        if filters.get(name):
            rows = rows.filter(**{f"model__{name}": filters[name]})
    for name in ("structured", "gender_specific"):
        if filters.get(name) in ("yes", "no"):
            rows = rows.filter(**{f"model__{name}": filters[name] == "yes"})
    if filters.get("language"):
        # JSON "contains" isn't SQLite's: the list's text holds each code in quotes.
        code = "".join(c for c in filters["language"][:8] if c.isalnum())
        rows = rows.annotate(languages_text=Cast("languages", TextField())).filter(
            languages_text__contains=f'"{code}"'
        )
    if filters.get("q"):
        rows = rows.filter(name__icontains=filters["q"][:100])
    return rows.order_by("name", "pk")


def next_meetings(group_ids: list[int]) -> dict[int, datetime]:
    """Each group's next planned meeting, for one page of a list: one query. (An annotation
    on the list would run its subquery for every row up to the page's offset.)"""
    rows = (
        Meeting.objects.filter(
            group_id__in=group_ids, status=MeetingStatus.SCHEDULED, starts_at__gt=dates.now()
        )
        .values("group_id")
        .annotate(first=Min("starts_at"))
        .order_by()
    )
    return {row["group_id"]: row["first"] for row in rows}


def group_rows(user: object, groups: list[SupportGroup]) -> list[GroupRow]:
    """One page of the list, with counts where the caller reads them: four queries whatever
    the page's size (next meetings, whose records, which the caller facilitates, the counts)."""
    profile = access.profile_of(user)
    ids = [g.pk for g in groups]
    upcoming = next_meetings(ids)
    readable = set(
        groups_access.group_records_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True)
    )
    mine = set(
        Facilitator.objects.filter(person=profile, group_id__in=ids).values_list(
            "group_id", flat=True
        )
    )
    since = dates.now() - RECENT
    counts = {
        row["group_id"]: row
        for row in Meeting.objects.filter(
            group_id__in=readable, status=MeetingStatus.HELD, starts_at__gte=since
        )
        .values("group_id")
        .annotate(held=Count("pk"), attended=Sum("attended"))
        .order_by()
    }
    result = []
    for group in groups:
        row = GroupRow(group, upcoming.get(group.pk))
        if group.pk in readable:
            found = counts.get(group.pk, {})
            row.records, row.facilitates = True, group.pk in mine
            row.held_lately = found.get("held", 0)
            # The total only to facilitators: anyone else could subtract the meetings they see
            # (those of 5 or more) from it and learn the ones hidden as "fewer than 5".
            row.attended_lately = found.get("attended") or 0 if row.facilitates else None
        result.append(row)
    return result


# --- a group's page -----------------------------------------------------------------------


@dataclass
class MeetingRow:
    meeting: Meeting
    attended: int | None
    newcomers: int | None


@dataclass
class GroupPage:
    group: SupportGroup
    records: bool
    can_change: bool
    facilitates: bool
    is_liaison: bool
    agreement: AgreementVersion | None = None
    facilitators: list[Facilitator] = field(default_factory=list)
    liaisons: list[Liaison] = field(default_factory=list)
    upcoming: list[Meeting] = field(default_factory=list)
    past: list[MeetingRow] = field(default_factory=list)
    to_log: list[Meeting] = field(default_factory=list)
    visits: list[LiaisonVisit] = field(default_factory=list)
    next_visit_due: date | None = None
    hours: Decimal = Decimal("0")


def group_page(user: object, group: SupportGroup) -> GroupPage:
    """Everything about one group the caller may see, for its page and its API answer."""
    records = groups_access.reads_records(user, group)
    page = GroupPage(
        group=group,
        records=records,
        can_change=groups_access.can_change_group(user, group),
        facilitates=groups_access.facilitates(user, group),
        is_liaison=groups_access.is_liaison(user, group),
    )
    if not records:
        return page
    _fill_records(page, dates.now())
    return page


def _fill_records(page: GroupPage, now: datetime) -> None:
    group = page.group
    page.agreement = current_agreement(group)
    page.facilitators = list(
        Facilitator.objects.filter(group=group)
        .select_related("person")
        .order_by("-lead", "person__chosen_name")
    )
    page.liaisons = list(
        Liaison.objects.filter(group=group).select_related("person").order_by("person__chosen_name")
    )
    meetings = Meeting.objects.filter(group=group)
    page.upcoming = list(
        meetings.filter(starts_at__gt=now, status=MeetingStatus.SCHEDULED).order_by("starts_at")[:6]
    )
    past = meetings.filter(starts_at__lte=now).exclude(status=MeetingStatus.MOVED)
    page.past = [
        MeetingRow(
            m,
            masked(m.attended, page.facilitates) if m.logged_at else None,
            masked(m.newcomers, page.facilitates) if m.logged_at else None,
        )
        for m in past.order_by("-starts_at")[:12]
    ]
    page.to_log = list(
        past.filter(
            status=MeetingStatus.SCHEDULED,
            logged_at__isnull=True,
            starts_at__gte=now - UNLOGGED_WINDOW,
        ).order_by("starts_at")
    )
    page.visits = list(LiaisonVisit.objects.filter(group=group).select_related("liaison")[:6])
    page.next_visit_due = next_visit_due(group, last_visited(group))


# --- a person's groups -----------------------------------------------------------------------


@dataclass
class MyGroups:
    facilitating: list[SupportGroup]
    to_log: list[Meeting]
    liaison_for: list[SupportGroup]

    def changes_at(self) -> datetime | None:
        """When the clock alone changes these lists: a next meeting starts (it waits for its
        log from then on) or a meeting's log window closes."""
        moments = [g.next_meeting for g in self.facilitating if g.next_meeting]
        moments += [m.starts_at + UNLOGGED_WINDOW for m in self.to_log]
        return min(moments, default=None)


def _facilitating(profile: StaffProfile, now: datetime) -> QuerySet[SupportGroup]:
    rows = SupportGroup.objects.filter(facilitators__person=profile)
    return rows.annotate(next_meeting=_next_meeting(now)).order_by("name")


def _to_log(profile: StaffProfile, now: datetime) -> QuerySet[Meeting]:
    return Meeting.objects.filter(
        group__facilitators__person=profile,
        status=MeetingStatus.SCHEDULED,
        logged_at__isnull=True,
        starts_at__lte=now,
        starts_at__gte=now - UNLOGGED_WINDOW,
    ).order_by("starts_at")


def my_groups(user: object) -> MyGroups:
    """The groups the caller facilitates (next meeting, meetings waiting for their log) and
    the ones they're liaison for (new notes): for the groups page and the API."""
    profile = access.profile_of(user)
    if profile is None:
        return MyGroups([], [], [])
    now = dates.now()
    facilitating = list(_facilitating(profile, now).select_related("model", "venue"))
    to_log = list(_to_log(profile, now).select_related("group"))
    new_notes = Q(liaison_notes__seen_at__isnull=True) & Q(liaison_notes__pk__isnull=False)
    liaison_for = list(
        SupportGroup.objects.filter(liaisons__person=profile)
        .select_related("model", "venue")
        .annotate(new_notes=Count("liaison_notes", filter=new_notes))
        .order_by("name")
    )
    return MyGroups(facilitating, to_log, liaison_for)


def home_groups(profile: StaffProfile, *, now: datetime) -> MyGroups:
    """The home's lines: the groups a person facilitates with their next meeting, and the
    meetings waiting for their log. Names and times only: the home keeps them in the cache
    (core.versions), and a venue's address has no business there."""
    facilitating = _facilitating(profile, now).only("pk", "name", "timezone")
    return MyGroups(list(facilitating), list(_to_log(profile, now).only("pk", "starts_at")), [])


# --- facilitation hours ---------------------------------------------------------------------


def facilitation_minutes(person_id: int) -> list[tuple[datetime, int]]:
    """A person's facilitation, oldest first: (when, minutes). Readiness reads it."""
    return list(
        Facilitation.objects.filter(person_id=person_id)
        .order_by("held_at")
        .values_list("held_at", "minutes")
    )


def hours_by_person(user: object, since: date, until: date) -> list[dict]:
    """Facilitation hours per person in the caller's organization, days counted in the
    organization's zone: for HR, managers and admins. Names and hours only."""
    profile = access.profile_of(user)
    if profile is None or not groups_access.can_view_facilitation_hours(user):
        return []
    zone = dates.zone(profile.organization.timezone)
    start = datetime.combine(since, datetime.min.time(), tzinfo=zone)
    end = datetime.combine(until + timedelta(days=1), datetime.min.time(), tzinfo=zone)
    totals = (
        Facilitation.objects.filter(
            organization_id=profile.organization_id, held_at__gte=start, held_at__lt=end
        )
        .values("person_id")
        .annotate(minutes=Sum("minutes"), meetings=Count("pk"))
        .order_by()
    )  # from the (organization, held_at) index alone; names are read for the totals only
    by_person = {row["person_id"]: row for row in totals}
    names = StaffProfile.objects.filter(pk__in=by_person).order_by("chosen_name", "pk")
    return [
        {
            "person_id": pk,
            "name": name,
            "meetings": by_person[pk]["meetings"],
            "hours": (Decimal(by_person[pk]["minutes"]) / 60).quantize(Decimal("0.01")),
        }
        for pk, name in names.values_list("pk", "chosen_name")
    ]
