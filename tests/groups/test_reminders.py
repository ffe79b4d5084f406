"""Group reminders through the real engine (tasks run in-process here): 24 hours before a
meeting to its facilitators; the day after, one gentle "log it" if nobody has; the day before a
liaison's visit. Each exactly once, none with a group's name, a count or a note in the email."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import time_machine
from django.core import mail

from groups.liaison import visit_plan
from groups.meetings import MeetingLogInput, meeting_cancel, meeting_log
from groups.models import Meeting
from groups.reminders import LOG, SOON, VISIT
from groups.services import facilitators_set
from notifications.models import Delivery, Notification
from notifications.services import dispatch_run
from tests.conftest import Cast
from tests.factories import ProfileFactory

FIRST = datetime(2027, 1, 8, 0, 30, tzinfo=UTC)  # Thursday 7 January, 18:30 in Chicago
NEXT_NINE = datetime(2027, 1, 8, 15, 0, tzinfo=UTC)  # Friday 8 January, 09:00 in Chicago


def _run_at(when: datetime, times: int = 1) -> None:
    with time_machine.travel(when, tick=False):
        for _ in range(times):
            dispatch_run()


def _ledger(kind: str) -> list[tuple[str, datetime]]:
    return sorted(
        (d.recipient.email, d.due_slot)
        for d in Delivery.objects.filter(kind=kind).select_related("recipient")
    )


def _first(group) -> Meeting:
    return Meeting.objects.get(group=group, starts_at=FIRST)


def test_facilitators_hear_24_hours_before_and_only_once(cast: Cast, group) -> None:
    pat = ProfileFactory(organization=cast.harbor, chosen_name="Pat", user__email="pat@h.example")
    facilitators_set(actor=cast.mia.user, group=group, people=[cast.alice, pat], lead=cast.alice)
    _run_at(FIRST - timedelta(hours=25))
    assert _ledger(SOON) == []
    _run_at(FIRST - timedelta(hours=23), times=3)
    slot = FIRST - timedelta(hours=24)
    assert _ledger(SOON) == [("alice@harbor.example", slot), ("pat@h.example", slot)]
    (alice_mail,) = [m for m in mail.outbox if m.to == ["alice@harbor.example"]]
    assert alice_mail.subject == "A group you facilitate meets soon"
    assert "Thursday 7 January, 7:30 PM" in alice_mail.body  # her New York time
    assert group.name not in alice_mail.body  # the email names no group
    assert f"/groups/meetings/{_first(group).pk}/" in alice_mail.body
    assert "List-Unsubscribe" in alice_mail.extra_headers
    # The liaison and the managers are not reminded of the group's meetings.
    assert not Delivery.objects.filter(recipient__in=[cast.sid.user, cast.mia.user]).exists()
    (note,) = Notification.objects.filter(recipient=cast.alice.user)
    assert group.name not in note.title and "Thursday 7 January, 7:30 PM" in note.title


def test_a_cancelled_meeting_is_not_reminded(cast: Cast, group) -> None:
    with time_machine.travel(FIRST - timedelta(days=2), tick=False):
        meeting_cancel(actor=cast.alice.user, meeting=_first(group), reason="Snow")
    _run_at(FIRST - timedelta(hours=23))
    assert _ledger(SOON) == []


def test_the_work_email_switch_keeps_it_in_peerwell(cast: Cast, group) -> None:
    cast.alice.work_emails = False
    cast.alice.save()
    _run_at(FIRST - timedelta(hours=23))
    assert len(_ledger(SOON)) == 1
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=cast.alice.user).count() == 1


def test_the_day_after_an_unlogged_meeting_one_gentle_nudge(cast: Cast, group) -> None:
    _run_at(NEXT_NINE - timedelta(minutes=5))
    assert _ledger(LOG) == []
    _run_at(NEXT_NINE + timedelta(minutes=1), times=3)
    _run_at(NEXT_NINE + timedelta(hours=6))
    assert _ledger(LOG) == [("alice@harbor.example", NEXT_NINE)]
    (nudge,) = [m for m in mail.outbox if m.subject == "Log yesterday's group meeting"]
    assert "Numbers only, never names" in nudge.body
    assert f"/groups/meetings/{_first(group).pk}/#log" in nudge.body


def test_a_logged_meeting_gets_no_nudge(cast: Cast, group) -> None:
    with time_machine.travel(FIRST + timedelta(hours=2), tick=False):
        meeting_log(
            actor=cast.alice.user,
            meeting=_first(group),
            data=MeetingLogInput(held=True, attended=7, agreement_read=True),
        )
    _run_at(NEXT_NINE + timedelta(minutes=1))
    assert _ledger(LOG) == []


def test_a_nudge_after_downtime_goes_once_late_and_not_after_two_days(cast: Cast, group) -> None:
    _run_at(NEXT_NINE + timedelta(hours=30))
    assert _ledger(LOG) == [("alice@harbor.example", NEXT_NINE)]
    Delivery.objects.all().delete()
    _run_at(NEXT_NINE + timedelta(days=2, minutes=1))
    assert _ledger(LOG) == []


def test_the_liaison_hears_the_day_before_a_visit(cast: Cast, group) -> None:
    with time_machine.travel("2027-01-05T15:00:00Z", tick=False):
        visit = visit_plan(actor=cast.sid.user, group=group, on=date(2027, 1, 14))
    nine = datetime(2027, 1, 13, 15, 0, tzinfo=UTC)  # Wednesday 13th, 09:00 in Chicago
    _run_at(nine - timedelta(minutes=1))
    assert _ledger(VISIT) == []
    _run_at(nine + timedelta(minutes=1), times=2)
    assert _ledger(VISIT) == [("sid@harbor.example", nine)]
    (note,) = [m for m in mail.outbox if m.to == ["sid@harbor.example"]]
    assert note.subject == "Your liaison visit is tomorrow"
    assert f"/groups/{group.pk}/liaison/" in note.body
    assert group.name not in note.body
    (in_app,) = Notification.objects.filter(recipient=cast.sid.user)
    assert in_app.title == "Your liaison visit is on Thursday 14 January." and visit.pk
