"""Replies: "I'll come", "Maybe", "Can't this time", changed at any time, and the waiting list.

When an occurrence has places, "I'll come" takes one while any is free; once it is full, the
person joins the waiting list. When a place frees, the first person waiting is offered it: told
once (the "event-place-offered" reminder) and the place is held for them for OFFER_HOLD. If they
don't take it, it passes to the next (offers_pass_on, every few minutes from beat); they can
join the list again.

Two people replying at the same moment can't both take the last place: every reply locks its
occurrence's row first (SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions
serialize writers), so the second counts after the first has written.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from core import dates
from events import access as events_access
from events.models import Answer, EventOccurrence, EventReply
from events.services import refuse
from workforce import access

OFFER_HOLD = timedelta(days=1)
CHOICES = (Answer.GOING, Answer.MAYBE, Answer.NOT_GOING)  # what a person can say


def _live_offer(now: datetime) -> Q:
    return Q(answer=Answer.WAITING, offer_until__gt=now)


def _queue() -> Q:
    """Waiting, not offered a place yet (someone whose offer lapsed re-joins to be offered)."""
    return Q(answer=Answer.WAITING, offered_at__isnull=True)


def places_taken(occurrence: EventOccurrence, now: datetime, *, besides: int | None = None) -> int:
    replies = occurrence.replies.filter(Q(answer=Answer.GOING) | _live_offer(now))
    if besides is not None:
        replies = replies.exclude(pk=besides)
    return replies.count()


@transaction.atomic
def reply_set(*, actor: object, occurrence_id: object, answer: str) -> EventReply:
    """Say whether you'll come; an answer can be changed any time before the event begins.
    "I'll come" to a full event puts you on its waiting list (the reply says so)."""
    profile = access.require_profile(actor)
    found = events_access.get_occurrence(actor, occurrence_id)  # 404 outside the caller's view
    occurrence = (
        EventOccurrence.objects.select_for_update(of=("self",))
        .select_related("event")
        .get(pk=found.pk)
    )
    if answer not in CHOICES:
        refuse("answer", _("Choose “I'll come”, “Maybe” or “Can't this time”."), "invalid")
    now = dates.now()
    if occurrence.cancelled or occurrence.event.cancelled:
        refuse(None, _("This was cancelled: there is nothing to reply to."), "cancelled")
    if occurrence.starts_at <= now:
        refuse(None, _("This has already begun: replies are closed."), "past")
    if not events_access.is_for(actor, occurrence.event):
        refuse(
            None, _("This event is for other people: you run it, you don't reply."), "not_for_you"
        )
    reply = EventReply.objects.filter(occurrence=occurrence, person=profile).first()
    if reply is None:
        reply = EventReply(
            organization_id=occurrence.organization_id, occurrence=occurrence, person=profile
        )
    if answer == Answer.GOING:
        _take_place(occurrence, reply, now)
    else:
        reply.answer = answer
        reply.waiting_since = reply.offered_at = reply.offer_until = None
    reply.updated_at = now
    reply.save()
    offers_make(occurrence=occurrence, now=now)
    return reply


def _take_place(occurrence: EventOccurrence, reply: EventReply, now: datetime) -> None:
    """Going if a place is free (or held for this person); otherwise on the waiting list."""
    if reply.answer == Answer.GOING:
        return
    capacity = occurrence.event.capacity
    held = reply.answer == Answer.WAITING and reply.holds_offer(now)
    others_waiting = occurrence.replies.filter(_queue()).exclude(pk=reply.pk).exists()
    free = capacity is None or places_taken(occurrence, now, besides=reply.pk) < capacity
    if held or (free and not others_waiting):
        reply.answer = Answer.GOING
        reply.waiting_since = reply.offered_at = reply.offer_until = None
        return
    still_queued = reply.answer == Answer.WAITING and reply.offered_at is None
    reply.answer = Answer.WAITING
    if not still_queued:  # new to the list, or back after an offer lapsed: at the end
        reply.waiting_since, reply.offered_at, reply.offer_until = now, None, None


def offers_make(*, occurrence: EventOccurrence, now: datetime) -> list[int]:
    """Offer each free place to the first person waiting (call with the row locked, or from
    offers_pass_on which locks it). Returns the replies offered a place."""
    capacity = occurrence.event.capacity
    if occurrence.cancelled or occurrence.starts_at <= now:
        return []
    if capacity is None:  # the limit was lifted: everyone waiting comes, lapsed offers too
        occurrence.replies.filter(answer=Answer.WAITING).update(
            answer=Answer.GOING,
            waiting_since=None,
            offered_at=None,
            offer_until=None,
            updated_at=now,
        )
        return []
    queue = occurrence.replies.filter(_queue()).order_by("waiting_since", "pk")
    free = capacity - places_taken(occurrence, now)
    chosen = list(queue.values_list("pk", flat=True)[: max(free, 0)])
    if not chosen:
        return []
    until = min(now + OFFER_HOLD, occurrence.starts_at)
    EventReply.objects.filter(pk__in=chosen).update(
        offered_at=now, offer_until=until, updated_at=now
    )
    return chosen


def offers_pass_on(*, now: datetime) -> int:
    """For every occurrence still to come with people waiting: offer the places that lapsed
    offers (or anything else) left free. Beat runs it every few minutes."""
    waiting = (
        EventReply.objects.filter(_queue(), occurrence__starts_at__gt=now)
        .filter(occurrence__cancelled=False, occurrence__event__capacity__isnull=False)
        .values_list("occurrence_id", flat=True)
        .distinct()
    )
    offered = 0
    for occurrence_id in list(waiting):
        with transaction.atomic():
            occurrence = (
                EventOccurrence.objects.select_for_update(of=("self",))
                .select_related("event")
                .get(pk=occurrence_id)
            )
            offered += len(offers_make(occurrence=occurrence, now=now))
    return offered
