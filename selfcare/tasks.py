"""Celery tasks of self-care: thin, idempotent."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from celery import shared_task
from django.utils import timezone

from selfcare import aggregates
from workforce.models import Organization


@shared_task(name="selfcare.tasks.freeze_wellness_weeks")
def freeze_wellness_weeks() -> int:
    """Beat runs this hourly: compute and freeze each organization's finished weeks ahead of
    the first program manager's visit, so nobody waits for it. Returns weeks computed."""
    now = timezone.now()
    computed = 0
    for organization in Organization.objects.all():
        weeks = aggregates.finished_weeks(
            ZoneInfo(organization.timezone), aggregates.WEEKS_SHOWN, now
        )
        computed += aggregates.ensure_weeks(organization, weeks)
    return computed
