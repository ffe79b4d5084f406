"""Print the reminder engine's state: counts only, never content or recipients."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from notifications.services import engine_state


class Command(BaseCommand):
    help = "Show the reminder engine: due now, queued, sent (24 h), failed, oldest queued."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--organization", type=int, help="Only this organization's id.")

    def handle(self, *args: object, organization: int | None = None, **options: object) -> None:
        state = engine_state(organization_id=organization)
        oldest = "—" if state.oldest_queued_seconds is None else f"{state.oldest_queued_seconds} s"
        rows = [
            ("due now (not yet dispatched)", state.due_now),
            ("queued", state.queued),
            ("sending", state.sending),
            ("sent in the last 24 h", state.sent_24h),
            ("failed", state.failed),
            ("oldest queued", oldest),
        ]
        for label, value in rows:
            self.stdout.write(f"{label:<30} {value}")
