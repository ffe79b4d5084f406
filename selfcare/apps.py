from __future__ import annotations

from django.apps import AppConfig


class SelfcareConfig(AppConfig):
    name = "selfcare"
    default_auto_field = "django.db.models.BigAutoField"
