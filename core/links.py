"""Signed one-click links: a short token that names what it is for and whom, signed with the
project's SECRET_KEY under its own salt (the purpose), so it can't be forged, pointed at someone
else, or used for another purpose, and it expires. Used by every "pause these emails" link.

Tokens are Django's signing format of a small dict of whole numbers under that salt, exactly as
before this module existed, so links already sent keep working until they expire.
"""

from __future__ import annotations

from django.core import signing


class InvalidLink(Exception):
    """The link was altered, was made for something else, or has expired."""


def make_token(purpose: str, **claims: int) -> str:
    """A token for `purpose` carrying these whole-number claims (e.g. u=user id)."""
    return signing.dumps(claims, salt=purpose)


def read_token(purpose: str, token: str, *, max_age_days: int, claims: tuple[str, ...]) -> dict:
    """The named claims of a token made for `purpose` no more than `max_age_days` ago, or
    InvalidLink."""
    try:
        data = signing.loads(token, salt=purpose, max_age=max_age_days * 86400)
        return {name: int(data[name]) for name in claims}
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise InvalidLink from exc
