from __future__ import annotations

from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Wellness events"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from events import calendar, reminders  # noqa: F401  (reminder kinds, feed source)
