"""Wellness event reminders, plugged into the reminder engine (notifications/).

- "event-tomorrow": to each person who said they'd come (or might), 24 hours before an
  occurrence begins (or as soon as they reply, if that is sooner). Once per occurrence and
  person, whatever the dispatcher does: the ledger's key is (person, kind, occurrence, slot).
- "event-place-offered": to the person a freed place is offered to, once per offer.
- "event-cancelled": to each person who said they'd come (or might), once, when a time they
  replied to is cancelled (the whole event, that time, or a time that went when the event was
  moved).

Both ride the person's email switch (StaffProfile.work_emails: in PeerWell always, by email
only if they want it) and carry the one-click way to stop those emails. They are private kinds:
what a person replied is theirs, so the organization's operations figures never count them.
Messages carry a time and a link: never the event's title, its place or anyone's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import (
    CharField,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core import dates
from events.models import Answer, EventReply
from notifications import registry
from notifications.kinds import (
    EMAILS_ON,
    at_work,
    emails_on,
    insert_ledger_rows,
    local_time_text,
    pause_headers,
    reachable,
    recipients,
    work_body,
)
from notifications.models import Delivery
from workforce.models import StaffProfile

TOMORROW, OFFERED, CANCELLED = "event-tomorrow", "event-place-offered", "event-cancelled"
OCCURRENCE_PREFIX, REPLY_PREFIX = "event-occurrence:", "event-reply:"
AHEAD = timedelta(hours=24)
COMING = (Answer.GOING, Answer.MAYBE)


def _subject(prefix: str, ref: str | OuterRef) -> Concat:
    return Concat(Value(prefix), Cast(ref, CharField()))


def _sent(kind: str, prefix: str, ref: str) -> Exists:
    return Exists(
        Delivery.objects.filter(
            recipient_id=OuterRef("person__user_id"),
            kind=kind,
            subject=_subject(prefix, OuterRef(ref)),
            due_slot=OuterRef("slot"),
        )
    )


def _insert(rows: QuerySet, now: datetime, kind: str, prefix: str, ref: str) -> list[int]:
    rows = emails_on(rows.filter(~_sent(kind, prefix, ref)), "person__user_id")
    return insert_ledger_rows(
        rows,
        now=now,
        kind=kind,
        recipient="person__user_id",
        subject=_subject(prefix, ref),
        slot="slot",
        emails_flag=EMAILS_ON,
    )


def _scoped(rows: QuerySet, organization_id: int | None) -> QuerySet:
    return rows if organization_id is None else rows.filter(organization_id=organization_id)


def _tomorrow(now: datetime, organization_id: int | None = None) -> QuerySet:
    rows = EventReply.objects.filter(
        answer__in=COMING,
        occurrence__cancelled=False,
        occurrence__event__cancelled_at__isnull=True,
        occurrence__starts_at__gt=now,
        occurrence__starts_at__lte=now + AHEAD,
    ).filter(reachable("person__"))
    slot = ExpressionWrapper(F("occurrence__starts_at") - AHEAD, output_field=DateTimeField())
    return _scoped(rows, organization_id).annotate(slot=slot)


def collect_tomorrow(now: datetime) -> registry.Collected:
    ids = _insert(_tomorrow(now), now, TOMORROW, OCCURRENCE_PREFIX, "occurrence_id")
    return registry.Collected(send_now=ids)


def due_count_tomorrow(now: datetime, organization_id: int | None) -> int:
    rows = _tomorrow(now, organization_id)
    return rows.exclude(_sent(TOMORROW, OCCURRENCE_PREFIX, "occurrence_id")).count()


def _offered(now: datetime, organization_id: int | None = None) -> QuerySet:
    rows = EventReply.objects.filter(
        answer=Answer.WAITING, offered_at__isnull=False, offer_until__gt=now
    ).filter(reachable("person__"))
    return _scoped(rows, organization_id).annotate(slot=F("offered_at"))


def collect_offered(now: datetime) -> registry.Collected:
    ids = _insert(_offered(now), now, OFFERED, REPLY_PREFIX, "pk")
    return registry.Collected(send_now=ids)


def due_count_offered(now: datetime, organization_id: int | None) -> int:
    return _offered(now, organization_id).exclude(_sent(OFFERED, REPLY_PREFIX, "pk")).count()


def _cancelled(now: datetime, organization_id: int | None = None) -> QuerySet:
    rows = EventReply.objects.filter(
        answer__in=COMING, occurrence__cancelled=True, occurrence__starts_at__gt=now
    ).filter(reachable("person__"))
    return _scoped(rows, organization_id).annotate(slot=F("occurrence__starts_at"))


def collect_cancelled(now: datetime) -> registry.Collected:
    ids = _insert(_cancelled(now), now, CANCELLED, OCCURRENCE_PREFIX, "occurrence_id")
    return registry.Collected(send_now=ids)


def due_count_cancelled(now: datetime, organization_id: int | None) -> int:
    rows = _cancelled(now, organization_id)
    return rows.exclude(_sent(CANCELLED, OCCURRENCE_PREFIX, "occurrence_id")).count()


# --- loading, checking and writing ---------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    reply: EventReply | None
    recipient: StaffProfile | None


def load_tomorrow(deliveries: list[Delivery]) -> dict[int, Item]:
    """Two queries: the recipients' replies with their occurrences, and the recipients."""
    wanted = {d.pk: int(d.subject.removeprefix(OCCURRENCE_PREFIX)) for d in deliveries}
    profiles = recipients(deliveries)
    replies = {
        (r.occurrence_id, r.person.user_id): r
        for r in EventReply.objects.filter(
            occurrence_id__in=set(wanted.values()),
            person__user_id__in={d.recipient_id for d in deliveries},
        ).select_related("occurrence__event", "person")
    }
    return {
        d.pk: Item(replies.get((wanted[d.pk], d.recipient_id)), profiles.get(d.recipient_id))
        for d in deliveries
    }


def load_offered(deliveries: list[Delivery]) -> dict[int, Item]:
    wanted = {d.pk: int(d.subject.removeprefix(REPLY_PREFIX)) for d in deliveries}
    profiles = recipients(deliveries)
    replies = EventReply.objects.select_related("occurrence__event", "person").in_bulk(
        set(wanted.values())
    )
    return {d.pk: Item(replies.get(wanted[d.pk]), profiles.get(d.recipient_id)) for d in deliveries}


def _gone(item: Item | None) -> str | None:
    if item is None or item.reply is None:
        return "reply removed"
    if not at_work(item.recipient) or item.reply.person_id != item.recipient.pk:
        return "not at work"
    occurrence = item.reply.occurrence
    if occurrence.cancelled or occurrence.event.cancelled:
        return "cancelled"
    return None


def skip_tomorrow(delivery: Delivery, item: Item | None) -> str | None:
    reason = _gone(item)
    if reason:
        return reason
    if item.reply.answer not in COMING:
        return "not coming now"
    if delivery.due_slot != item.reply.occurrence.starts_at - AHEAD:
        return "time changed"
    return None


def skip_offered(delivery: Delivery, item: Item | None) -> str | None:
    reason = _gone(item)
    if reason:
        return reason
    if item.reply.answer != Answer.WAITING or item.reply.offered_at != delivery.due_slot:
        return "offer answered"
    if not item.reply.holds_offer(dates.now()):
        return "offer lapsed"
    return None


def skip_cancelled(delivery: Delivery, item: Item | None) -> str | None:
    if item is None or item.reply is None:
        return "reply removed"
    if not at_work(item.recipient) or item.reply.person_id != item.recipient.pk:
        return "not at work"
    if item.reply.answer not in COMING:
        return "not coming now"
    return None


def render_cancelled(delivery: Delivery, item: Item) -> registry.Message:
    person = item.recipient
    link = reverse("event_occurrence", args=[item.reply.occurrence_id])
    with translation.override(person.language):
        when = local_time_text(item.reply.occurrence.starts_at, person)
        subject = _("A wellness event is cancelled")
        title = _("The wellness event on %(when)s is cancelled.") % {"when": when}
        text = _(
            "The wellness event you replied to, on %(when)s (your time), is cancelled. Its page "
            "says more, and what else is coming up:"
        ) % {"when": when}
        body = work_body(person, text, link, delivery.recipient_id)
    return registry.Message(subject, body, title, link, pause_headers(delivery.recipient_id))


def render_tomorrow(delivery: Delivery, item: Item) -> registry.Message:
    person = item.recipient
    link = reverse("event_occurrence", args=[item.reply.occurrence_id])
    with translation.override(person.language):
        when = local_time_text(item.reply.occurrence.starts_at, person)
        subject = _("A wellness event tomorrow")
        title = _("A wellness event you replied to is on %(when)s.") % {"when": when}
        text = _(
            "A reminder: a wellness event you replied to is on %(when)s (your time). If your "
            "plans have changed, you can change your answer on its page:"
        ) % {"when": when}
        body = work_body(person, text, link, delivery.recipient_id)
    return registry.Message(subject, body, title, link, pause_headers(delivery.recipient_id))


def render_offered(delivery: Delivery, item: Item) -> registry.Message:
    person = item.recipient
    link = reverse("event_occurrence", args=[item.reply.occurrence_id])
    with translation.override(person.language):
        when = local_time_text(item.reply.occurrence.starts_at, person)
        until = local_time_text(item.reply.offer_until, person)
        subject = _("A place opened for you")
        title = _("A place opened at a wellness event on %(when)s.") % {"when": when}
        text = _(
            "A place opened at a wellness event you're waiting for, on %(when)s (your time). "
            "It's held for you until %(until)s; if you'd like it, say “I'll come” here:"
        ) % {"when": when, "until": until}
        body = work_body(person, text, link, delivery.recipient_id)
    return registry.Message(subject, body, title, link, pause_headers(delivery.recipient_id))


for name, collect, load, skip, render, count in (
    (TOMORROW, collect_tomorrow, load_tomorrow, skip_tomorrow, render_tomorrow, due_count_tomorrow),
    (OFFERED, collect_offered, load_offered, skip_offered, render_offered, due_count_offered),
    (
        CANCELLED,
        collect_cancelled,
        load_tomorrow,
        skip_cancelled,
        render_cancelled,
        due_count_cancelled,
    ),
):
    registry.register(
        registry.ReminderKind(
            name=name,
            collect=collect,
            load=load,
            skip_reason=skip,
            render=render,
            due_count=count,
            private=True,
        )
    )
