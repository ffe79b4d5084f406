"""Training reminders, plugged into the reminder engine (notifications/).

- "training-due": to the learner, gently, twice per open assignment with a due date: a week
  before it ("due soon") and the day after it ("the due date has passed — you can still
  complete it"). Never "overdue", never "failed": that language is for managers and HR.
- "training-digest": each Monday, to every program manager and HR person, counts only: how
  many assignments in their organization are overdue and how many are due in the next 7 days.

Slots are 09:00 in the recipient's own time zone, stored in UTC. A slot is written to the
ledger once it has come, and only while it is less than LATE_LIMIT old: after downtime the
missed slot is sent once, late, and older ones are dropped rather than sent as a burst.
One exception, for assignments made at short notice (less than a week before the due date,
so after their "due soon" slot): they get that reminder as soon as they are made, once,
as long as the due date has not passed. An assignment made after its due date (a late
renewal) never hears "the due date has passed": that would blame them for our lateness.
Nobody on leave or gone is reminded; a queued reminder whose reason went away (completed,
archived, due date moved) is skipped at send time.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import reduce
from operator import or_
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    DateTimeField,
    Exists,
    Expression,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from notifications import registry
from notifications.models import Channel, Delivery, DeliveryStatus
from workforce.models import (
    Assignment,
    EmploymentStatus,
    Organization,
    Role,
    RoleGrant,
    StaffProfile,
    TrainingFormat,
)

DUE = "training-due"
DIGEST = "training-digest"
SUBJECT_PREFIX = "assignment:"
SEND_AT = time(9, 0)
DUE_SOON_DAYS = 7
LATE_LIMIT = timedelta(days=2)
DIGEST_ROLES = (Role.PROGRAM_MANAGER, Role.HR)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):  # validated on save; a bulk import may not be
        return ZoneInfo("UTC")


def _local_nine(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, SEND_AT, tzinfo=zone).astimezone(UTC)


def _soon_slot(due_on: date, zone: ZoneInfo) -> datetime:
    return _local_nine(due_on - timedelta(days=DUE_SOON_DAYS), zone)


def _passed_slot(due_on: date, zone: ZoneInfo) -> datetime:
    return _local_nine(due_on + timedelta(days=1), zone)


def _counted(prefix: str = "") -> Q:
    """Someone who works here now, as workforce.selectors.active_staff (on leave included)."""
    return Q(**{f"{prefix}user__is_active": True}) & ~Q(
        **{f"{prefix}employment_status": EmploymentStatus.LEFT}
    )


def _reachable(prefix: str = "") -> Q:
    """Someone we remind: at work now. Nobody on leave is nudged about training."""
    return Q(
        **{f"{prefix}user__is_active": True, f"{prefix}employment_status": EmploymentStatus.ACTIVE}
    )


# --- the ledger write ------------------------------------------------------------------------

LEDGER_FIELDS = (
    "organization",
    "recipient",
    "kind",
    "subject",
    "due_slot",
    "channel",
    "status",
    "attempts",
    "next_attempt_at",
    "created_at",
    "last_error",
    "skip_reason",
)


def _insert_ledger_rows(
    rows: QuerySet, *, now: datetime, kind: str, recipient: str, subject: Expression, slot: str
) -> list[int]:
    """INSERT ... SELECT: one statement writes every due row, already leased to this
    dispatcher, and returns their ids. ON CONFLICT DO NOTHING keeps the ledger's unique key
    the last word when two dispatchers race. (`rows` always has a WHERE clause, which SQLite
    needs to parse ON CONFLICT after a SELECT.)"""
    from notifications.services import lease_until

    values: dict[str, object] = {
        "organization": F("organization_id"),
        "recipient": F(recipient),
        "kind": Value(kind),
        "subject": subject,
        "due_slot": F(slot),
        "channel": Value(Channel.BOTH.value),
        "status": Value(DeliveryStatus.QUEUED.value),
        "attempts": Value(0),
        "next_attempt_at": Value(lease_until(now), output_field=DateTimeField()),
        "created_at": Value(now, output_field=DateTimeField()),
        "last_error": Value(""),
        "skip_reason": Value(""),
    }
    aliases = {f"ledger_{name}": values[name] for name in LEDGER_FIELDS}
    select, params = (
        rows.annotate(**aliases).values_list(*aliases).order_by().query.sql_with_params()
    )
    quote = connection.ops.quote_name
    columns = ", ".join(quote(Delivery._meta.get_field(name).column) for name in LEDGER_FIELDS)
    sql = f"INSERT INTO {quote(Delivery._meta.db_table)} ({columns}) {select} "
    with connection.cursor() as cursor:
        cursor.execute(sql + "ON CONFLICT DO NOTHING RETURNING id", params)
        return [row[0] for row in cursor.fetchall()]


# --- training-due: to the learner ------------------------------------------------------------


def _assignment_subject(ref: str | OuterRef = "pk") -> Concat:
    return Concat(Value(SUBJECT_PREFIX), Cast(ref, CharField()))


def _grouped_whens(groups: dict[tuple[date, datetime, Q], list[str]]) -> list[When]:
    """One WHEN per (due date, slot, condition), for every zone that shares it."""
    return [
        When(Q(due_on=day, person__timezone__in=names) & condition, then=Value(slot))
        for (day, slot, condition), names in groups.items()
    ]


def _soon_whens(now: datetime, zones: set[str], days: list[date]) -> list[When]:
    """The "due soon" slot of each (due date, zone) pair that is due now. The zone arithmetic
    is done here with zoneinfo (SQLite has no time zones); pairs with nothing due are left
    out, so the CASE stays short."""
    cutoff = now - LATE_LIMIT
    groups: dict[tuple[date, datetime, Q], list[str]] = defaultdict(list)
    for day, name in ((day, name) for day in days for name in sorted(zones)):
        slot = _soon_slot(day, _zone(name))
        if cutoff < slot <= now:
            groups[(day, slot, Q())].append(name)
        elif slot <= cutoff and now < _passed_slot(day, _zone(name)):
            # Made at short notice, after its slot: told once, as soon as it is made.
            groups[(day, slot, Q(created_at__gt=cutoff))].append(name)
    return _grouped_whens(groups)


def _passed_whens(now: datetime, zones: set[str], days: list[date]) -> list[When]:
    """The "passed" slot of each (due date, zone) pair that is due now, for assignments made
    by the end of their due date: one made later (a late renewal) never hears it passed."""
    cutoff = now - LATE_LIMIT
    groups: dict[tuple[date, datetime, Q], list[str]] = defaultdict(list)
    for day, name in ((day, name) for day in days for name in sorted(zones)):
        zone = _zone(name)
        slot = _passed_slot(day, zone)
        if cutoff < slot <= now:
            end_of_due_date = datetime.combine(day + timedelta(days=1), time(), tzinfo=zone)
            groups[(day, slot, Q(created_at__lt=end_of_due_date))].append(name)
    return _grouped_whens(groups)


def _due_rows(now: datetime, organization_id: int | None = None) -> list[QuerySet]:
    """Open assignments whose "due soon" / "passed" slot has come and is not in the ledger."""
    today = now.astimezone(UTC).date()
    # Every due date whose slots can be due now in some time zone (UTC-12 to UTC+14).
    first, last = today - timedelta(days=6), today + timedelta(days=DUE_SOON_DAYS + 2)
    candidates = Assignment.objects.filter(
        completion__isnull=True,  # with due_on: assignment_open_due_idx (open ones only)
        due_on__range=(first, last),
        module__archived_at__isnull=True,
    ).filter(_reachable("person__"))
    if organization_id is not None:
        candidates = candidates.filter(organization_id=organization_id)
    zones = set(candidates.order_by().values_list("person__timezone", flat=True).distinct())
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    sent = Delivery.objects.filter(
        recipient_id=OuterRef("person__user_id"),
        kind=DUE,
        subject=_assignment_subject(OuterRef("pk")),
        due_slot=OuterRef("slot"),
    )
    return [
        candidates.annotate(slot=Case(*whens, output_field=DateTimeField()))
        .filter(slot__isnull=False)
        .filter(~Exists(sent))
        for whens in (_soon_whens(now, zones, days), _passed_whens(now, zones, days))
        if whens
    ]


def collect_due(now: datetime) -> registry.Collected:
    """At most three statements however many assignments: the zones in play, then one
    INSERT ... SELECT per slot ("due soon", "passed") that can be due now."""
    ids: list[int] = []
    for rows in _due_rows(now):
        ids += _insert_ledger_rows(
            rows,
            now=now,
            kind=DUE,
            recipient="person__user_id",
            subject=_assignment_subject(),
            slot="slot",
        )
    return registry.Collected(send_now=ids)


@dataclass(frozen=True)
class DueItem:
    assignment: Assignment
    which: str | None  # "soon", "passed", or None when the due date (or zone) moved since


def _which(delivery: Delivery, assignment: Assignment) -> str | None:
    if assignment.due_on is None:
        return None
    zone = _zone(assignment.person.timezone)
    if delivery.due_slot == _soon_slot(assignment.due_on, zone):
        return "soon"
    if delivery.due_slot == _passed_slot(assignment.due_on, zone):
        return "passed"
    return None


def load_due(deliveries: list[Delivery]) -> dict[int, DueItem]:
    """One query. (Both slots of one assignment can be in the same batch after a retry.)"""
    wanted = {d.pk: int(d.subject.removeprefix(SUBJECT_PREFIX)) for d in deliveries}
    found = {
        a.pk: a
        for a in Assignment.objects.filter(pk__in=set(wanted.values())).select_related(
            "module", "person__user"
        )
    }
    return {
        d.pk: DueItem(found[wanted[d.pk]], _which(d, found[wanted[d.pk]]))
        for d in deliveries
        if wanted[d.pk] in found
    }


def skip_due(delivery: Delivery, item: DueItem | None) -> str | None:
    """Checked again at send time: whatever changed since collect wins."""
    if item is None:
        return "assignment removed"
    assignment = item.assignment
    if assignment.completion_id:
        return "completed"
    if assignment.module.archived_at:
        return "module archived"
    if (
        not assignment.person.user.is_active
        or assignment.person.employment_status != EmploymentStatus.ACTIVE
    ):
        return "not at work now"
    if assignment.person.user_id != delivery.recipient_id:
        return "recipient changed"
    if item.which is None:
        return "due date changed"
    return None


def render_due(delivery: Delivery, item: DueItem) -> registry.Message:
    """The module's title, its due date and a link; nothing about how anyone is doing."""
    assignment, person = item.assignment, item.assignment.person
    if assignment.module.format == TrainingFormat.IN_APP:
        link = reverse("training_module", args=[assignment.module_id])
    else:  # external courses and live sessions: their details are on the learner's page
        link = reverse("my_training")
    with translation.override(person.language):
        names = {
            "module": assignment.module.title,
            "date": date_format(assignment.due_on, "l j F Y"),
        }
        if item.which == "soon":
            subject = _("Training due soon")
            title = _("%(module)s is due on %(date)s.") % names
            text = (
                _(
                    "A gentle reminder: %(module)s is due on %(date)s. Everything you need is in "
                    "PeerWell, whenever you're ready:"
                )
                % names
            )
        else:
            subject = _("You can still complete your training")
            title = text = (
                _(
                    "The due date for %(module)s has passed — you can still complete it whenever "
                    "you're ready."
                )
                % names
            )
        greeting = _("Hi %(name)s,") % {"name": person.chosen_name}
    body = f"{greeting}\n\n{text}\n\n{settings.BASE_URL}{link}\n"
    return registry.Message(subject=subject, body=body, title=title, link=link)


def due_count_due(now: datetime, organization_id: int | None) -> int:
    return sum(rows.count() for rows in _due_rows(now, organization_id))


# --- training-digest: to program managers and HR ---------------------------------------------


def _monday_nine(now: datetime, zone: ZoneInfo) -> datetime:
    local = now.astimezone(zone).date()
    return _local_nine(local - timedelta(days=local.weekday()), zone)


def _open_before(before: date, **organization: object) -> QuerySet[Assignment]:
    """Open assignments due before `before`, of people who work here, in live modules."""
    return Assignment.objects.filter(
        **organization,  # with due_on: assignment_open_due_idx, one range per organization
        completion__isnull=True,
        due_on__lt=before,
        module__archived_at__isnull=True,
    ).filter(_counted("person__"))


def _digest_rows(now: datetime, organization_id: int | None = None) -> QuerySet | None:
    """Managers and HR whose Monday 09:00 has come this week and who have no digest yet.
    Organizations with nothing due or overdue get no row at all (the send re-checks)."""
    horizon = now.astimezone(UTC).date() + timedelta(days=DUE_SOON_DAYS + 2)
    people = StaffProfile.objects.filter(
        _reachable(),
        Exists(RoleGrant.objects.filter(profile=OuterRef("pk"), role__in=DIGEST_ROLES)),
        Exists(_open_before(horizon, organization_id=OuterRef("organization_id"))),
    )
    if organization_id is not None:
        people = people.filter(organization_id=organization_id)
    zones = set(people.order_by().values_list("timezone", flat=True).distinct())
    groups: dict[datetime, list[str]] = defaultdict(list)
    for name in sorted(zones):
        slot = _monday_nine(now, _zone(name))
        if now - LATE_LIMIT < slot <= now:
            groups[slot].append(name)
    if not groups:
        return None
    slots = [When(timezone__in=names, then=Value(slot)) for slot, names in groups.items()]
    # Once a week even if someone changes time zone mid-week, which moves their slot: a
    # digest of this week has a slot less than 5 days old, last week's one is older.
    recent = Delivery.objects.filter(
        recipient_id=OuterRef("user_id"), kind=DIGEST, due_slot__gt=now - timedelta(days=5)
    )
    return people.filter(
        ~Exists(recent), timezone__in=[n for names in groups.values() for n in names]
    ).annotate(slot=Case(*slots, output_field=DateTimeField()))


def collect_digest(now: datetime) -> registry.Collected:
    """Two statements: the zones in play, then one INSERT ... SELECT."""
    rows = _digest_rows(now)
    if rows is None:
        return registry.Collected(send_now=[])
    ids = _insert_ledger_rows(
        rows, now=now, kind=DIGEST, recipient="user_id", subject=Value(DIGEST), slot="slot"
    )
    return registry.Collected(send_now=ids)


@dataclass(frozen=True)
class Digest:
    profile: StaffProfile | None
    overdue: int
    due_soon: int


def _counts(organizations: list[Organization], now: datetime) -> dict[int, tuple[int, int]]:
    """(overdue, due in the next 7 days) per organization, each in its own "today": one
    query, with the organizations grouped by their local date."""
    by_day: dict[date, list[int]] = defaultdict(list)
    for org in organizations:
        by_day[now.astimezone(_zone(org.timezone)).date()].append(org.pk)
    if not by_day:
        return {}
    week = timedelta(days=DUE_SOON_DAYS)
    overdue = reduce(or_, [Q(organization_id__in=ids, due_on__lt=d) for d, ids in by_day.items()])
    soon = reduce(
        or_,
        [
            Q(organization_id__in=ids, due_on__gte=d, due_on__lt=d + week)
            for d, ids in by_day.items()
        ],
    )
    rows = _open_before(
        max(by_day) + week, organization_id__in=[pk for ids in by_day.values() for pk in ids]
    )
    return {
        row["organization_id"]: (row["overdue"], row["soon"])
        for row in rows.values("organization_id")
        .order_by()
        .annotate(overdue=Count("pk", filter=overdue), soon=Count("pk", filter=soon))
    }


def load_digest(deliveries: list[Delivery]) -> dict[int, Digest]:
    """Three queries for any number of recipients: profiles, their roles, the counts."""
    profiles = {
        p.user_id: p
        for p in StaffProfile.objects.filter(user_id__in={d.recipient_id for d in deliveries})
        .select_related("user", "organization")
        .prefetch_related("role_grants")
    }
    counts = _counts(list({p.organization for p in profiles.values()}), timezone.now())
    loaded = {}
    for d in deliveries:
        profile = profiles.get(d.recipient_id)
        overdue, soon = counts.get(profile.organization_id, (0, 0)) if profile else (0, 0)
        loaded[d.pk] = Digest(profile, overdue, soon)
    return loaded


def skip_digest(delivery: Delivery, digest: Digest | None) -> str | None:
    profile = digest.profile if digest else None
    if profile is None:
        return "recipient removed"
    if not profile.user.is_active or profile.employment_status != EmploymentStatus.ACTIVE:
        return "not at work now"
    if not profile.has_role(*DIGEST_ROLES):
        return "no longer program manager or HR"
    if profile.organization_id != delivery.organization_id:
        return "organization changed"
    if not digest.overdue and not digest.due_soon:
        return "nothing due"
    return None


def render_digest(delivery: Delivery, digest: Digest) -> registry.Message:
    """Counts only: who is behind is on the page, behind the sign-in, never in an email."""
    profile = digest.profile
    link = reverse("training_overdue")
    numbers = {"overdue": digest.overdue, "soon": digest.due_soon}
    with translation.override(profile.language):
        subject = _("Your weekly training summary")
        title = _("Training this week: %(overdue)s overdue, %(soon)s due in the next 7 days.")
        lines = [
            _("Hi %(name)s,") % {"name": profile.chosen_name},
            "",
            _("Here is this week's training summary for %(organization)s:")
            % {"organization": profile.organization.name},
            "",
            _("Overdue: %(overdue)s") % numbers,
            _("Due in the next 7 days: %(soon)s") % numbers,
            "",
            _(
                "A friendly check-in, and time set aside to learn, help more than pressure. "
                "See the details:"
            ),
            "",
            settings.BASE_URL + link,
        ]
    return registry.Message(
        subject=subject, body="\n".join(lines) + "\n", title=title % numbers, link=link
    )


def due_count_digest(now: datetime, organization_id: int | None) -> int:
    rows = _digest_rows(now, organization_id)
    return rows.count() if rows is not None else 0


registry.register(
    registry.ReminderKind(
        name=DUE,
        private=False,
        collect=collect_due,
        load=load_due,
        skip_reason=skip_due,
        render=render_due,
        due_count=due_count_due,
    )
)
registry.register(
    registry.ReminderKind(
        name=DIGEST,
        private=False,
        collect=collect_digest,
        load=load_digest,
        skip_reason=skip_digest,
        render=render_digest,
        due_count=due_count_digest,
    )
)
