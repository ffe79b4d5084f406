"""Calendars: an .ics file per session and a private feed per person that calendar apps
subscribe to. A feed's address holds a random token; only its hash is stored, so the address
can be shown once, and making a new one (or turning it off) stops the old one at once.

Events carry when, how long, how and where, and a link to the session in PeerWell: never
notes, action items or reflections. Cancelled and moved sessions stay in the feed as
cancelled events (with a higher SEQUENCE), so subscribed calendars drop them."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import ics
from supervision.models import (
    CalendarFeed,
    SessionFormat,
    SessionKind,
    SessionStatus,
    SupervisionSession,
)
from supervision.selectors import PRIVATE, attendance_facts
from workforce import access
from workforce.models import EmploymentStatus, StaffProfile

FEED_PAST = timedelta(days=90)  # how far back a feed goes
PRODID = "-//PeerWell//Supervision//EN"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def feed_create(*, actor: object) -> str:
    """A new private feed address for the caller (the old one stops); returns its token."""
    profile = access.require_profile(actor)
    feed_revoke(actor=actor)
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.create(
        organization_id=profile.organization_id, person=profile, token_hash=_hash(token)
    )
    return token


def feed_revoke(*, actor: object) -> int:
    profile = access.require_profile(actor)
    return CalendarFeed.objects.filter(person=profile, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def feed_owner(token: str) -> StaffProfile | None:
    """Whose live feed this token opens, if any (people who left or lost access: none)."""
    if not token or len(token) > 100:
        return None
    feed = (
        CalendarFeed.objects.filter(
            token_hash=_hash(token), revoked_at__isnull=True, person__user__is_active=True
        )
        .exclude(person__employment_status=EmploymentStatus.LEFT)
        .select_related("person__organization")
        .first()
    )
    if feed is None:
        return None
    CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=timezone.now())
    return feed.person


def has_live_feed(person: StaffProfile) -> bool:
    return CalendarFeed.objects.filter(person=person, revoked_at__isnull=True).exists()


def feed_sessions(person: StaffProfile, *, now: datetime) -> QuerySet[SupervisionSession]:
    """A person's sessions for their feed: led or attended, from FEED_PAST on."""
    mine = Q(supervisor=person) | Q(attendance__person=person)
    return (
        SupervisionSession.objects.filter(
            mine, organization_id=person.organization_id, starts_at__gte=now - FEED_PAST
        )
        .distinct()
        .select_related("supervisor")
        .defer(*PRIVATE)  # the feed shows facts only: nothing private is decrypted
        .prefetch_related(Prefetch("attendance", queryset=attendance_facts()))
        .order_by("starts_at", "id")
    )


def calendar_text(
    sessions: Iterable[SupervisionSession],
    *,
    name: str,
    now: datetime,
    extra: Iterable[ics.Event] = (),
) -> str:
    """An iCalendar (RFC 5545) document of these sessions (and other apps' `extra` events)."""
    events = [*(_event(session) for session in sessions), *extra]
    return ics.calendar_text(events, name=name, prodid=PRODID, now=now)


def _event(session: SupervisionSession) -> ics.Event:
    page = settings.BASE_URL + reverse("supervision_session", args=[session.pk])
    details = [_("How: %(format)s") % {"format": SessionFormat(session.format).label}]
    if session.link:
        details.append(_("Video link: %(link)s") % {"link": session.link})
    details.append(_("In PeerWell: %(page)s") % {"page": page})
    return ics.Event(
        uid=f"supervision-session-{session.pk}@{ics.host_of(settings.BASE_URL)}",
        start=session.starts_at,
        end=session.ends_at,
        summary=_summary(session),
        description="\n".join(details),
        url=page,
        sequence=session.sequence,
        cancelled=session.status in (SessionStatus.CANCELLED, SessionStatus.RESCHEDULED),
        last_modified=session.updated_at,
        location=session.location if session.format == SessionFormat.IN_PERSON else "",
    )


def _summary(session: SupervisionSession) -> str:
    if session.kind == SessionKind.GROUP:
        return _("Group supervision with %(name)s") % {"name": session.supervisor.chosen_name}
    people = ", ".join(a.person.chosen_name for a in session.attendance.all())
    return _("Supervision: %(supervisor)s and %(people)s") % {
        "supervisor": session.supervisor.chosen_name,
        "people": people,
    }
