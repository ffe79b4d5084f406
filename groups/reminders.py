"""Group reminders, plugged into the reminder engine (notifications/).

- "group-meeting-soon": to each facilitator, 24 hours before a meeting (or as soon as it is
  planned, if that is sooner). A moved meeting is a new meeting; a cancelled one is skipped.
- "group-meeting-log": the day after a meeting at 09:00 in the group's zone, a gentle "log
  yesterday's meeting" to each facilitator, once, if nobody has logged it yet.
- "group-liaison-visit": to the liaison, the day before a visit they planned, at 09:00 in the
  group's zone.

All three ride the work-email switch (StaffProfile.work_emails: in PeerWell always, by email
only if the person wants it) and carry the one-click way to stop those emails. Messages carry a
time and a link: never a group's name, a count or a note.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import (
    Case,
    CharField,
    DateTimeField,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from groups.models import (
    Facilitator,
    GroupStatus,
    Liaison,
    LiaisonVisit,
    Meeting,
    MeetingStatus,
    SupportGroup,
)
from notifications import registry
from notifications.kinds import (
    EMAILS_ON,
    LATE_LIMIT,
    at_work,
    emails_on,
    insert_ledger_rows,
    local_nine,
    local_time_text,
    pause_headers,
    reachable,
    recipients,
    work_body,
)
from notifications.models import Delivery
from workforce.models import StaffProfile
from workforce.validators import zone_of

SOON, LOG, VISIT = "group-meeting-soon", "group-meeting-log", "group-liaison-visit"
MEETING_PREFIX, VISIT_PREFIX = "group-meeting:", "liaison-visit:"
MEETING_REF = "meeting__pk"  # the FilteredRelation _facilitators() names
AHEAD = timedelta(hours=24)


def _subject(prefix: str, ref: str | OuterRef) -> Concat:
    return Concat(Value(prefix), Cast(ref, CharField()))


def _sent(kind: str, recipient: str, prefix: str, ref: str) -> Exists:
    """This row's ledger entry exists already (its recipient, kind, subject and slot)."""
    return Exists(
        Delivery.objects.filter(
            recipient_id=OuterRef(recipient),
            kind=kind,
            subject=_subject(prefix, OuterRef(ref)),
            due_slot=OuterRef("slot"),
        )
    )


def _insert(
    rows: QuerySet, now: datetime, kind: str, recipient: str, prefix: str, ref: str
) -> list[int]:
    rows = emails_on(rows.filter(~_sent(kind, recipient, prefix, ref)), recipient)
    return insert_ledger_rows(
        rows,
        now=now,
        kind=kind,
        recipient=recipient,
        subject=_subject(prefix, ref),
        slot="slot",
        emails_flag=EMAILS_ON,
    )


def _facilitators(meetings: Q, slot: Expression) -> QuerySet:
    """One row per (facilitator, meeting) for the meetings `meetings` selects (lookups under
    group__meetings__). The meeting is a FilteredRelation named "meeting", so the slot, the
    subject and the filters all read the same join: one row per pair, never a product."""
    return (
        Facilitator.objects.annotate(
            meeting=FilteredRelation("group__meetings", condition=meetings)
        )
        .filter(meeting__isnull=False)
        .filter(reachable("person__"))
        .annotate(slot=slot)
        .filter(slot__isnull=False)
    )


# --- group-meeting-soon -----------------------------------------------------------------------


def _soon(now: datetime, organization_id: int | None = None) -> QuerySet:
    due = Q(
        group__meetings__status=MeetingStatus.SCHEDULED,
        group__meetings__starts_at__gt=now,
        group__meetings__starts_at__lte=now + AHEAD,
    )
    slot = ExpressionWrapper(F("meeting__starts_at") - AHEAD, output_field=DateTimeField())
    rows = _facilitators(due, slot)
    if organization_id is not None:
        rows = rows.filter(organization_id=organization_id)
    return rows


def collect_soon(now: datetime) -> registry.Collected:
    ids = _insert(_soon(now), now, SOON, "person__user_id", MEETING_PREFIX, MEETING_REF)
    return registry.Collected(send_now=ids)


def due_count_soon(now: datetime, organization_id: int | None) -> int:
    rows = _soon(now, organization_id)
    return rows.exclude(_sent(SOON, "person__user_id", MEETING_PREFIX, MEETING_REF)).count()


# --- group-meeting-log and group-liaison-visit: 09:00 in the group's zone ----------------------


def days_come(
    now: datetime, zone_names: Iterable[str], offset: int
) -> list[tuple[str, date, datetime]]:
    """(zone, day, slot) for each zone and each day whose 09:00, `offset` days later in that
    zone, has come and is no more than LATE_LIMIT old."""
    due = []
    for name in sorted(set(zone_names)):
        zone = zone_of(name)
        local = now.astimezone(zone).date()
        for back in range(-2, 4):
            day = local - timedelta(days=back)
            slot = local_nine(day + timedelta(days=offset), zone)
            if now - LATE_LIMIT < slot <= now:
                due.append((name, day, slot))
    return due


def _day_bounds(zone_name: str, day: date) -> tuple[datetime, datetime]:
    zone = zone_of(zone_name)
    start = datetime.combine(day, datetime.min.time(), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=zone)
    return start, end


def _zones(organization_id: int | None) -> list[str]:
    groups = SupportGroup.objects.exclude(status=GroupStatus.ENDED)
    if organization_id is not None:
        groups = groups.filter(organization_id=organization_id)
    return list(groups.order_by().values_list("timezone", flat=True).distinct())


def _log(now: datetime, organization_id: int | None = None) -> QuerySet | None:
    """Facilitators of yesterday's meetings (in the group's zone) that nobody has logged."""
    due = days_come(now, _zones(organization_id), offset=1)
    if not due:
        return None
    whens = []
    for zone_name, day, slot in due:
        start, end = _day_bounds(zone_name, day)
        window = Q(group__timezone=zone_name, meeting__starts_at__gte=start)
        whens.append(When(window & Q(meeting__starts_at__lt=end), then=Value(slot)))
    earliest = min(_day_bounds(z, d)[0] for z, d, _s in due)
    meetings = Q(
        group__meetings__status=MeetingStatus.SCHEDULED,
        group__meetings__logged_at__isnull=True,
        group__meetings__starts_at__gte=earliest,
        group__meetings__starts_at__lte=now,
    )
    rows = _facilitators(meetings, Case(*whens, output_field=DateTimeField()))
    if organization_id is not None:
        rows = rows.filter(organization_id=organization_id)
    return rows


def collect_log(now: datetime) -> registry.Collected:
    rows = _log(now)
    if rows is None:
        return registry.Collected(send_now=[])
    ids = _insert(rows, now, LOG, "person__user_id", MEETING_PREFIX, MEETING_REF)
    return registry.Collected(send_now=ids)


def due_count_log(now: datetime, organization_id: int | None) -> int:
    rows = _log(now, organization_id)
    if rows is None:
        return 0
    return rows.exclude(_sent(LOG, "person__user_id", MEETING_PREFIX, MEETING_REF)).count()


def _visits(now: datetime, organization_id: int | None = None) -> QuerySet | None:
    """Visits planned for tomorrow (the group's zone), not logged yet, to their liaison."""
    due = days_come(now, _zones(organization_id), offset=-1)
    if not due:
        return None
    whens, windows = [], Q()
    for zone_name, day, slot in due:
        window = Q(group__timezone=zone_name, planned_on=day)
        windows |= window
        whens.append(When(window, then=Value(slot)))
    rows = LiaisonVisit.objects.filter(windows, visited_on__isnull=True).filter(
        reachable("liaison__")
    )
    if organization_id is not None:
        rows = rows.filter(organization_id=organization_id)
    return rows.annotate(slot=Case(*whens, output_field=DateTimeField()))


def collect_visit(now: datetime) -> registry.Collected:
    rows = _visits(now)
    if rows is None:
        return registry.Collected(send_now=[])
    ids = _insert(rows, now, VISIT, "liaison__user_id", VISIT_PREFIX, "pk")
    return registry.Collected(send_now=ids)


def due_count_visit(now: datetime, organization_id: int | None) -> int:
    rows = _visits(now, organization_id)
    if rows is None:
        return 0
    return rows.exclude(_sent(VISIT, "liaison__user_id", VISIT_PREFIX, "pk")).count()


# --- loading, checking and writing ---------------------------------------------------------------


@dataclass(frozen=True)
class MeetingItem:
    meeting: Meeting
    recipient: StaffProfile | None
    facilitates: bool


def load_meetings(deliveries: list[Delivery]) -> dict[int, MeetingItem]:
    """Three queries: the meetings with their groups, who facilitates them, the recipients."""
    wanted = {d.pk: int(d.subject.removeprefix(MEETING_PREFIX)) for d in deliveries}
    meetings = Meeting.objects.select_related("group").in_bulk(set(wanted.values()))
    group_ids = {m.group_id for m in meetings.values()}
    facilitating = set(
        Facilitator.objects.filter(group_id__in=group_ids).values_list("group_id", "person_id")
    )
    profiles = recipients(deliveries)
    loaded = {}
    for d in deliveries:
        meeting = meetings.get(wanted[d.pk])
        if meeting is None:
            continue
        person = profiles.get(d.recipient_id)
        facilitates = person is not None and (meeting.group_id, person.pk) in facilitating
        loaded[d.pk] = MeetingItem(meeting, person, facilitates)
    return loaded


def skip_soon(delivery: Delivery, item: MeetingItem | None) -> str | None:
    if item is None:
        return "meeting removed"
    if not at_work(item.recipient) or not item.facilitates:
        return "not facilitating now"
    if item.meeting.status != MeetingStatus.SCHEDULED:
        return "cancelled or moved"
    if item.meeting.group.status not in (GroupStatus.FORMING, GroupStatus.MEETING):
        return "group not meeting"
    if delivery.due_slot != item.meeting.starts_at - AHEAD:
        return "time changed"
    return None


def skip_log(delivery: Delivery, item: MeetingItem | None) -> str | None:
    if item is None:
        return "meeting removed"
    if not at_work(item.recipient) or not item.facilitates:
        return "not facilitating now"
    if item.meeting.logged_at is not None or item.meeting.status != MeetingStatus.SCHEDULED:
        return "logged already"
    return None


def render_soon(delivery: Delivery, item: MeetingItem) -> registry.Message:
    person = item.recipient
    link = reverse("group_meeting", args=[item.meeting.pk])
    with translation.override(person.language):
        when = local_time_text(item.meeting.starts_at, person)
        subject = _("A group you facilitate meets soon")
        title = _("A group you facilitate meets on %(when)s.") % {"when": when}
        text = _(
            "A reminder: a group you facilitate meets on %(when)s (your time). The meeting page "
            "has the agreement to read aloud and the meeting plan:"
        ) % {"when": when}
        body = work_body(person, text, link, delivery.recipient_id)
    return registry.Message(subject, body, title, link, pause_headers(delivery.recipient_id))


def render_log(delivery: Delivery, item: MeetingItem) -> registry.Message:
    person = item.recipient
    link = reverse("group_meeting", args=[item.meeting.pk]) + "#log"
    with translation.override(person.language):
        when = local_time_text(item.meeting.starts_at, person)
        subject = _("Log yesterday's group meeting")
        title = _("When you have a minute: log the meeting of %(when)s.") % {"when": when}
        text = _(
            "When you have a minute, please log the group meeting of %(when)s: how many came, "
            "and anything that needs follow-up. Numbers only, never names:"
        ) % {"when": when}
        body = work_body(person, text, link, delivery.recipient_id)
    return registry.Message(subject, body, title, link, pause_headers(delivery.recipient_id))


@dataclass(frozen=True)
class VisitItem:
    visit: LiaisonVisit
    recipient: StaffProfile | None
    still_liaison: bool


def load_visits(deliveries: list[Delivery]) -> dict[int, VisitItem]:
    """Three queries: the visits with their groups, who is liaison now, the recipients."""
    wanted = {d.pk: int(d.subject.removeprefix(VISIT_PREFIX)) for d in deliveries}
    visits = LiaisonVisit.objects.select_related("group").in_bulk(set(wanted.values()))
    liaisons = set(
        Liaison.objects.filter(group_id__in={v.group_id for v in visits.values()}).values_list(
            "group_id", "person_id"
        )
    )
    profiles = recipients(deliveries)
    loaded = {}
    for d in deliveries:
        visit = visits.get(wanted[d.pk])
        if visit is not None:
            current = (visit.group_id, visit.liaison_id) in liaisons
            loaded[d.pk] = VisitItem(visit, profiles.get(d.recipient_id), current)
    return loaded


def skip_visit(delivery: Delivery, item: VisitItem | None) -> str | None:
    if item is None:
        return "visit removed"
    if not at_work(item.recipient) or item.visit.liaison_id != item.recipient.pk:
        return "not the liaison now"
    if not item.still_liaison:
        return "not the liaison now"
    if item.visit.visited_on is not None:
        return "visited already"
    return None


def render_visit(delivery: Delivery, item: VisitItem) -> registry.Message:
    person = item.recipient
    link = reverse("group_liaison", args=[item.visit.group_id])
    with translation.override(person.language):
        day = date_format(item.visit.planned_on, _("l j F"))
        subject = _("Your liaison visit is tomorrow")
        title = _("Your liaison visit is on %(day)s.") % {"day": day}
        text = _(
            "A reminder: you planned a liaison visit to a group on %(day)s. Your card with how "
            "to reach you is on your liaison page:"
        ) % {"day": day}
        body = work_body(person, text, link, delivery.recipient_id)
    return registry.Message(subject, body, title, link, pause_headers(delivery.recipient_id))


for name, collect, load, skip, render, count in (
    (SOON, collect_soon, load_meetings, skip_soon, render_soon, due_count_soon),
    (LOG, collect_log, load_meetings, skip_log, render_log, due_count_log),
    (VISIT, collect_visit, load_visits, skip_visit, render_visit, due_count_visit),
):
    registry.register(
        registry.ReminderKind(
            name=name,
            collect=collect,
            load=load,
            skip_reason=skip,
            render=render,
            due_count=count,
        )
    )
