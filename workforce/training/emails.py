"""Training reminder emails: switching them off and on, and the signed link in every such email
that switches them off without signing in (RFC 8058 one-click too). Notifications inside
PeerWell keep coming either way, so nothing is ever missed, only quieter.

The token names the person's user and is signed with SECRET_KEY under its own salt: it can't
be forged, pointed at someone else, or used for anything else, and it expires.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from core import links
from workforce.models import StaffProfile

SALT = "peerwell.training.pause-emails"


InvalidLink = links.InvalidLink


def pause_token(*, user_id: int) -> str:
    return links.make_token(SALT, u=user_id)


def pause_url(*, user_id: int) -> str:
    return settings.BASE_URL + reverse(
        "training_emails_pause", kwargs={"token": pause_token(user_id=user_id)}
    )


def work_emails_set(*, person: StaffProfile, enabled: bool) -> None:
    StaffProfile.objects.filter(pk=person.pk).update(work_emails=enabled)
    person.work_emails = enabled


def work_emails_pause_by_link(*, token: str) -> StaffProfile:
    """Switch training emails off for the person the token names."""
    claims = links.read_token(SALT, token, max_age_days=settings.PAUSE_LINK_DAYS, claims=("u",))
    try:
        person = StaffProfile.objects.get(user_id=claims["u"], user__is_active=True)
    except StaffProfile.DoesNotExist as exc:
        raise InvalidLink from exc
    work_emails_set(person=person, enabled=False)
    return person
