"""Token authentication with the standard `Authorization: Bearer <token>` header."""

from __future__ import annotations

from rest_framework.authentication import TokenAuthentication


class BearerTokenAuthentication(TokenAuthentication):
    """A personal API token, created on the Account & security page."""

    keyword = "Bearer"
