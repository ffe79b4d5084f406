from __future__ import annotations

from django.apps import AppConfig


class SelfcareConfig(AppConfig):
    """Self-care plans, check-ins and check-in reminders, owned by the specialist."""

    name = "selfcare"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from selfcare import plan_reminders, reminders, support  # noqa: F401  (reminder kinds)
