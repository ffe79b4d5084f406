"""The clock: the one module in PeerWell that reads the date or time.

PeerWell has two "todays", and every rule uses one of them by name:

- **The organization's date** (`organization_today`, in the organization's own zone) for every
  rule about the organization's obligations and about access: current supervisor assignments
  and so who may read whom, overdue and due-soon training, certification status and expiry,
  supervision compliance windows, CE and completion dates that may not be in the future, the
  first due date of an assignment, reports, exports and demo data. A date that "may not be in
  the future" is also allowed up to the person's own date when theirs is ahead
  (`latest_today`), so nobody is told that today is the future. The same question gets the
  same answer on the pages and in the API, whoever asks and wherever they are.
- **The person's date** (`person_today`, in their own zone) for what a person does for
  themselves: check-in days and reminder times, the day a plan was last reviewed, "today" in
  their own history.

Both are computed from `now()` (Django's `timezone.now()`, an aware UTC instant), so a test that
moves the clock moves them both. Objects are passed in by duck typing (anything with a
`timezone` attribute naming an IANA zone), so this module imports no app.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils import timezone


class HasZone(Protocol):
    timezone: str


def now() -> datetime:
    """This instant, aware, in UTC."""
    return timezone.now()


@cache
def zone(name: str) -> ZoneInfo:
    """The zone of that IANA name; the site's zone for a name that isn't one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def date_in(zone_name: str, *, at: datetime | None = None) -> date:
    """The calendar date in that zone at that instant (now by default)."""
    return (at or now()).astimezone(zone(zone_name)).date()


def organization_today(organization: HasZone, *, at: datetime | None = None) -> date:
    """The organization's date: for its rules and for access."""
    return date_in(organization.timezone, at=at)


def person_today(person: HasZone, *, at: datetime | None = None) -> date:
    """The person's own date: for what they do for themselves."""
    return date_in(person.timezone, at=at)


def latest_today(*places: HasZone, at: datetime | None = None) -> date:
    """The latest date it is now in any of these zones: a date up to it is not "in the future"
    for anyone concerned (a learner in Tokyo may record a course finished on their today while
    their organization in Chicago is still on yesterday). The answer depends on the people and
    the organization, never on which door asked."""
    return max(date_in(place.timezone, at=at) for place in places)


def site_today() -> date:
    """The deployment's date, for work that belongs to no organization (e.g. a person without
    one). Everything about an organization uses organization_today."""
    return date_in(settings.TIME_ZONE)
