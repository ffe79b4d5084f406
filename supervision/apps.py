from __future__ import annotations

from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "supervision"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from supervision import reminders  # noqa: F401  (reminder kinds)
