"""Calendar files and recurrence.

iCalendar (RFC 5545) documents, events in and text out: every app's calendar files and feeds
(supervision sessions now; group meetings and wellness events next) are written here, so the
escaping and line folding that calendar apps are strict about live in one place. And weekly
series at a wall-clock time, which daylight saving time never moves."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def weekly_starts(
    on: date, at: time, zone: str, every_weeks: int | None, count: int | None
) -> list[datetime]:
    """The starts of a weekly series in UTC: the same wall-clock time every N weeks, so
    daylight saving time moves the UTC time, never the local one. A time that doesn't exist on
    a spring-forward day comes out an hour later on the wall clock (zoneinfo's fold=0)."""
    tz = ZoneInfo(zone)
    days = [on + timedelta(weeks=every_weeks * n) for n in range(count)] if every_weeks else [on]
    return [datetime.combine(day, at, tzinfo=tz).astimezone(UTC) for day in days]


def weekly_between(
    *, anchor: date, weekday: int, at: time, zone: str, every_weeks: int, since: date, until: date
) -> list[datetime]:
    """The starts (in UTC) of an open-ended weekly series that fall on days from `since` to
    `until`: the same wall-clock time on `weekday` (Monday 0) every N weeks, counted from the
    first such weekday on or after `anchor`."""
    first = anchor + timedelta(days=(weekday - anchor.weekday()) % 7)
    step = timedelta(weeks=every_weeks)
    if since > first:
        skipped = -(-(since - first).days // step.days)  # whole steps, rounded up
        first += skipped * step
    tz = ZoneInfo(zone)
    starts, day = [], first
    while day <= until:
        starts.append(datetime.combine(day, at, tzinfo=tz).astimezone(UTC))
        day += step
    return starts


@dataclass(frozen=True)
class Event:
    uid: str  # stable across updates: "<kind>-<pk>@<host>"
    start: datetime
    end: datetime
    summary: str
    description: str
    url: str
    sequence: int
    cancelled: bool
    last_modified: datetime
    location: str = ""


# Apps that add events to a person's private calendar feed (the feed itself lives in
# supervision/calendar.py): each source gives the person's events from `now - its own past`.
FeedSource = Callable[[object, datetime], Iterable["Event"]]
_FEED_SOURCES: list[FeedSource] = []


def register_feed_source(source: FeedSource) -> FeedSource:
    if source not in _FEED_SOURCES:
        _FEED_SOURCES.append(source)
    return source


def feed_events(person: object, now: datetime) -> list[Event]:
    """Every registered app's events for this person's feed."""
    return [event for source in _FEED_SOURCES for event in source(person, now)]


def calendar_text(events: Iterable[Event], *, name: str, prodid: str, now: datetime) -> str:
    """A whole VCALENDAR, published for subscription (refreshed hourly)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{prodid}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        "X-PUBLISHED-TTL:PT1H",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
    ]
    for event in events:
        lines += _event_lines(event, now)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _event_lines(event: Event, now: datetime) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{utc(now)}",
        f"DTSTART:{utc(event.start)}",
        f"DTEND:{utc(event.end)}",
        f"SUMMARY:{escape(event.summary)}",
        f"DESCRIPTION:{escape(event.description)}",
        f"URL:{event.url}",
        f"SEQUENCE:{event.sequence}",
        f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}",
        f"LAST-MODIFIED:{utc(event.last_modified)}",
    ]
    if event.location:
        lines.append(f"LOCATION:{escape(event.location)}")
    lines.append("END:VEVENT")
    return lines


def host_of(base_url: str) -> str:
    """The host part of the site's address, for UIDs."""
    return base_url.split("://", 1)[-1].split("/", 1)[0] or "peerwell"


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def escape(text: str) -> str:
    """TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1),
    never splitting a UTF-8 character."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        if size + width > (75 if not parts else 74):
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)
