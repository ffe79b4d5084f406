from __future__ import annotations

from rest_framework.permissions import BasePermission

from workforce import access, twofactor


class IsActiveStaff(BasePermission):
    """Signed in, active, on an organization's staff, and past any required second step."""

    def has_permission(self, request, view) -> bool:
        if access.profile_of(request.user) is None:
            return False
        # A session that still owes the organization's required two-factor step gets nothing,
        # and neither does a token of someone required to use two-factor who has none.
        if request.auth is None:
            return not twofactor.setup_required(request.user)
        return not (
            twofactor.required_for(request.user) and not twofactor.has_two_factor(request.user)
        )
