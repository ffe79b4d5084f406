"""The access policy: the one place that says who may see or change what.

Every queryset a view, viewset or task touches comes from a function here, scoped by the
caller's organization first and then by role. Objects outside that scope are not "forbidden",
they do not exist for the caller: getters raise Http404, never 403, so existence never leaks.

This module holds the primitives (profiles, roles, organizations, people, audit); each domain
keeps its rules beside it (workforce/training/access.py, workforce/certifications/access.py,
supervision/access.py, selfcare/access.py), built on these and importing
downward only. The rules are the table in docs/access.md; tests/workforce/
test_access_matrix.py checks them role by role on both front doors.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from core import dates
from supervision.models import SupervisorAssignment
from workforce.models import (
    AuditEvent,
    Organization,
    Role,
    StaffProfile,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from workforce.models import User

    AnyUser = User | AnonymousUser

# Roles that see everyone in their organization's staff list.
PEOPLE_READERS = (Role.ORG_ADMIN, Role.HR, Role.PROGRAM_MANAGER)
# Roles that edit people's HR record (names, status, start date).
PEOPLE_EDITORS = (Role.ORG_ADMIN, Role.HR)
# Fields each kind of editor may change on a profile.
OWNER_FIELDS = ("chosen_name", "pronouns", "phone", "emergency_contact", "timezone", "language")
HR_FIELDS = (*OWNER_FIELDS, "legal_name", "job_title", "employment_status", "start_date")


def profile_of(user: AnyUser) -> StaffProfile | None:
    """The caller's staff profile, or None for anonymous, inactive or profile-less users."""
    if not user.is_authenticated or not user.is_active:
        return None
    return getattr(user, "profile", None)


def organization_today(user: AnyUser) -> date:
    """The caller's organization's date (core.dates): what "today" means for every rule about
    obligations and access, the same on the pages and in the API at every hour."""
    profile = profile_of(user)
    return dates.organization_today(profile.organization) if profile else dates.site_today()


def roles_of(user: AnyUser) -> frozenset[str]:
    profile = profile_of(user)
    return profile.roles if profile else frozenset()


def has_role(user: AnyUser, *roles: str) -> bool:
    return bool(roles_of(user).intersection(roles))


def require_role(user: AnyUser, *roles: str) -> StaffProfile:
    """The caller's profile if they hold one of `roles`; otherwise the page does not exist."""
    profile = profile_of(user)
    if profile is None or not profile.has_role(*roles):
        raise Http404
    return profile


def require_profile(user: AnyUser) -> StaffProfile:
    profile = profile_of(user)
    if profile is None:
        raise Http404
    return profile


# --- organizations -------------------------------------------------------------------------


def organizations_visible_to(user: AnyUser) -> QuerySet[Organization]:
    profile = profile_of(user)
    if profile is None:
        return Organization.objects.none()
    return Organization.objects.filter(pk=profile.organization_id)


def can_manage_organization(user: AnyUser) -> bool:
    return has_role(user, Role.ORG_ADMIN)


# --- people --------------------------------------------------------------------------------


def supervisees_of(profile: StaffProfile) -> QuerySet[SupervisorAssignment]:
    return SupervisorAssignment.objects.current(
        dates.organization_today(profile.organization)
    ).filter(supervisor=profile, organization_id=profile.organization_id)


def people_visible_to(user: AnyUser) -> QuerySet[StaffProfile]:
    """Profiles the caller may read: everyone for admins, HR and managers; a supervisor's
    current supervisees; and always themselves."""
    profile = profile_of(user)
    if profile is None:
        return StaffProfile.objects.none()
    people = StaffProfile.objects.filter(organization_id=profile.organization_id)
    if profile.has_role(*PEOPLE_READERS):
        return people
    scope = Q(pk=profile.pk)
    if profile.has_role(Role.SUPERVISOR):
        scope |= Q(pk__in=supervisees_of(profile).values("specialist_id"))
    return people.filter(scope)


def people_scope(user: AnyUser) -> str | None:
    """A name for the people `user` may read, under which figures about them can be kept and
    shared: the organization's, for everyone who reads all of it (people_visible_to gives
    each of them the same people). None for anyone else: whom they read follows their
    supervision assignments too, so a figure kept for them must rest on those as well. Share
    only a figure that depends on nothing else about who is reading."""
    profile = profile_of(user)
    if profile is None or not profile.has_role(*PEOPLE_READERS):
        return None
    return f"organization-{profile.organization_id}"


def get_person(user: AnyUser, pk: object) -> StaffProfile:
    """One profile the caller may read, or 404."""
    try:
        return people_visible_to(user).select_related("user", "organization").get(pk=pk)
    except (StaffProfile.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def can_list_people(user: AnyUser) -> bool:
    return has_role(user, *PEOPLE_READERS, Role.SUPERVISOR)


def can_manage_people(user: AnyUser) -> bool:
    """Create and invite people, change roles, deactivate: org admins."""
    return has_role(user, Role.ORG_ADMIN)


def editable_profile_fields(user: AnyUser, person: StaffProfile) -> tuple[str, ...]:
    """Which of `person`'s profile fields the caller may change (empty: none)."""
    profile = profile_of(user)
    if profile is None or profile.organization_id != person.organization_id:
        return ()
    if profile.has_role(*PEOPLE_EDITORS):
        return HR_FIELDS
    if profile.pk == person.pk:
        return OWNER_FIELDS
    return ()


def can_see_private_profile_fields(user: AnyUser, person: StaffProfile) -> bool:
    """Legal name, phone and emergency contact: the person, HR and org admins."""
    profile = profile_of(user)
    if profile is None or profile.organization_id != person.organization_id:
        return False
    return profile.pk == person.pk or profile.has_role(*PEOPLE_EDITORS)


# --- audit log -----------------------------------------------------------------------------


def audit_events_visible_to(user: AnyUser) -> QuerySet[AuditEvent]:
    """Everyone sees who has read or changed their own information, and only that."""
    profile = profile_of(user)
    if profile is None:
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(subject=profile, organization_id=profile.organization_id)


# --- team wellbeing (the role vocabulary; the rest of self-care is selfcare/access.py) ------


# The roles that open team wellbeing. Their holders' own check-ins are never counted in it.
WELLNESS_AGGREGATE_ROLES = frozenset({Role.PROGRAM_MANAGER})


def can_view_wellness_aggregates(user: AnyUser) -> bool:
    """Anonymous team summaries of check-ins: program managers only."""
    return any(has_role(user, role) for role in WELLNESS_AGGREGATE_ROLES)
