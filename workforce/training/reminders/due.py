"""training-due: to the learner, gently, a week before the due date and the day after it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    DateTimeField,
    Exists,
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

from notifications import registry
from notifications.kinds import (
    LATE_LIMIT,
    insert_ledger_rows,
    pause_footer,
    pause_headers,
    reachable,
)
from notifications.models import Delivery
from workforce.models import (
    Assignment,
    EmploymentStatus,
    TrainingFormat,
)
from workforce.training.reminders.common import (
    DUE,
    DUE_SOON_DAYS,
    SUBJECT_PREFIX,
    passed_slot,
    soon_slot,
)
from workforce.validators import zone_of

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
        slot = soon_slot(day, zone_of(name))
        if cutoff < slot <= now:
            groups[(day, slot, Q())].append(name)
        elif slot <= cutoff and now < passed_slot(day, zone_of(name)):
            # Made at short notice, after its slot: told once, as soon as it is made.
            groups[(day, slot, Q(created_at__gt=cutoff))].append(name)
    return _grouped_whens(groups)


def _passed_whens(now: datetime, zones: set[str], days: list[date]) -> list[When]:
    """The "passed" slot of each (due date, zone) pair that is due now, for assignments made
    by the end of their due date: one made later (a late renewal) never hears it passed."""
    cutoff = now - LATE_LIMIT
    groups: dict[tuple[date, datetime, Q], list[str]] = defaultdict(list)
    for day, name in ((day, name) for day in days for name in sorted(zones)):
        zone = zone_of(name)
        slot = passed_slot(day, zone)
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
    ).filter(reachable("person__"))
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
        ids += insert_ledger_rows(
            rows,
            now=now,
            kind=DUE,
            recipient="person__user_id",
            subject=_assignment_subject(),
            slot="slot",
            emails_flag="person__work_emails",
        )
    return registry.Collected(send_now=ids)


@dataclass(frozen=True)
class DueItem:
    assignment: Assignment
    which: str | None  # "soon", "passed", or None when the due date (or zone) moved since


def _which(delivery: Delivery, assignment: Assignment) -> str | None:
    if assignment.due_on is None:
        return None
    zone = zone_of(assignment.person.timezone)
    if delivery.due_slot == soon_slot(assignment.due_on, zone):
        return "soon"
    if delivery.due_slot == passed_slot(assignment.due_on, zone):
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
            "module": assignment.module.shown_title,
            # Translators: a date format (Django's date letters); Spanish adds "de".
            "date": date_format(assignment.due_on, _("l j F Y")),
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
        body = f"{greeting}\n\n{text}\n\n{settings.BASE_URL}{link}\n" + pause_footer(
            delivery.recipient_id
        )
    return registry.Message(
        subject=subject,
        body=body,
        title=title,
        link=link,
        headers=pause_headers(delivery.recipient_id),
    )


def due_count_due(now: datetime, organization_id: int | None) -> int:
    return sum(rows.count() for rows in _due_rows(now, organization_id))


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
