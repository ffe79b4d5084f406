"""Signed links in reminder emails: pause check-in reminders without signing in.

The token names the person and the schedule and is signed with the project's SECRET_KEY under
its own salt: it cannot be forged, edited to point at someone else, or used for anything else,
and it expires.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

SALT = "peerwell.selfcare.pause-checkin-reminders"


@dataclass(frozen=True)
class PauseClaim:
    user_id: int
    schedule_id: int


class InvalidPauseLink(Exception):
    """The link was altered, belongs to nobody, or has expired."""


def pause_token(*, user_id: int, schedule_id: int) -> str:
    return signing.dumps({"u": user_id, "s": schedule_id}, salt=SALT)


def read_pause_token(token: str) -> PauseClaim:
    max_age = settings.PAUSE_LINK_DAYS * 86400
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
        return PauseClaim(user_id=int(data["u"]), schedule_id=int(data["s"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise InvalidPauseLink from exc
