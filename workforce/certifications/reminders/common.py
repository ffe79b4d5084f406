"""What both certification reminder kinds share: their names, whose credentials count, who
is HR here, and the channel. Slots, reachability and the ledger write are the training
reminders' own (workforce.training.reminders.common), reused as they are."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from notifications.kinds import counted, reachable
from workforce.models import Certification, Role

MILESTONE = "certification-milestone"
DIGEST = "certification-digest"
SUBJECT_PREFIX = "certification:"  # certification:<id>:<days before expiry>
WEEK_PREFIX = "week:"  # week:2026-W50, the digest's ISO week
DIGEST_WITHIN_DAYS = 60


def tracked(**filters: object) -> QuerySet[Certification]:
    """Current cycles (not renewed, not revoked) with an expiry date, of people who work here
    (on leave included): the certifications HR's roster follows."""
    from workforce.certifications.selectors import current_cycle

    return Certification.objects.filter(
        current_cycle(), revoked_at__isnull=True, expires_on__isnull=False, **filters
    ).filter(counted("person__"))


def is_hr(prefix: str = "") -> Q:
    """At work now and holding the HR role (org admins manage certifications too, but the
    reminders are HR's work)."""
    # One grant per (profile, role): the join never repeats a person.
    return reachable(prefix) & Q(**{f"{prefix}role_grants__role": Role.HR})
