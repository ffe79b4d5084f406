"""Celery tasks for wellness events: thin, idempotent."""

from __future__ import annotations

from celery import shared_task

from core import dates
from events import replies


@shared_task
def offers_pass_on() -> int:
    """Offer places freed by lapsed offers to the next people waiting."""
    return replies.offers_pass_on(now=dates.now())
