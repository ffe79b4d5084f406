"""Celery tasks of the reminder engine: thin, idempotent, ids only."""

from __future__ import annotations

from celery import shared_task

from notifications import services


@shared_task(name="notifications.tasks.dispatch")
def dispatch() -> dict[str, object]:
    """Beat runs this every minute: collect what is due, sweep, enqueue sends."""
    report = services.dispatch_run()
    return {"collected": report.collected, "swept": report.swept, "enqueued": report.enqueued}


@shared_task(name="notifications.tasks.send_deliveries")
def send_deliveries(ids: list[int]) -> int:
    """Send these ledger rows; rows already taken by another sender are left alone."""
    return services.deliveries_send(ids=ids)


@shared_task(name="notifications.tasks.noop")
def noop() -> None:
    """Does nothing: the benchmark's measure of Celery's own throughput."""
