"""The broker as the rest of PeerWell sees it: its folders (the embedded transport) and
whether it answers (for /healthz). Handing work to it lives in services.publish."""

from __future__ import annotations

import logging
import os

from celery import current_app
from django.conf import settings

logger = logging.getLogger(__name__)

FOLDER_OPTIONS = ("data_folder_in", "data_folder_out", "control_folder")


def ensure_folders() -> None:
    """Create the embedded broker's folders; a no-op for a server broker. Called when Django
    starts (web, worker, beat, manage.py alike), so a web process started before any worker
    can queue work."""
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}) or {}
    for key in FOLDER_OPTIONS:
        if key in options:
            os.makedirs(options[key], exist_ok=True)


def broker_answers(timeout: float = 1.0) -> bool:
    """Does the broker take a connection now? One quick try, no retries."""
    try:
        with current_app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, timeout=timeout)
        return True
    except Exception:  # refused, timed out, unreachable host, a folder that can't be written
        logger.warning("broker unreachable", exc_info=True)
        return False
