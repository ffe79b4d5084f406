from __future__ import annotations

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """The reminder engine: ledger, channels, dispatch."""

    name = "notifications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from notifications.broker import ensure_folders

        ensure_folders()
