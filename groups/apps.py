from __future__ import annotations

from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "groups"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core import versions
        from groups import calendar, reminders, report_reminders  # noqa: F401  (kinds, feed)
        from groups.models import Facilitator, Meeting, SupportGroup

        # The rows the home's kept panel rests on (core.versions).
        for model in (SupportGroup, Facilitator, Meeting):
            versions.watch(model)
