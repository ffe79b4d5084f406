"""The check-in reminder kind, plugged into the reminder engine (notifications/)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from notifications import registry
from notifications.models import Delivery
from selfcare import schedule
from selfcare.models import CheckInSchedule
from selfcare.tokens import pause_token
from workforce.models import EmploymentStatus

KIND = "checkin"
UPDATE_CHUNK = 5000
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


def collect(now: datetime) -> int:
    """Write one ledger row per due schedule and move each schedule to its next slot.

    One indexed query finds the due schedules; rows that share a rule share one slot
    computation and one UPDATE, so 100,000 people due in the same minute cost a handful of
    statements, not 100,000. A slot missed during downtime gives one late reminder (the
    latest slot), never one per missed slot, and a late one waits out quiet hours.
    """
    due = list(
        CheckInSchedule.objects.filter(enabled=True, next_due_at__lte=now).values(
            "id", "organization_id", "owner__user_id", "channel", "next_slot_at", *RULE_FIELDS
        )
    )
    if not due:
        return 0
    rules: dict[tuple, schedule.Rule] = {}
    next_slots: dict[tuple, datetime | None] = {}
    deliveries: list[Delivery] = []
    advance: dict[tuple[datetime, datetime | None], list[int]] = defaultdict(list)
    defer: dict[tuple[datetime, datetime], list[int]] = defaultdict(list)
    for row in due:
        key = tuple(row[f] for f in RULE_FIELDS)
        rule = rules.get(key) or rules.setdefault(key, _rule(row))
        slot = row["next_slot_at"]
        later = schedule.deferred_until(rule, slot, now)
        if later is not None:
            defer[(slot, later)].append(row["id"])
            continue
        deliveries.append(
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
        )
        if key not in next_slots:
            next_slots[key] = schedule.next_slot(rule, now)
        advance[(slot, next_slots[key])].append(row["id"])
    with transaction.atomic():
        # A re-run (two beats, a retried dispatch) finds the key taken and writes nothing.
        Delivery.objects.bulk_create(deliveries, batch_size=2000, ignore_conflicts=True)
        for (slot, new_slot), ids in advance.items():
            for start in range(0, len(ids), UPDATE_CHUNK):
                # Only schedules still at this slot move: a change made meanwhile wins.
                CheckInSchedule.objects.filter(
                    pk__in=ids[start : start + UPDATE_CHUNK], next_slot_at=slot
                ).update(next_slot_at=new_slot, next_due_at=new_slot)
        for (slot, later), ids in defer.items():
            for start in range(0, len(ids), UPDATE_CHUNK):
                CheckInSchedule.objects.filter(
                    pk__in=ids[start : start + UPDATE_CHUNK], next_slot_at=slot
                ).update(next_due_at=later)
    return len(deliveries)


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
        collect=collect,
        load=load,
        skip_reason=skip_reason,
        render=render,
        due_count=due_count,
    )
)
