"""Who may see or do what in supervision: assignments, sessions, notes and attestations.
Built on workforce.access (profiles, roles, people); the table is docs/access.md."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from supervision.models import SupervisionSession, SupervisorAssignment
from workforce.access import PEOPLE_READERS, has_role, profile_of, supervisees_of
from workforce.models import Role, StaffProfile

if TYPE_CHECKING:
    from workforce.access import AnyUser

# Roles that set who supervises whom and the cadence, and schedule for anyone.
SUPERVISION_MANAGERS = (Role.PROGRAM_MANAGER, Role.ORG_ADMIN)
# Roles that see every session's facts (date, duration, format, status), never notes.
SESSION_READERS = (Role.PROGRAM_MANAGER, Role.ORG_ADMIN)
# Roles that schedule, move and cancel anyone's sessions (org admins only read them).
SESSION_SCHEDULERS = (Role.PROGRAM_MANAGER,)


def can_manage_supervision(user: AnyUser) -> bool:
    return has_role(user, *SUPERVISION_MANAGERS)


def can_schedule_supervision(user: AnyUser) -> bool:
    """Supervisors (their own sessions) and program managers (anyone's)."""
    return has_role(user, *SESSION_SCHEDULERS, Role.SUPERVISOR)


def can_schedule_for_anyone(user: AnyUser) -> bool:
    return has_role(user, *SESSION_SCHEDULERS)


def can_view_supervised_hours(user: AnyUser) -> bool:
    """Signed hours totals per person (no sessions, no notes): HR, admins and managers."""
    return has_role(user, *PEOPLE_READERS)


def supervisor_assignments_visible_to(user: AnyUser) -> QuerySet[SupervisorAssignment]:
    """Supervision assignments: managers and admins see all; anyone else the ones they're
    in (as supervisor or supervisee)."""
    profile = profile_of(user)
    if profile is None:
        return SupervisorAssignment.objects.none()
    rows = SupervisorAssignment.objects.filter(organization_id=profile.organization_id)
    if profile.has_role(*SUPERVISION_MANAGERS, Role.HR):
        return rows
    return rows.filter(Q(supervisor=profile) | Q(specialist=profile))


def sessions_visible_to(user: AnyUser) -> QuerySet[SupervisionSession]:
    """Sessions whose facts the caller may read: managers and admins, all of the
    organization's; a supervisor, the ones they lead; a specialist, the ones they're in.
    HR reads hours totals only, never sessions."""
    profile = profile_of(user)
    if profile is None:
        return SupervisionSession.objects.none()
    sessions = SupervisionSession.objects.filter(organization_id=profile.organization_id)
    if profile.has_role(*SESSION_READERS):
        return sessions
    mine = Q(supervisor=profile) | Q(attendance__person=profile)
    # One row per session: the EXISTS form of "or I'm in it" (a join would repeat rows).
    return sessions.filter(pk__in=sessions.filter(mine).values("pk"))


def get_session(user: AnyUser, pk: object) -> SupervisionSession:
    try:
        # Notes are read (and decrypted) only where the pair's page shows them.
        return (
            sessions_visible_to(user)
            .select_related("supervisor")
            .defer("notes", "action_items", "supervisor__emergency_contact")
            .get(pk=pk)
        )
    except (SupervisionSession.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def is_in_session(user: AnyUser, session: SupervisionSession) -> bool:
    """The pair (or the group and its supervisor): the only people who read notes, action
    items and reflections."""
    profile = profile_of(user)
    if profile is None or profile.organization_id != session.organization_id:
        return False
    return session.supervisor_id == profile.pk or session.attendance.filter(person=profile).exists()


def leads_session(user: AnyUser, session: SupervisionSession) -> bool:
    """The session's supervisor: the one who logs and corrects it."""
    profile = profile_of(user)
    return profile is not None and session.supervisor_id == profile.pk


def can_change_session(user: AnyUser, session: SupervisionSession) -> bool:
    """Reschedule or cancel: its supervisor, or a program manager."""
    profile = profile_of(user)
    if profile is None or profile.organization_id != session.organization_id:
        return False
    return session.supervisor_id == profile.pk or profile.has_role(*SESSION_SCHEDULERS)


def can_view_attestation(user: AnyUser, person: StaffProfile) -> bool:
    """A supervised-hours attestation lists each signed session with its topics: the person
    (who hands it in with a renewal) and their current supervisors. HR sees hours totals
    only; managers see sessions' dates and lengths, not their topics."""
    profile = profile_of(user)
    if profile is None or profile.organization_id != person.organization_id:
        return False
    if profile.pk == person.pk:
        return True
    return supervisees_of(profile).filter(specialist=person).exists()
