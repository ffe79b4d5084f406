from __future__ import annotations

from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    """Organizations, people, roles, the access policy and the audit log."""

    name = "workforce"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from workforce import (
            checks,  # noqa: F401  (registers the system checks)
            emails,  # noqa: F401  (the account-email kind)
        )
        from workforce.certifications import reminders as _certs  # noqa: F401  (reminder kinds)
        from workforce.training import reminders  # noqa: F401  (reminder kinds)
