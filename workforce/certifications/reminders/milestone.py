"""certification-milestone: the holder and their organization's HR, at each of the type's
reminder days before a certification's expiry, once per certification cycle."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import (
    Case,
    CharField,
    DateTimeField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat

from notifications import registry
from notifications.kinds import (
    EMAILS_ON,
    LATE_LIMIT,
    at_work,
    emails_on,
    insert_ledger_rows,
    local_nine,
    reachable,
    recipients,
)
from notifications.models import Delivery, DeliveryStatus
from workforce.certifications.reminders.common import MILESTONE, SUBJECT_PREFIX, is_hr, tracked
from workforce.certifications.reminders.messages import milestone_message
from workforce.models import (
    Certification,
    CertificationType,
    EmploymentStatus,
    Role,
    StaffProfile,
)
from workforce.validators import zone_of

HR = "organization__staff__"  # each HR person, joined through the certification's organization
MAX_DAYS = 730  # as certification_type_save validates


def _reminder_days(days: object) -> frozenset[int]:
    """A type's milestones (validated on save; anything odd written around it is ignored)."""
    if not isinstance(days, list):
        return frozenset()
    return frozenset(d for d in days if type(d) is int and 0 <= d <= MAX_DAYS)


def _slot_days(now: datetime, zone_name: str) -> list[date]:
    """The local days whose 09:00 has come and is less than LATE_LIMIT old."""
    zone = zone_of(zone_name)
    today = now.astimezone(zone).date()
    days = (today - timedelta(days=n) for n in range(3))
    return [day for day in days if now - LATE_LIMIT < local_nine(day, zone) <= now]


def _expiry_dates(now: datetime, milestones: dict[int, frozenset[int]]) -> list[date]:
    """Every expiry date a milestone can be due for now, in some time zone (local days run
    from UTC-12 to UTC+14, and back LATE_LIMIT)."""
    today = now.astimezone(UTC).date()
    every = frozenset().union(*milestones.values())
    return sorted({today + timedelta(days=n + m) for n in range(-3, 2) for m in every})


# --- who each row is for: `recipient_user`, `recipient_zone` -------------------------------


def _holder_rows(dates: list[date], organization_id: int | None) -> QuerySet[Certification]:
    rows = tracked(expires_on__in=dates).filter(reachable("person__"))
    if organization_id is not None:
        rows = rows.filter(organization_id=organization_id)
    return rows.annotate(recipient_user=F("person__user_id"), recipient_zone=F("person__timezone"))


def _hr_rows(dates: list[date], organization_id: int | None) -> QuerySet[Certification]:
    """One row per certification and HR person of its organization (the holder aside: an HR
    person hears about their own certification as its holder). The annotations reuse the
    filter's join; referring to them (not to the path) keeps it one join."""
    rows = tracked(expires_on__in=dates).filter(is_hr(HR))
    if organization_id is not None:
        rows = rows.filter(organization_id=organization_id)
    return rows.annotate(
        recipient_profile=F(f"{HR}pk"),
        recipient_user=F(f"{HR}user_id"),
        recipient_zone=F(f"{HR}timezone"),
    ).exclude(recipient_profile=F("person_id"))


# --- which milestone is due now, for each row --------------------------------------------


@dataclass(frozen=True)
class _Slot:
    at: datetime
    days: int  # before expiry
    expires_on: date
    recorded_before: datetime | None  # the expiry day's: recorded by the end of that day


def _slots(
    now: datetime,
    found: Iterable[tuple[int, str, date]],
    milestones: dict[int, frozenset[int]],
) -> dict[_Slot, tuple[set[str], set[int]]]:
    """(type, recipient's zone, expiry date) in play -> the milestone slots due now, each
    with the zones and types it is for. The zone arithmetic is done here with zoneinfo."""
    groups: dict[_Slot, tuple[set[str], set[int]]] = defaultdict(lambda: (set(), set()))
    for type_id, name, expires_on in found:
        for day in _slot_days(now, name):
            days = (expires_on - day).days
            if days not in milestones.get(type_id, ()):
                continue
            end = None
            if days == 0:  # one recorded after its expiry day is not told "expires today"
                end = datetime.combine(day + timedelta(days=1), time(), tzinfo=zone_of(name))
            zones, types = groups[_Slot(local_nine(day, zone_of(name)), days, expires_on, end)]
            zones.add(name)
            types.add(type_id)
    return groups


def _due(rows: QuerySet, now: datetime, milestones: dict[int, frozenset[int]]) -> QuerySet | None:
    """`rows` with the milestone slot due now (`slot`, `reminder_subject`), or None.

    The newest slot comes first in the CASE, so when two of a certification's milestones
    are due at once (after downtime, or days such as 1 and 0) only the newer is written; the
    older one then stays out for good, as the newer one's ledger row hides the row."""
    found = rows.order_by().values_list("type_id", "recipient_zone", "expires_on").distinct()
    groups = _slots(now, found, milestones)
    if not groups:
        return None
    whens = [
        (
            slot,
            Q(
                recipient_zone__in=sorted(zones),
                expires_on=slot.expires_on,
                type_id__in=sorted(types),
            )
            & (Q(created_at__lt=slot.recorded_before) if slot.recorded_before else Q()),
        )
        for slot, (zones, types) in sorted(groups.items(), key=lambda g: g[0].at, reverse=True)
    ]
    days = Case(*[When(c, then=Value(f":{s.days}")) for s, c in whens], output_field=CharField())
    # Once per certification (one cycle) and milestone, whatever its slot: moving the expiry
    # date or the time zone never brings a milestone back. Skipped rows don't count: a
    # milestone that went unsent because the date moved is due again at its new slot.
    sent = Delivery.objects.filter(
        recipient_id=OuterRef("recipient_user"),
        kind=MILESTONE,
        subject=OuterRef("reminder_subject"),
    ).exclude(status=DeliveryStatus.SKIPPED)
    return (
        emails_on(rows, "recipient_user")
        .annotate(
            slot=Case(*[When(c, then=Value(s.at)) for s, c in whens], output_field=DateTimeField()),
            reminder_subject=Concat(Value(SUBJECT_PREFIX), Cast("pk", CharField()), days),
        )
        .filter(slot__isnull=False)
        .filter(~Exists(sent))
    )


def _due_rows(now: datetime, organization_id: int | None = None) -> list[QuerySet]:
    """Holder rows and HR rows with a milestone due now and not in the ledger."""
    milestones = {
        pk: _reminder_days(days)
        for pk, days in CertificationType.objects.values_list("pk", "milestones")
    }
    dates = _expiry_dates(now, milestones)
    if not dates:
        return []
    due = (
        _due(audience(dates, organization_id), now, milestones)
        for audience in (_holder_rows, _hr_rows)
    )
    return [rows for rows in due if rows is not None]


def collect_milestones(now: datetime) -> registry.Collected:
    """At most five statements however many certifications: the types' milestones, then for
    holders and for HR the (type, zone, expiry date) in play and one INSERT ... SELECT."""
    ids: list[int] = []
    for rows in _due_rows(now):
        ids += insert_ledger_rows(
            rows,
            now=now,
            kind=MILESTONE,
            recipient="recipient_user",
            subject=F("reminder_subject"),
            slot="slot",
            emails_flag=EMAILS_ON,
        )
    return registry.Collected(send_now=ids)


# --- at send time ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneItem:
    certification: Certification
    days: int
    recipient: StaffProfile | None
    renewed: bool


def _parsed(subject: str) -> tuple[int, int] | None:
    try:
        certification, days = subject.removeprefix(SUBJECT_PREFIX).split(":")
        return int(certification), int(days)
    except ValueError:
        return None


def load_milestones(deliveries: list[Delivery]) -> dict[int, MilestoneItem]:
    """Three queries: the certifications, the recipients, the recipients' roles."""
    wanted = {d.pk: parsed for d in deliveries if (parsed := _parsed(d.subject))}
    renewed = Certification.objects.filter(previous=OuterRef("pk"))
    found = {
        c.pk: c
        for c in Certification.objects.filter(pk__in={pk for pk, _days in wanted.values()})
        .select_related("type", "person__user")
        .annotate(has_renewal=Exists(renewed))
    }
    people = recipients(deliveries)
    loaded = {}
    for d in deliveries:
        certification_id, days = wanted.get(d.pk, (None, 0))
        if (certification := found.get(certification_id)) is not None:
            recipient = people.get(d.recipient_id)
            loaded[d.pk] = MilestoneItem(certification, days, recipient, certification.has_renewal)
    return loaded


def skip_milestone(delivery: Delivery, item: MilestoneItem | None) -> str | None:
    """Checked again at send time: whatever changed since collect wins."""
    if item is None:
        return "certification removed"
    certification, person = item.certification, item.recipient
    if certification.revoked_at:
        return "revoked"
    if item.renewed:
        return "renewed"
    if person is None:
        return "recipient removed"
    if not at_work(person):
        return "not at work now"
    if person.pk != certification.person_id:
        if not person.has_role(Role.HR):
            return "no longer HR"
        if person.organization_id != certification.organization_id:
            return "organization changed"
        holder = certification.person
        if not holder.user.is_active or holder.employment_status == EmploymentStatus.LEFT:
            return "holder no longer here"
    if item.days not in _reminder_days(certification.type.milestones):
        return "milestone removed"
    expires_on = certification.expires_on
    if expires_on is None or delivery.due_slot != local_nine(
        expires_on - timedelta(days=item.days), zone_of(person.timezone)
    ):
        return "expiry date changed"
    return None


def render_milestone(delivery: Delivery, item: MilestoneItem) -> registry.Message:
    return milestone_message(
        certification=item.certification, recipient=item.recipient, days=item.days
    )


def due_count_milestones(now: datetime, organization_id: int | None) -> int:
    return sum(rows.count() for rows in _due_rows(now, organization_id))


registry.register(
    registry.ReminderKind(
        name=MILESTONE,
        private=False,
        collect=collect_milestones,
        load=load_milestones,
        skip_reason=skip_milestone,
        render=render_milestone,
        due_count=due_count_milestones,
    )
)
