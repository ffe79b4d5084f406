"""Certification reminders, plugged into the reminder engine (notifications/).

- "certification-milestone": at each of the type's reminder days before expiry (by default
  90, 60, 30, 7 and 0), to the holder, kindly ("Your <type> renews on <date> — here's
  what's left"; on the day, "expires today — if you've renewed, HR can record it"), and to
  each HR person of the organization, with a link to the roster. Only current cycles (not
  renewed, not revoked) with an expiry date. The ledger subject is
  `certification:<id>:<days>`, and a milestone is written once per subject whatever its
  slot: moving the expiry date never sends a milestone again, and a renewal (a new row, a
  new id) has milestones of its own.
- "certification-digest": each Monday, to every HR person, counts only: how many current
  certifications in their organization expire within 60 days and how many have expired.
  Nothing to count, no digest. Once per ISO week (the subject is `week:<year>-W<week>`).

Slots are 09:00 in the recipient's own time zone on the milestone's day, stored in UTC:
the holder's and each HR person's own. As for training, a slot is written once it has come
and only while it is less than LATE_LIMIT (2 days) old; after downtime the newest missed
slot is sent once, late, and older ones are dropped, never sent as a burst. There is no
short-notice exception: a certification recorded with 20 days to go hears nothing about
its 30-day milestone (10 days gone), only the 7-day and expiry-day ones; one recorded the
day after a milestone still hears that one, once. One recorded after its expiry day is
never told "expires today". The holder is reminded while at work (not on leave, not gone);
HR is told about everyone who works here, on leave included, as on the roster. A queued
reminder whose reason went away (renewed, revoked, removed, expiry date moved, recipient no
longer at work or HR) is skipped at send time.

Both kinds come by email and in PeerWell, for everyone: there is no switch for certification
emails yet, so these emails carry no "stop these emails" link (the training one would not
stop them, and a link that does nothing is a promise we can't keep).
"""

from __future__ import annotations

from workforce.certifications.reminders import digest, milestone  # noqa: F401  (registers)
from workforce.certifications.reminders.common import DIGEST, MILESTONE

__all__ = ["DIGEST", "MILESTONE"]
