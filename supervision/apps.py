from __future__ import annotations

from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "supervision"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core import versions
        from supervision import reminders  # noqa: F401  (reminder kinds)
        from supervision.models import SessionParticipant, SupervisionSession, SupervisorAssignment

        # The rows compliance's cached figures rest on (core.versions).
        for model in (SupervisorAssignment, SupervisionSession, SessionParticipant):
            versions.watch(model)
