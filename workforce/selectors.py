"""Reusable reads, already scoped by the access policy."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from workforce import access
from workforce.models import AuditEvent, EmploymentStatus, Role, StaffProfile


def people_list(
    *, user: object, search: str = "", role: str = "", status: str = ""
) -> QuerySet[StaffProfile]:
    """The people list for `user`: scoped, filtered, with roles prefetched (constant queries)."""
    people = access.people_visible_to(user)
    if search:
        people = people.filter(Q(chosen_name__icontains=search) | Q(user__email__icontains=search))
    if role in Role.values:
        people = people.filter(role_grants__role=role)
    if status:
        people = people.filter(employment_status=status)
    return people.select_related("user").with_roles().order_by("chosen_name", "id")


def audit_events_for(*, user: object) -> QuerySet[AuditEvent]:
    return access.audit_events_visible_to(user).select_related("actor__profile")


def active_staff(*, organization_id: int) -> QuerySet[StaffProfile]:
    """Everyone who works at the organization now: access switched on, not marked as left.
    For server-side work (assigning training, sizing groups), never a list shown as is."""
    return StaffProfile.objects.filter(
        organization_id=organization_id, user__is_active=True
    ).exclude(employment_status=EmploymentStatus.LEFT)
