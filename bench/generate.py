"""The large-organization data generator, shared by bench/ and the integration tests.

Bulk inserts only: 100,000 people take seconds, not minutes.
"""

from __future__ import annotations

from datetime import datetime, time

from django.contrib.auth.hashers import make_password
from django.db import transaction

from notifications.models import Channel
from selfcare.models import CheckInSchedule
from workforce.models import Organization, Role, RoleGrant, StaffProfile, User

BATCH = 5000


@transaction.atomic
def make_people(organization: Organization, count: int, *, prefix: str = "p") -> list[StaffProfile]:
    """`count` peer specialists in `organization`, with unusable passwords."""
    unusable = make_password(None)
    users = User.objects.bulk_create(
        [
            User(email=f"{prefix}{i}@{organization.slug}.example", password=unusable)
            for i in range(count)
        ],
        batch_size=BATCH,
    )
    if users and users[0].pk is None:  # backends that do not return ids (none we use today)
        users = list(
            User.objects.filter(email__endswith=f"@{organization.slug}.example").order_by("id")
        )
    profiles = StaffProfile.objects.bulk_create(
        [
            StaffProfile(
                user_id=user.pk,
                organization=organization,
                chosen_name=f"Person {i}",
                timezone=organization.timezone,
            )
            for i, user in enumerate(users)
        ],
        batch_size=BATCH,
    )
    RoleGrant.objects.bulk_create(
        [RoleGrant(profile_id=p.pk, role=Role.PEER_SPECIALIST) for p in profiles], batch_size=BATCH
    )
    return profiles


@transaction.atomic
def make_due_schedules(
    profiles: list[StaffProfile], *, slot: datetime, channel: str = Channel.EMAIL
) -> int:
    """Daily check-in reminders for everyone, all due at `slot` (UTC)."""
    CheckInSchedule.objects.bulk_create(
        [
            CheckInSchedule(
                organization_id=p.organization_id,
                owner_id=p.pk,
                enabled=True,
                frequency="daily",
                time_of_day=time(slot.hour, slot.minute),
                timezone="UTC",
                quiet_start=None,
                quiet_end=None,
                channel=channel,
                next_slot_at=slot,
                next_due_at=slot,
            )
            for p in profiles
        ],
        batch_size=BATCH,
    )
    return len(profiles)
