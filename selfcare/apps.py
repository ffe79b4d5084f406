from __future__ import annotations

from django.apps import AppConfig


class SelfcareConfig(AppConfig):
    """Self-care plans, check-ins and check-in reminders, owned by the specialist."""

    name = "selfcare"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core import versions
        from selfcare import plan_reminders, reminders, support  # noqa: F401  (reminder kinds)
        from selfcare.models import WellnessWeek, WellnessWeekMember

        # The frozen weeks team wellbeing's cached summary rests on (core.versions).
        versions.watch(WellnessWeek)
        week_of = versions.organization_via(WellnessWeek, "week_id")
        versions.watch(WellnessWeekMember, organization=week_of)
