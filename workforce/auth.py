"""Authentication by email address."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import OuterRef, QuerySet
from django.http import HttpRequest

from workforce.models import User
from workforce.models.people import joined_roles


class EmailBackend(ModelBackend):
    """Log in with email and password; inactive users are refused, also mid-session."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        email = (username or kwargs.get("email") or "").strip()
        if not email or password is None:
            return None
        try:
            user = User.objects.get(email__iexact=email)
        except User.DoesNotExist:
            # Spend the same time as a real check, so timing does not reveal who has an account.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id: int) -> User | None:
        # Loaded once per request, in one query, with everything the navigation and the access
        # policy need: the profile, its organization and its roles (StaffProfile.roles).
        user = signed_in(User.objects.filter(pk=user_id), "").first()
        if user is not None:
            give_roles(user, user.role_list)
        # ModelBackend's rule: an inactive user's session no longer logs anyone in.
        return user if user and self.user_can_authenticate(user) else None


def signed_in(rows: QuerySet, user: str) -> QuerySet:
    """`rows` with their user (at the path `user`; "" for users themselves), the user's
    profile and organization, and the profile's roles as `role_list`, in one query."""
    prefix = f"{user}__" if user else ""
    return rows.select_related(f"{prefix}profile__organization").annotate(
        role_list=joined_roles(profile__user=OuterRef(user or "pk"))
    )


def give_roles(user: User, role_list: str | None) -> None:
    """The roles `signed_in` read, where StaffProfile.roles looks for them."""
    if hasattr(user, "profile"):
        user.profile.role_list = role_list


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The email a sign-in attempt was for, normalized, so "Alice@" and "alice@" count as one."""
    value = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(value).strip().lower()
