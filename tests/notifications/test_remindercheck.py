"""`manage.py remindercheck` prints the engine's counts."""

from __future__ import annotations

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from notifications.models import Delivery, DeliveryStatus
from tests.conftest import Cast


def test_it_prints_the_engines_state(cast: Cast, capsys) -> None:
    now = timezone.now()
    common = {"organization": cast.harbor, "recipient": cast.alice.user, "kind": "checkin"}
    Delivery.objects.create(
        **common, subject="a", due_slot=now, created_at=now - timedelta(seconds=90)
    )
    Delivery.objects.create(
        **common, subject="b", due_slot=now, status=DeliveryStatus.SENT, sent_at=now
    )
    Delivery.objects.create(**common, subject="c", due_slot=now, status=DeliveryStatus.FAILED)
    call_command("remindercheck")
    out = capsys.readouterr().out
    assert "queued                         1" in out
    assert "sent in the last 24 h          1" in out
    assert "failed                         1" in out
    assert "oldest queued                  9" in out  # about 90 s
