"""The Celery application: reads every CELERY_* setting from Django's settings."""

from __future__ import annotations

import os

from celery import Celery
from celery.signals import after_setup_logger, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("peerwell")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def ensure_broker_folders() -> None:
    """Create the embedded broker's folders (see notifications.broker)."""
    from notifications.broker import ensure_folders

    ensure_folders()


@worker_init.connect
def _worker_init(**_: object) -> None:
    ensure_broker_folders()


@after_setup_logger.connect
def _quiet(logger, **_: object) -> None:
    logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))
