"""What both training reminder kinds share: their names and slots (09:00 local, a week before
a due date and the day after). Whom, the ledger write and the way to stop emails are every
kind's (notifications.kinds)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from notifications.kinds import local_nine
from workforce.models import Role

DUE = "training-due"
DIGEST = "training-digest"
SUBJECT_PREFIX = "assignment:"
DUE_SOON_DAYS = 7
DIGEST_ROLES = (Role.PROGRAM_MANAGER, Role.HR)


def soon_slot(due_on: date, zone: ZoneInfo) -> datetime:
    return local_nine(due_on - timedelta(days=DUE_SOON_DAYS), zone)


def passed_slot(due_on: date, zone: ZoneInfo) -> datetime:
    return local_nine(due_on + timedelta(days=1), zone)
