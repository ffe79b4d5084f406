"""Training reminder emails: switching them off and on, and the signed link in every such email
that switches them off without signing in (RFC 8058 one-click too). Notifications inside
PeerWell keep coming either way, so nothing is ever missed, only quieter.

The token names the person's user and is signed with SECRET_KEY under its own salt: it can't
be forged, pointed at someone else, or used for anything else, and it expires.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from workforce.models import StaffProfile

SALT = "peerwell.training.pause-emails"


class InvalidLink(Exception):
    """The link was altered, belongs to nobody, or has expired."""


def pause_token(*, user_id: int) -> str:
    return signing.dumps({"u": user_id}, salt=SALT)


def pause_url(*, user_id: int) -> str:
    return settings.BASE_URL + reverse(
        "training_emails_pause", kwargs={"token": pause_token(user_id=user_id)}
    )


def work_emails_set(*, person: StaffProfile, enabled: bool) -> None:
    StaffProfile.objects.filter(pk=person.pk).update(work_emails=enabled)
    person.work_emails = enabled


def work_emails_pause_by_link(*, token: str) -> StaffProfile:
    """Switch training emails off for the person the token names."""
    max_age = settings.PAUSE_LINK_DAYS * 86400
    try:
        user_id = int(signing.loads(token, salt=SALT, max_age=max_age)["u"])
        person = StaffProfile.objects.get(user_id=user_id, user__is_active=True)
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise InvalidLink from exc
    except StaffProfile.DoesNotExist as exc:
        raise InvalidLink from exc
    work_emails_set(person=person, enabled=False)
    return person
