"""Wellness events in calendars: an .ics file per occurrence, and the occurrences a person said
they'd come (or might) to in their private calendar feed (supervision/calendar.py serves it).

An entry carries the event's title, what it is, when and the place's name: never the link to
join online (calendars are often shared; the link stays on the event's page) and never anyone's
name."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from core import ics
from events.models import Answer, EventOccurrence

FEED_PAST = timedelta(days=90)
PRODID = "-//PeerWell//Wellness events//EN"


def event(occurrence: EventOccurrence) -> ics.Event:
    wellness = occurrence.event
    page = settings.BASE_URL + reverse("event_occurrence", args=[occurrence.pk])
    details = [str(wellness.get_kind_display())]
    if wellness.content_note:
        details.append(_("A note before you come: %(note)s") % {"note": wellness.content_note})
    if wellness.paid_time:
        details.append(_("This counts as paid work time."))
    details.append(_("In PeerWell: %(page)s") % {"page": page})
    where = wellness.location or (_("Online") if wellness.place == "online" else "")
    return ics.Event(
        uid=f"wellness-event-{occurrence.pk}@{ics.host_of(settings.BASE_URL)}",
        start=occurrence.starts_at,
        end=occurrence.ends_at,
        summary=wellness.title,
        description="\n".join(details),
        url=page,
        sequence=occurrence.sequence,
        cancelled=occurrence.cancelled or wellness.cancelled,
        last_modified=max(occurrence.updated_at, wellness.updated_at),
        location=str(where),
    )


def occurrence_ics(occurrence: EventOccurrence, *, now: datetime) -> str:
    return ics.calendar_text([event(occurrence)], name=_("Wellness event"), prodid=PRODID, now=now)


def my_events(person: object, now: datetime) -> Iterable[ics.Event]:
    """What this person said they'd come (or might) to, from FEED_PAST on."""
    rows = (
        EventOccurrence.objects.filter(
            organization_id=person.organization_id,
            replies__person=person,
            replies__answer__in=(Answer.GOING, Answer.MAYBE),
            starts_at__gte=now - FEED_PAST,
        )
        .select_related("event")
        .order_by("starts_at", "pk")
    )
    return [event(o) for o in rows]


ics.register_feed_source(my_events)
