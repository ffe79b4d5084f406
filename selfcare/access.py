"""Who may see what of someone's self-care: almost nobody. A plan is its owner's; others read
it only while the owner shares it with them. Built on workforce.access; the table is
docs/access.md. (Who may open team wellbeing is workforce.access's role vocabulary.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from selfcare.models import CheckIn, SelfCarePlan, SupportContact
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


# --- the owner's own data: nobody else's rows can come out of these ----------------------------


def own_checkins(user: AnyUser) -> QuerySet[CheckIn]:
    """The caller's own check-ins, newest first; nothing for anyone without a profile."""
    profile = profile_of(user)
    if profile is None:
        return CheckIn.objects.none()
    return CheckIn.objects.filter(owner=profile, organization_id=profile.organization_id)


def own_support_contact(user: AnyUser) -> SupportContact | None:
    """The colleague the caller chose to hear "support requested", if any."""
    profile = profile_of(user)
    if profile is None:
        return None
    return SupportContact.objects.filter(owner=profile).select_related("contact").first()
