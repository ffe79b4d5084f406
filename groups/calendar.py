"""Group meetings in calendars: an .ics file per meeting, and the facilitator's meetings in their
private calendar feed (supervision/calendar.py serves the feed; this registers a source).

Events carry the group's name, when, the format and the venue's name and area: never a
meeting link or an address (calendars are often shared), and never anyone's name."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from core import ics
from groups.models import Meeting, MeetingStatus

FEED_PAST = timedelta(days=90)
PRODID = "-//PeerWell//Groups//EN"


def event(meeting: Meeting) -> ics.Event:
    group = meeting.group
    page = settings.BASE_URL + reverse("group_meeting", args=[meeting.pk])
    details = [
        _("How: %(format)s") % {"format": group.get_format_display()},
        _("In PeerWell: %(page)s") % {"page": page},
    ]
    where = f"{group.venue.name}, {group.venue.area}" if group.venue_id and group.venue else ""
    return ics.Event(
        uid=f"group-meeting-{meeting.pk}@{ics.host_of(settings.BASE_URL)}",
        start=meeting.starts_at,
        end=meeting.ends_at,
        summary=_("Group meeting: %(name)s") % {"name": group.name},
        description="\n".join(details),
        url=page,
        sequence=meeting.sequence,
        cancelled=meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.MOVED),
        last_modified=meeting.updated_at,
        location=where,
    )


def meeting_ics(meeting: Meeting, *, now: datetime) -> str:
    return ics.calendar_text([event(meeting)], name=_("Group meeting"), prodid=PRODID, now=now)


def facilitator_events(person: object, now: datetime) -> Iterable[ics.Event]:
    """The meetings of the groups this person facilitates, from FEED_PAST on."""
    meetings = (
        Meeting.objects.filter(
            group__facilitators__person=person,
            organization_id=person.organization_id,
            starts_at__gte=now - FEED_PAST,
        )
        .select_related("group__venue")
        .order_by("starts_at", "pk")
    )
    return [event(m) for m in meetings]


ics.register_feed_source(facilitator_events)
