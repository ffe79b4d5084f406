from __future__ import annotations

from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Wellness events"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core import versions
        from events import calendar, reminders  # noqa: F401  (reminder kinds, feed source)
        from events.models import EventOccurrence, EventReply, WellnessEvent

        # The rows the home's kept panel rests on (core.versions).
        for model in (WellnessEvent, EventOccurrence, EventReply):
            versions.watch(model)
        versions.watch_many(WellnessEvent.organizers.through, WellnessEvent.data_topic)
