"""Run one dispatch pass now (what beat triggers every minute)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from notifications.services import dispatch_run


class Command(BaseCommand):
    help = "Collect due reminders into the ledger, re-queue stuck sends, and enqueue sends."

    def handle(self, *args: object, **options: object) -> None:
        report = dispatch_run()
        collected = ", ".join(f"{k}: {v}" for k, v in report.collected.items()) or "nothing"
        self.stdout.write(
            f"collected {collected}; re-queued {report.swept}; enqueued {report.enqueued}"
        )
