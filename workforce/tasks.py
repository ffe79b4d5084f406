"""Celery tasks of the workforce app: thin, take ids, idempotent."""

from __future__ import annotations

from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone

from workforce import emails


@shared_task(name="workforce.tasks.send_account_email")
def send_account_email(user_id: int, purpose: str) -> None:
    """Send an invitation or a password-reset email; a missing or inactive user is a no-op."""
    emails.account_email_send(user_id=user_id, purpose=purpose)


@shared_task(name="workforce.tasks.clear_expired_sessions")
def clear_expired_sessions() -> int:
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@shared_task(name="workforce.tasks.open_training_renewals")
def open_training_renewals() -> int:
    """Beat runs this hourly: assign renewing modules again as completions near their lapse."""
    from workforce.training.assignments import renewals_open

    return renewals_open()
