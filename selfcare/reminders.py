"""The check-in reminder kind, plugged into the reminder engine (notifications/)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from notifications import registry
from notifications.models import Delivery, DeliveryStatus
from selfcare import schedule
from selfcare.models import CheckInSchedule
from selfcare.tokens import pause_token
from workforce.models import EmploymentStatus

KIND = "checkin"
RULE_FIELDS = (
    "frequency",
    "weekdays_mask",
    "time_of_day",
    "timezone",
    "anchor",
    "quiet_start",
    "quiet_end",
    "paused_until",
)


def subject_for(schedule_id: int) -> str:
    return f"checkin-schedule:{schedule_id}"


def _rule(row: dict[str, Any]) -> schedule.Rule:
    return schedule.Rule(
        frequency=row["frequency"],
        weekdays=frozenset(d for d in range(7) if row["weekdays_mask"] & (1 << d)),
        time_of_day=row["time_of_day"],
        tz=row["timezone"],
        anchor=row["anchor"],
        quiet_start=row["quiet_start"],
        quiet_end=row["quiet_end"],
        paused_until=row["paused_until"],
    )


def collect(now: datetime) -> registry.Collected:
    """Write one ledger row per due schedule and move each schedule to its next slot.

    On-time reminders (the everyday case) are written by one INSERT ... SELECT and moved on by
    one UPDATE per distinct rule, so 100,000 people due in the same minute cost a handful of
    statements. Late ones (after downtime) take the careful path: one reminder for the latest
    missed slot, never one per missed slot, and none during quiet hours.
    """
    late_cutoff = now - schedule.LATE_AFTER
    due = CheckInSchedule.objects.filter(enabled=True, next_due_at__lte=now)
    with transaction.atomic():
        late = _collect_late(due.filter(next_slot_at__lt=late_cutoff), now)
        send_now = _insert_on_time(now, late_cutoff)
        _advance(due.filter(next_slot_at__gte=late_cutoff), now)
    return registry.Collected(send_now=send_now, queued=late)


# The Django ORM has no INSERT ... SELECT; this is the one statement that writes a whole
# minute's on-time reminders, already leased to this dispatcher, and returns their ids for it to
# enqueue. ON CONFLICT DO NOTHING makes a re-run (two beats, a retried dispatch) write and
# return nothing: the ledger's unique key is already taken.
INSERT_ON_TIME = """
INSERT INTO notifications_delivery
    (organization_id, recipient_id, kind, subject, due_slot, channel, status, attempts,
     next_attempt_at, created_at, last_error, skip_reason)
SELECT s.organization_id, p.user_id, %s, %s || s.id, s.next_slot_at, s.channel, %s, 0,
       %s, %s, '', ''
FROM selfcare_checkinschedule s
JOIN workforce_staffprofile p ON p.id = s.owner_id
WHERE s.enabled AND s.next_due_at <= %s AND s.next_slot_at >= %s
ON CONFLICT DO NOTHING
RETURNING id
"""


def _insert_on_time(now: datetime, late_cutoff: datetime) -> list[int]:
    from notifications.services import lease_until

    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(
            INSERT_ON_TIME,
            [
                KIND,
                "checkin-schedule:",
                DeliveryStatus.QUEUED,
                adapt(lease_until(now)),
                adapt(now),
                adapt(now),
                adapt(late_cutoff),
            ],
        )
        return [row[0] for row in cursor.fetchall()]


def _same_rule(group: dict[str, Any]) -> dict[str, Any]:
    """Filter arguments that match exactly the schedules of one (rule, slot) group."""
    return {
        (f"{name}__isnull" if group[name] is None else name): (
            True if group[name] is None else group[name]
        )
        for name in (*RULE_FIELDS, "next_slot_at")
    }


def _groups(schedules: QuerySet[CheckInSchedule]):
    return schedules.values(*RULE_FIELDS, "next_slot_at").annotate(n=Count("id")).order_by()


def _advance(due_on_time: QuerySet[CheckInSchedule], now: datetime) -> None:
    """Move on-time schedules to their next slot: one computation and one UPDATE per rule."""
    for group in _groups(due_on_time):
        new_slot = schedule.next_slot(_rule(group), now)
        # Only schedules still at this slot and rule move: a change made meanwhile wins.
        due_on_time.filter(**_same_rule(group)).update(next_slot_at=new_slot, next_due_at=new_slot)


def _collect_late(late: QuerySet[CheckInSchedule], now: datetime) -> int:
    written = 0
    for group in _groups(late):
        rule, slot = _rule(group), group["next_slot_at"]
        same = late.filter(**_same_rule(group))
        later = schedule.deferred_until(rule, slot, now)
        if later is not None:
            same.update(next_due_at=later)
            continue
        deliveries = [
            Delivery(
                organization_id=row["organization_id"],
                recipient_id=row["owner__user_id"],
                kind=KIND,
                subject=subject_for(row["id"]),
                due_slot=slot,
                channel=row["channel"],
                next_attempt_at=now,
                created_at=now,
            )
            for row in same.values("id", "organization_id", "owner__user_id", "channel")
        ]
        Delivery.objects.bulk_create(deliveries, batch_size=2000, ignore_conflicts=True)
        written += len(deliveries)
        new_slot = schedule.next_slot(rule, now)
        same.update(next_slot_at=new_slot, next_due_at=new_slot)
    return written


def load(deliveries: list[Delivery]) -> dict[int, CheckInSchedule]:
    ids = {int(d.subject.split(":", 1)[1]): d.pk for d in deliveries}
    schedules = CheckInSchedule.objects.filter(pk__in=ids).select_related("owner__user")
    return {ids[s.pk]: s for s in schedules}


def skip_reason(delivery: Delivery, item: CheckInSchedule | None) -> str | None:
    """Changing, pausing or turning off reminders takes effect even for a queued one."""
    if item is None:
        return "schedule removed"
    if not item.enabled:
        return "reminders turned off"
    if not item.owner.user.is_active or item.owner.employment_status == EmploymentStatus.LEFT:
        return "no longer with the organization"
    local_day = delivery.due_slot.astimezone(item.rule.zone).date()
    if item.paused_until and local_day <= item.paused_until:
        return "paused"
    if item.owner.user_id != delivery.recipient_id:
        return "recipient changed"
    return None


def render(delivery: Delivery, item: CheckInSchedule) -> registry.Message:
    """Only that a check-in is waiting, a link, and the way to pause: nothing else."""
    profile = item.owner
    pause_url = settings.BASE_URL + reverse(
        "checkin_pause", kwargs={"token": pause_token(user_id=profile.user_id, schedule_id=item.pk)}
    )
    with translation.override(profile.language):
        subject = _("A check-in is here whenever you're ready")
        body = render_to_string(
            "emails/checkin_reminder.txt",
            {
                "name": profile.chosen_name,
                "checkin_url": settings.BASE_URL + reverse("checkin"),
                "settings_url": settings.BASE_URL + reverse("checkin_reminders"),
                "pause_url": pause_url,
            },
        )
        title = _("A check-in is here whenever you're ready.")
    return registry.Message(
        subject=subject,
        body=body,
        title=title,
        link=reverse("checkin"),
        headers={
            # One-click "pause" in mail clients that support it (RFC 8058).
            "List-Unsubscribe": f"<{pause_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def due_count(now: datetime, organization_id: int | None) -> int:
    due = CheckInSchedule.objects.filter(enabled=True, next_due_at__lte=now)
    if organization_id is not None:
        due = due.filter(organization_id=organization_id)
    return due.count()


registry.register(
    registry.ReminderKind(
        name=KIND,
        private=True,
        collect=collect,
        load=load,
        skip_reason=skip_reason,
        render=render,
        due_count=due_count,
    )
)
