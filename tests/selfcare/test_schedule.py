"""Check-in reminder slots across time zones, DST, frequencies, pauses and quiet hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from selfcare import schedule
from selfcare.schedule import Rule


def rule(**changes: object) -> Rule:
    base = dict(
        frequency=schedule.DAILY,
        weekdays=frozenset(),
        time_of_day=time(9, 0),
        tz="America/New_York",
        anchor=date(2026, 1, 5),
    )
    return Rule(**{**base, **changes})


def slots(r: Rule, start: datetime, count: int) -> list[datetime]:
    found, after = [], start
    for _ in range(count):
        after = schedule.next_slot(r, after)
        found.append(after)
    return found


# (zone, a date range that crosses its DST change(s), or none for zones without DST)
ZONES = [
    ("America/New_York", date(2026, 3, 6), date(2026, 3, 11)),  # spring forward Mar 8
    ("America/New_York", date(2026, 10, 30), date(2026, 11, 4)),  # fall back Nov 1
    ("Europe/London", date(2026, 3, 27), date(2026, 4, 1)),  # Mar 29
    ("Europe/London", date(2026, 10, 23), date(2026, 10, 28)),  # Oct 25
    ("Australia/Sydney", date(2026, 4, 2), date(2026, 4, 7)),  # back Apr 5
    ("Australia/Sydney", date(2026, 10, 2), date(2026, 10, 7)),  # forward Oct 4
    ("Asia/Kolkata", date(2026, 3, 6), date(2026, 3, 11)),  # UTC+5:30, no DST
    ("America/Phoenix", date(2026, 3, 6), date(2026, 3, 11)),  # no DST while Denver shifts
]


@pytest.mark.parametrize(("tz", "first", "last"), ZONES)
@pytest.mark.parametrize("at", [time(9, 0), time(2, 30), time(1, 30), time(23, 45)])
def test_it_gives_one_slot_per_local_day_at_the_same_local_time(tz, first, last, at) -> None:
    r = rule(tz=tz, time_of_day=at)
    zone = ZoneInfo(tz)
    start = datetime.combine(first, time(0, 0), tzinfo=zone) - timedelta(minutes=1)
    days = (last - first).days + 1
    found = slots(r, start, days)
    local_days = [s.astimezone(zone).date() for s in found]
    assert local_days == [first + timedelta(days=i) for i in range(days)]  # none skipped or doubled
    for s in found:
        local = s.astimezone(zone)
        wall = datetime.combine(local.date(), at, tzinfo=zone)
        exists = wall.astimezone(UTC).astimezone(zone).time() == at
        # A wall time that a spring-forward skips goes out just after the gap.
        shifted = (datetime.combine(local.date(), at) + timedelta(hours=1)).time()
        assert local.time() == (at if exists else shifted)


def test_it_sends_a_time_skipped_by_spring_forward_just_after_the_gap() -> None:
    r = rule(time_of_day=time(2, 30))
    slot = schedule.next_slot(r, datetime(2026, 3, 8, 0, 0, tzinfo=UTC))
    assert slot == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)  # 03:30 EDT
    assert slot.astimezone(ZoneInfo("America/New_York")).time() == time(3, 30)


def test_it_sends_a_time_repeated_by_fall_back_once() -> None:
    r = rule(time_of_day=time(1, 30))
    first = schedule.next_slot(r, datetime(2026, 11, 1, 4, 0, tzinfo=UTC))
    assert first == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT, the first 01:30
    second = schedule.next_slot(r, first)
    assert second.astimezone(ZoneInfo("America/New_York")).date() == date(2026, 11, 2)


def test_it_keeps_utc_slots_nine_local_across_the_change() -> None:
    r = rule()
    before, after = slots(r, datetime(2026, 3, 7, 0, 0, tzinfo=UTC), 2)
    assert (before.hour, after.hour) == (14, 13)  # 09:00 EST, then 09:00 EDT


def test_it_skips_weekends_for_weekdays() -> None:
    r = rule(frequency=schedule.WEEKDAYS)
    found = slots(r, datetime(2026, 11, 27, 15, 0, tzinfo=UTC), 3)  # after Friday's slot
    assert [s.astimezone(r.zone).strftime("%a") for s in found] == ["Mon", "Tue", "Wed"]


def test_it_uses_the_chosen_days_for_weekly() -> None:
    r = rule(frequency=schedule.WEEKLY, weekdays=frozenset({1, 3}))  # Tue, Thu
    found = slots(r, datetime(2026, 11, 23, 0, 0, tzinfo=UTC), 4)
    assert [s.astimezone(r.zone).date().isoformat() for s in found] == [
        "2026-11-24",
        "2026-11-26",
        "2026-12-01",
        "2026-12-03",
    ]


def test_it_uses_every_other_week_for_fortnightly() -> None:
    r = rule(frequency=schedule.FORTNIGHTLY, weekdays=frozenset({0}), anchor=date(2026, 11, 25))
    found = slots(r, datetime(2026, 11, 20, 0, 0, tzinfo=UTC), 3)
    assert [s.astimezone(r.zone).date().isoformat() for s in found] == [
        "2026-11-23",
        "2026-12-07",
        "2026-12-21",
    ]


def test_it_skips_paused_days_even_for_a_long_pause() -> None:
    r = rule(paused_until=date(2027, 2, 14))
    slot = schedule.next_slot(r, datetime(2026, 11, 26, 0, 0, tzinfo=UTC))
    assert slot.astimezone(r.zone).date() == date(2027, 2, 15)


def test_it_knows_quiet_hours_that_span_midnight() -> None:
    r = rule(quiet_start=time(21, 0), quiet_end=time(7, 0))
    at = lambda h, m=0: datetime(2026, 6, 1, h, m, tzinfo=r.zone)  # noqa: E731
    assert schedule.in_quiet_hours(r, at(22))
    assert schedule.in_quiet_hours(r, at(3))
    assert not schedule.in_quiet_hours(r, at(7))
    assert not schedule.in_quiet_hours(r, at(20, 59))
    assert not schedule.in_quiet_hours(rule(), at(3))  # no quiet hours set


def test_it_holds_a_late_reminder_until_quiet_hours_end() -> None:
    r = rule(time_of_day=time(20, 0), quiet_start=time(21, 0), quiet_end=time(7, 0))
    slot = datetime(2026, 6, 1, 20, 0, tzinfo=r.zone)
    three_am = datetime(2026, 6, 2, 3, 0, tzinfo=r.zone)
    assert schedule.deferred_until(r, slot, three_am) == datetime(2026, 6, 2, 7, 0, tzinfo=r.zone)
    # On time (within the grace minutes) it simply goes.
    assert schedule.deferred_until(r, slot, slot + timedelta(minutes=1)) is None
    # Late but outside quiet hours, it goes now.
    assert schedule.deferred_until(r, slot, datetime(2026, 6, 2, 9, 0, tzinfo=r.zone)) is None
