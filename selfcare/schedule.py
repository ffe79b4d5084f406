"""Check-in reminder slots: pure functions of a schedule's rule and a moment.

Slots are computed on local calendar dates in the person's own IANA timezone and only then
converted to UTC, so a DST change moves nothing: 9:00 stays 9:00 local. A local time that a
spring-forward skips (02:30) is sent at the equivalent moment just after the gap (03:30); one
that a fall-back repeats (01:30) is sent once, at its first occurrence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DAILY, WEEKDAYS, WEEKLY, FORTNIGHTLY = "daily", "weekdays", "weekly", "fortnightly"
SEARCH_DAYS = 22  # long enough to find the next slot of any frequency after any pause edge
# A reminder more than this late is "late": it waits for the end of quiet hours.
LATE_AFTER = timedelta(minutes=10)


@dataclass(frozen=True)
class Rule:
    """When someone wants check-in reminders."""

    frequency: str
    weekdays: frozenset[int]  # Monday = 0; used by weekly and fortnightly
    time_of_day: time
    tz: str
    anchor: date  # fortnightly: reminders fall in weeks an even number of weeks from this one
    quiet_start: time | None = None
    quiet_end: time | None = None
    paused_until: date | None = None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)


def occurs_on(rule: Rule, day: date) -> bool:
    if rule.paused_until is not None and day <= rule.paused_until:
        return False
    weekday = day.weekday()
    if rule.frequency == DAILY:
        return True
    if rule.frequency == WEEKDAYS:
        return weekday < 5
    if weekday not in rule.weekdays:
        return False
    if rule.frequency == WEEKLY:
        return True
    anchor_monday = rule.anchor - timedelta(days=rule.anchor.weekday())
    this_monday = day - timedelta(days=weekday)
    return ((this_monday - anchor_monday).days // 7) % 2 == 0


def slot_on(rule: Rule, day: date) -> datetime:
    """The UTC moment of `day`'s reminder at the local time of day."""
    local = datetime.combine(day, rule.time_of_day, tzinfo=rule.zone)
    # A wall time skipped by spring-forward does not round-trip; zoneinfo then applies the
    # offset from before the gap, which lands just after it. Normalize through UTC.
    return local.astimezone(UTC)


def next_slot(rule: Rule, after: datetime) -> datetime | None:
    """The first slot strictly after `after` (aware), or None if none is near."""
    start = after.astimezone(rule.zone).date()
    if rule.paused_until is not None and rule.paused_until >= start:
        start = rule.paused_until + timedelta(days=1)
    for offset in range(SEARCH_DAYS):
        day = start + timedelta(days=offset)
        if occurs_on(rule, day):
            slot = slot_on(rule, day)
            if slot > after:
                return slot
    return None


def time_in_quiet_hours(moment: time, start: time | None, end: time | None) -> bool:
    if start is None or end is None or start == end:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end  # quiet hours span midnight


def in_quiet_hours(rule: Rule, moment: datetime) -> bool:
    local = moment.astimezone(rule.zone).time()
    return time_in_quiet_hours(local, rule.quiet_start, rule.quiet_end)


def quiet_end_after(rule: Rule, moment: datetime) -> datetime:
    """The first end of quiet hours after `moment`."""
    local_day = moment.astimezone(rule.zone).date()
    for offset in range(3):
        candidate = datetime.combine(
            local_day + timedelta(days=offset), rule.quiet_end, tzinfo=rule.zone
        ).astimezone(UTC)
        if candidate > moment:
            return candidate
    raise AssertionError("quiet hours end within two days")


def deferred_until(rule: Rule, slot: datetime, now: datetime) -> datetime | None:
    """A late reminder (after downtime) never arrives in quiet hours: when it would, this is
    when it may go instead. None: it may go now."""
    if now - slot > LATE_AFTER and in_quiet_hours(rule, now):
        return quiet_end_after(rule, now)
    return None
