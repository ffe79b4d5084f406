"""The reminder engine: collect what is due into the ledger, enqueue, claim, send, sweep.

dispatch_run() is what Celery beat triggers every minute. It never schedules anything in the
future with Celery (no ETA/countdown): due times and retry times live in the ledger, and each
minute's run picks up whatever has come due.
"""

from __future__ import annotations

import contextlib
import logging
import smtplib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import Count, F, Min, Q
from django.utils import timezone

from notifications import registry
from notifications.models import Delivery, DeliveryStatus, Notification

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
SEND_BATCH = 100  # deliveries per send task
ENQUEUE_CHUNK = 5000


@dataclass(frozen=True)
class DispatchReport:
    collected: dict[str, int]
    swept: int
    enqueued: int


def dispatch_run(*, now: datetime | None = None) -> DispatchReport:
    """One pass: every kind writes what is due, stuck sends are re-queued, due rows enqueued."""
    now = now or timezone.now()
    collected, enqueued = {}, 0
    for kind in registry.all_kinds():
        result = kind.collect(now)
        collected[kind.name] = result.total
        enqueued += publish(result.send_now)
    swept = sweep_stuck(now=now)
    enqueued += enqueue_due(now=now)
    return DispatchReport(collected=collected, swept=swept, enqueued=enqueued)


def lease_until(now: datetime) -> datetime:
    """A row handed to the broker now is handed over again after this, if still unsent."""
    return now + timedelta(seconds=settings.REMINDER_ENQUEUE_LEASE_SECONDS)


def publish(ids: Sequence[int], *, fail_fast: bool = False) -> int:
    """Send tasks for these (already leased) rows, in batches, over one broker connection.
    The one place in PeerWell that hands work to the broker (a test checks). `fail_fast`, for
    requests: one quick connection attempt, no retries, so a broker that is down costs a
    request milliseconds, not Celery's seconds of retrying."""
    from notifications.tasks import send_deliveries

    if not ids:
        return 0
    batches = [list(ids[start : start + SEND_BATCH]) for start in range(0, len(ids), SEND_BATCH)]
    if fail_fast:
        with send_deliveries.app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, timeout=2)
            for batch in batches:
                send_deliveries.apply_async((batch,), connection=connection, retry=False)
        return len(ids)
    with send_deliveries.app.producer_or_acquire() as producer:
        for batch in batches:
            send_deliveries.apply_async((batch,), producer=producer)
    return len(ids)


def publish_on_commit(ids: Sequence[int]) -> None:
    """For requests: once the transaction that wrote these (leased) ledger rows commits, hand
    them to the workers. A broker that can't be reached costs a log line and a minute, never an
    error page: the rows are made due again, and the next dispatch hands them over."""
    ids = list(ids)

    def hand_over() -> None:
        try:
            publish(ids, fail_fast=True)
        except Exception:  # any broker failure: connection refused, timeouts, missing folders
            logger.warning(
                "broker unreachable: %s deliveries left for the dispatch sweep",
                len(ids),
                exc_info=True,
            )
            Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.QUEUED).update(
                next_attempt_at=timezone.now()
            )

    if ids:
        transaction.on_commit(hand_over)


def _skip_locked(queryset):
    # PostgreSQL: concurrent dispatchers and senders skip rows another one holds. SQLite
    # serializes write transactions (IMMEDIATE) and needs no row locks.
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True)
    return queryset


def sweep_stuck(*, now: datetime) -> int:
    """Rows left in "sending" by a worker that died go back to the queue (or give up)."""
    cutoff = now - timedelta(seconds=settings.REMINDER_SENDING_TIMEOUT)
    stuck = Delivery.objects.filter(status=DeliveryStatus.SENDING, claimed_at__lt=cutoff)
    gave_up = stuck.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=DeliveryStatus.FAILED, last_error="No answer from the sending worker."
    )
    requeued = stuck.update(status=DeliveryStatus.QUEUED, next_attempt_at=now)
    if requeued or gave_up:
        logger.warning("reminders: re-queued %s stuck sends, gave up on %s", requeued, gave_up)
    return requeued


def enqueue_due(*, now: datetime) -> int:
    """Hand every queued row whose time has come (retries, late rows, lost messages) over."""
    total = 0
    while True:
        with transaction.atomic():
            due = Delivery.objects.filter(
                status=DeliveryStatus.QUEUED, next_attempt_at__lte=now
            ).order_by("next_attempt_at", "id")
            ids = list(_skip_locked(due).values_list("id", flat=True)[:ENQUEUE_CHUNK])
            if not ids:
                return total
            # Not handed over again until the lease runs out: if its message is lost, it is then.
            Delivery.objects.filter(pk__in=ids).update(next_attempt_at=lease_until(now))
        total += publish(ids)


def _claim(ids: Sequence[int], now: datetime) -> list[int]:
    """Take rows from "queued" to "sending"; rows another sender took are left alone."""
    with transaction.atomic():
        claimable = list(
            _skip_locked(
                Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.QUEUED)
            ).values_list("id", flat=True)
        )
        if claimable:
            Delivery.objects.filter(pk__in=claimable, status=DeliveryStatus.QUEUED).update(
                status=DeliveryStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
            )
    return claimable


def deliveries_send(*, ids: Sequence[int]) -> int:
    """Send the given ledger rows that are still queued; returns how many this call sent."""
    now = timezone.now()
    claimed = _claim(ids, now)
    if not claimed:
        return 0
    deliveries = list(
        Delivery.objects.filter(pk__in=claimed).select_related("recipient__profile").order_by("id")
    )
    by_kind: dict[str, list[Delivery]] = defaultdict(list)
    for delivery in deliveries:
        by_kind[delivery.kind].append(delivery)
    sent = 0
    mailer = _Mailer()
    try:
        for name, group in by_kind.items():
            kind = registry.get(name)
            loaded = kind.load(group)
            for delivery in group:
                sent += _deliver(delivery, kind, loaded.get(delivery.pk), mailer)
    finally:
        mailer.close()
    return sent


class _Mailer:
    """One SMTP connection per batch, reopened after a failure."""

    def __init__(self) -> None:
        self._connection = None

    def send(self, message: EmailMessage) -> None:
        if self._connection is None:
            self._connection = get_connection()
        message.connection = self._connection
        try:
            message.send()
        except Exception:
            self.close()
            raise

    def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):  # closing a broken connection
                self._connection.close()
            self._connection = None


def _deliver(
    delivery: Delivery, kind: registry.ReminderKind, loaded: object, mailer: _Mailer
) -> int:
    reason = kind.skip_reason(delivery, loaded)
    if reason:
        Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(
            status=DeliveryStatus.SKIPPED, skip_reason=reason[:80]
        )
        return 0
    message = kind.render(delivery, loaded)
    if delivery.wants_in_app:
        Notification.objects.get_or_create(
            delivery=delivery,
            defaults={
                "organization_id": delivery.organization_id,
                "recipient_id": delivery.recipient_id,
                "kind": delivery.kind,
                "title": message.title,
                "link": message.link,
            },
        )
    if delivery.wants_email:
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            to=[delivery.recipient.email],
            headers=message.headers,
        )
        try:
            mailer.send(email)
        except Exception as exc:
            _record_failure(delivery, exc)
            return 0
    # Recorded right after the hand-off: the only window for a duplicate is a worker dying
    # between the backend accepting the email and this update.
    Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return 1


def _record_failure(delivery: Delivery, exc: Exception) -> None:
    error = f"{type(exc).__name__}: {exc}"[:500]
    permanent = isinstance(exc, smtplib.SMTPRecipientsRefused)
    if permanent or delivery.attempts >= MAX_ATTEMPTS:
        update = {"status": DeliveryStatus.FAILED, "last_error": error}
    else:
        backoff = timedelta(
            seconds=settings.REMINDER_RETRY_BASE_SECONDS * 2 ** (delivery.attempts - 1)
        )
        update = {
            "status": DeliveryStatus.QUEUED,
            "last_error": error,
            "next_attempt_at": timezone.now() + backoff,
        }
    Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(**update)
    logger.warning(
        "reminders: delivery %s failed (attempt %s): %s", delivery.pk, delivery.attempts, error
    )


# --- operations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EngineState:
    due_now: int
    queued: int
    sending: int
    sent_24h: int
    failed: int
    oldest_queued_seconds: int | None


def engine_state(
    *, organization_id: int | None = None, now: datetime | None = None, private: bool = True
) -> EngineState:
    """Counts only: never any content or recipient. With private=False, without the private
    (self-care) kinds: what an organization's admins may see."""
    now = now or timezone.now()
    rows = Delivery.objects.all()
    kinds = registry.all_kinds()
    if organization_id is not None:
        rows = rows.filter(organization_id=organization_id)
    if not private:
        rows = rows.exclude(kind__in=registry.private_kind_names())
        kinds = [kind for kind in kinds if not kind.private]
    counts = rows.aggregate(
        queued=Count("id", filter=Q(status=DeliveryStatus.QUEUED)),
        sending=Count("id", filter=Q(status=DeliveryStatus.SENDING)),
        sent_24h=Count(
            "id", filter=Q(status=DeliveryStatus.SENT, sent_at__gte=now - timedelta(hours=24))
        ),
        failed=Count("id", filter=Q(status=DeliveryStatus.FAILED)),
        oldest=Min("created_at", filter=Q(status=DeliveryStatus.QUEUED)),
    )
    due_now = sum(kind.due_count(now, organization_id) for kind in kinds)
    oldest = counts["oldest"]
    return EngineState(
        due_now=due_now,
        queued=counts["queued"],
        sending=counts["sending"],
        sent_24h=counts["sent_24h"],
        failed=counts["failed"],
        oldest_queued_seconds=int((now - oldest).total_seconds()) if oldest else None,
    )


# --- in-app notifications --------------------------------------------------------------------


def notifications_mark_read(*, user: object, ids: Sequence[int] | None = None) -> int:
    """Mark the user's notifications read (all of them when `ids` is None)."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
