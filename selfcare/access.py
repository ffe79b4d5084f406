"""Who may see what of someone's self-care: almost nobody. A plan is its owner's; others read
it only while the owner shares it with them. Built on workforce.access; the table is
docs/access.md. (Who may open team wellbeing is workforce.access's role vocabulary.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from selfcare.models import SelfCarePlan
from workforce.access import profile_of
from workforce.models import StaffProfile

if TYPE_CHECKING:
    from workforce.access import AnyUser


def shared_plans_visible_to(user: AnyUser):
    """Plans other people currently share with the caller (read only). Nobody else's plan is
    visible to anyone but its owner: not HR, not managers, not org admins."""
    profile = profile_of(user)
    if profile is None:
        return SelfCarePlan.objects.none()
    return SelfCarePlan.objects.filter(
        organization_id=profile.organization_id,
        shares__viewer=profile,
        shares__revoked_at__isnull=True,
        owner__user__is_active=True,
    ).exclude(owner=profile)


def colleagues_for_sharing(user: AnyUser) -> QuerySet[StaffProfile]:
    """Who someone may share their plan with or choose as support: active colleagues in their
    own organization (names only are shown)."""
    profile = profile_of(user)
    if profile is None:
        return StaffProfile.objects.none()
    return (
        StaffProfile.objects.filter(organization_id=profile.organization_id, user__is_active=True)
        .exclude(pk=profile.pk)
        .order_by("chosen_name", "id")
    )
