"""Who may see or do what with wellness events. Built on workforce.access; the table is
docs/access.md.

- Everyone sees the events that are for them: for everyone, for their team (a supervisor's
  current supervisees and the supervisor), or for a role they hold. Org admins, program managers
  and an event's organizers see every event they run or could run.
- Org admins and program managers post events and change any of them; the people they name as
  organizers change their own events.
- A reply and a private note are their owner's. An event's organizers, org admins and program
  managers see how many are coming; names only on an event that said so before anyone
  replied, and only to its organizers. HR, supervisors and everyone else see no replies.
- Participation is shown to program managers and org admins as monthly totals per kind of
  event, each under MIN_PEOPLE hidden (events.participation).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from core import dates
from events.models import Audience, EventIdea, EventOccurrence, WellnessEvent
from supervision.models import SupervisorAssignment
from workforce.access import has_role, profile_of
from workforce.models import Role, StaffProfile

if TYPE_CHECKING:
    from workforce.access import AnyUser

# Roles that post events, change any event and see each event's count.
EVENT_POSTERS = (Role.PROGRAM_MANAGER, Role.ORG_ADMIN)
# Roles that see participation as monthly totals.
PARTICIPATION_READERS = (Role.PROGRAM_MANAGER, Role.ORG_ADMIN)
# Roles that can't be an event's organizer: HR keeps out of wellbeing, even as a host.
NOT_ORGANIZERS = (Role.HR,)


def can_post_events(user: AnyUser) -> bool:
    return has_role(user, *EVENT_POSTERS)


def can_view_participation(user: AnyUser) -> bool:
    return has_role(user, *PARTICIPATION_READERS)


def _audience_scope(profile: StaffProfile, prefix: str = "") -> Q:
    """Events that are for this person, as a filter on WellnessEvent (or through `prefix`)."""
    today = dates.organization_today(profile.organization)
    leads = SupervisorAssignment.objects.current(today).filter(specialist=profile)
    team = Q(**{f"{prefix}team_lead": profile}) | Q(
        **{f"{prefix}team_lead__in": leads.values("supervisor_id")}
    )
    return (
        Q(**{f"{prefix}audience": Audience.EVERYONE})
        | (Q(**{f"{prefix}audience": Audience.TEAM}) & team)
        | Q(**{f"{prefix}audience": Audience.ROLE, f"{prefix}role__in": list(profile.roles)})
    )


def _organizing(profile: StaffProfile, ref: str = "pk") -> Exists:
    through = WellnessEvent.organizers.through
    return Exists(through.objects.filter(wellnessevent_id=OuterRef(ref), staffprofile=profile))


def events_visible_to(user: AnyUser) -> QuerySet[WellnessEvent]:
    """The events the caller sees: all of their organization's for posters, otherwise those
    for them and those they organize."""
    profile = profile_of(user)
    if profile is None:
        return WellnessEvent.objects.none()
    events = WellnessEvent.objects.filter(organization_id=profile.organization_id)
    if profile.has_role(*EVENT_POSTERS):
        return events
    return events.filter(_audience_scope(profile) | Q(_organizing(profile)))


def occurrences_visible_to(user: AnyUser) -> QuerySet[EventOccurrence]:
    profile = profile_of(user)
    if profile is None:
        return EventOccurrence.objects.none()
    rows = EventOccurrence.objects.filter(organization_id=profile.organization_id)
    if profile.has_role(*EVENT_POSTERS):
        return rows
    return rows.filter(_audience_scope(profile, "event__") | Q(_organizing(profile, "event_id")))


def is_for(user: AnyUser, event: WellnessEvent) -> bool:
    """The event is for this person (its audience), not only theirs to run."""
    profile = profile_of(user)
    if profile is None or profile.organization_id != event.organization_id:
        return False
    return WellnessEvent.objects.filter(pk=event.pk).filter(_audience_scope(profile)).exists()


def get_event(user: AnyUser, pk: object) -> WellnessEvent:
    try:
        return events_visible_to(user).get(pk=pk)
    except (WellnessEvent.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def get_occurrence(user: AnyUser, pk: object) -> EventOccurrence:
    try:
        return occurrences_visible_to(user).select_related("event").get(pk=pk)
    except (EventOccurrence.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def organizes(user: AnyUser, event: WellnessEvent) -> bool:
    """Named as one of this event's organizers (prefetched organizers read without a query)."""
    profile = profile_of(user)
    return profile is not None and any(p.pk == profile.pk for p in event.organizers.all())


def can_change_event(user: AnyUser, event: WellnessEvent) -> bool:
    profile = profile_of(user)
    if profile is None or profile.organization_id != event.organization_id:
        return False
    return profile.has_role(*EVENT_POSTERS) or organizes(user, event)


def can_see_count(user: AnyUser, event: WellnessEvent) -> bool:
    """How many are coming: the people who run events."""
    return can_change_event(user, event)


def can_see_names(user: AnyUser, event: WellnessEvent) -> bool:
    """Who is coming: only an event's own organizers, only on an event that said so."""
    return event.shares_names and organizes(user, event)


def can_read_ideas(user: AnyUser) -> bool:
    """Event ideas are for the people who post events and those who organize one still to
    come (an organizer of long ago doesn't keep reading them)."""
    profile = profile_of(user)
    if profile is None:
        return False
    if profile.has_role(*EVENT_POSTERS):
        return True
    running = profile.organizing_events.filter(
        cancelled_at__isnull=True, occurrences__ends_at__gt=dates.now()
    )
    return running.exists()


def ideas_visible_to(user: AnyUser) -> QuerySet[EventIdea]:
    profile = profile_of(user)
    if profile is None or not can_read_ideas(user):
        return EventIdea.objects.none()
    return EventIdea.objects.filter(organization_id=profile.organization_id)
