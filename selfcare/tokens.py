"""Signed links in reminder emails: pause check-in reminders without signing in.

The token names the person and the schedule and is signed with the project's SECRET_KEY under
its own salt: it cannot be forged, edited to point at someone else, or used for anything else,
and it expires.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from core import links

SALT = "peerwell.selfcare.pause-checkin-reminders"


@dataclass(frozen=True)
class PauseClaim:
    user_id: int
    schedule_id: int


InvalidPauseLink = links.InvalidLink


def pause_token(*, user_id: int, schedule_id: int) -> str:
    return links.make_token(SALT, u=user_id, s=schedule_id)


def read_pause_token(token: str) -> PauseClaim:
    claims = links.read_token(SALT, token, max_age_days=settings.PAUSE_LINK_DAYS, claims=("u", "s"))
    return PauseClaim(user_id=claims["u"], schedule_id=claims["s"])
