"""Training reminders, plugged into the reminder engine (notifications/).

- "training-due": to the learner, gently, twice per open assignment with a due date: a week
  before it ("due soon") and the day after it ("the due date has passed — you can still
  complete it"). Never "overdue", never "failed": that language is for managers and HR.
- "training-digest": each Monday, to every program manager and HR person, counts only: how
  many assignments in their organization are overdue and how many are due in the next 7 days.

Slots are 09:00 in the recipient's own time zone, stored in UTC. A slot is written to the
ledger once it has come, and only while it is less than LATE_LIMIT old: after downtime the
missed slot is sent once, late, and older ones are dropped rather than sent as a burst.
One exception, for assignments made at short notice (less than a week before the due date,
so after their "due soon" slot): they get that reminder as soon as they are made, once,
as long as the due date has not passed. An assignment made after its due date (a late
renewal) never hears "the due date has passed": that would blame them for our lateness.
Nobody on leave or gone is reminded; a queued reminder whose reason went away (completed,
archived, due date moved) is skipped at send time.
"""

from __future__ import annotations

from workforce.training.reminders import digest, due  # noqa: F401  (registers the kinds)
from workforce.training.reminders.common import DIGEST, DUE

__all__ = ["DIGEST", "DUE"]
