"""Token authentication with the standard `Authorization: Bearer <token>` header."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from workforce.middleware import activate_person


class BearerTokenAuthentication(TokenAuthentication):
    """A personal API token, created on the Account & security page."""

    keyword = "Bearer"

    def authenticate_credentials(self, key: str):
        # One query for token, user, profile and organization; one for the person's roles.
        model = self.get_model()
        token = (
            model.objects.select_related("user__profile__organization")
            .prefetch_related("user__profile__role_grants")
            .filter(key=key)
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return (token.user, token)

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:  # the same zone and language a browser session gets
            activate_person(request._request, getattr(result[0], "profile", None))
        return result
