"""Training reminders: "due soon" and "due date passed" to the learner, and the weekly counts
to program managers and HR, through the real engine (tasks run in-process here)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from notifications import registry
from notifications.models import Delivery, DeliveryStatus, Notification
from notifications.services import deliveries_send, dispatch_run
from supervision.models import SupervisorAssignment
from tests.conftest import Cast
from tests.factories import ProfileFactory
from workforce.models import (
    Assignment,
    AssignmentSource,
    EmploymentStatus,
    Role,
    StaffProfile,
    TrainingFormat,
    TrainingModule,
)
from workforce.training.learning import completion_create
from workforce.training.reminders import DIGEST, DUE

# The cast lives in America/New_York (09:00 there is 14:00 UTC in December).
ASSIGNED = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
DUE_ON = date(2026, 12, 10)  # a Thursday
SOON_SLOT = datetime(2026, 12, 3, 14, 0, tzinfo=UTC)  # 09:00 a week before
PASSED_SLOT = datetime(2026, 12, 11, 14, 0, tzinfo=UTC)  # 09:00 the day after
MONDAY = datetime(2026, 12, 7, 14, 0, tzinfo=UTC)  # Monday 09:00 in New York
WORDS_NEVER_SAID_TO_A_LEARNER = ("overdue", "failed", "late", "non-compliant")


def _module(org, title: str = "Boundaries in peer work", **extra: object) -> TrainingModule:
    return TrainingModule.objects.create(
        organization=org,
        title=title,
        summary="How to keep the work sustainable.",
        category="boundaries_ethics",
        format=extra.pop("format", TrainingFormat.IN_APP),
        estimated_minutes=30,
        **extra,
    )


def _assign(person: StaffProfile, due_on: date | None, module: TrainingModule | None = None):
    module = module or _module(person.organization, title=f"Module for {person.chosen_name}")
    return Assignment.objects.create(
        organization=person.organization,
        person=person,
        module=module,
        due_on=due_on,
        source=AssignmentSource.PERSON,
    )


def _complete(assignment: Assignment) -> None:
    completion_create(
        person=assignment.person,
        module=assignment.module,
        completed_on=timezone.localdate(),
        source="self_reported",
    )


def _run_at(when: datetime, times: int = 1) -> None:
    with time_machine.travel(when, tick=False):
        for _ in range(times):
            dispatch_run()


def _emails(kind: str) -> list:
    ids = set(Delivery.objects.filter(kind=kind).values_list("recipient__email", flat=True))
    return [m for m in mail.outbox if m.to[0] in ids]


def _assigned(*args, **kwargs) -> Assignment:
    with time_machine.travel(ASSIGNED, tick=False):
        return _assign(*args, **kwargs)


# --- to the learner --------------------------------------------------------------------------


def test_it_says_due_soon_a_week_before_and_passed_the_day_after_once_each(cast: Cast) -> None:
    assignment = _assigned(cast.alice, DUE_ON)
    _run_at(SOON_SLOT - timedelta(seconds=30))
    assert mail.outbox == []
    _run_at(SOON_SLOT + timedelta(seconds=20), times=2)  # the same minute again: nothing twice
    _run_at(SOON_SLOT + timedelta(days=1))

    (soon,) = mail.outbox
    assert soon.to == ["alice@harbor.example"]
    assert soon.subject == "Training due soon"
    assert "Module for Alice is due on Thursday 10 December 2026" in soon.body
    assert f"http://testserver/training/modules/{assignment.module_id}/\n" in soon.body

    _run_at(PASSED_SLOT + timedelta(seconds=20), times=2)
    _run_at(PASSED_SLOT + timedelta(days=1))
    assert len(mail.outbox) == 2
    passed = mail.outbox[1]
    assert passed.subject == "You can still complete your training"
    assert (
        "The due date for Module for Alice has passed — you can still complete it whenever "
        "you're ready." in passed.body
    )
    assert f"http://testserver/training/modules/{assignment.module_id}/\n" in passed.body

    rows = Delivery.objects.filter(kind=DUE).order_by("due_slot")
    assert [(r.subject, r.due_slot, r.status, r.attempts) for r in rows] == [
        (f"assignment:{assignment.pk}", SOON_SLOT, DeliveryStatus.SENT, 1),
        (f"assignment:{assignment.pk}", PASSED_SLOT, DeliveryStatus.SENT, 1),
    ]
    notes = Notification.objects.filter(recipient=cast.alice.user).order_by("created_at")
    assert [n.link for n in notes] == [f"/training/modules/{assignment.module_id}/"] * 2
    assert notes[0].title == "Module for Alice is due on Thursday 10 December 2026."
    for text in [m.subject + m.body for m in mail.outbox] + [n.title for n in notes]:
        for word in WORDS_NEVER_SAID_TO_A_LEARNER:
            assert word not in text.lower()


def test_it_is_nine_in_the_morning_where_the_learner_lives(cast: Cast) -> None:
    StaffProfile.objects.filter(pk=cast.sid.pk).update(timezone="America/Los_Angeles")
    external = _module(cast.harbor, title="Crisis response course", format=TrainingFormat.EXTERNAL)
    _assigned(cast.sid, DUE_ON, module=external)
    nine_in_la = datetime(2026, 12, 3, 17, 0, tzinfo=UTC)
    _run_at(nine_in_la - timedelta(minutes=1))
    assert mail.outbox == []
    _run_at(nine_in_la + timedelta(seconds=5))
    (email,) = mail.outbox
    assert email.to == ["sid@harbor.example"]
    assert "http://testserver/training/\n" in email.body  # its details are on My training
    assert Delivery.objects.get(kind=DUE).due_slot == nine_in_la


def test_nothing_for_completed_assignments_or_people_not_at_work(cast: Cast) -> None:
    done = _assigned(cast.alice, DUE_ON)
    _assigned(cast.alice, None)  # no due date: nothing to remind about
    _assigned(cast.sid, DUE_ON)
    _assigned(cast.bob, DUE_ON)
    _assigned(cast.mia, DUE_ON)
    archived = _assigned(cast.hana, DUE_ON)
    with time_machine.travel(ASSIGNED, tick=False):
        _complete(done)
    cast.sid.user.is_active = False
    cast.sid.user.save()
    StaffProfile.objects.filter(pk=cast.bob.pk).update(employment_status=EmploymentStatus.LEFT)
    StaffProfile.objects.filter(pk=cast.mia.pk).update(employment_status=EmploymentStatus.ON_LEAVE)
    TrainingModule.objects.filter(pk=archived.module_id).update(archived_at=ASSIGNED)
    for when in (SOON_SLOT, PASSED_SLOT):
        _run_at(when + timedelta(minutes=1))
    assert not Delivery.objects.filter(kind=DUE).exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("completed", "completed"),
        ("archived", "module archived"),
        ("left", "not at work now"),
        ("moved", "due date changed"),  # moved a month on: "due soon" is no longer true
    ],
)
def test_a_change_between_collect_and_send_wins(cast: Cast, change: str, reason: str) -> None:
    assignment = _assigned(cast.alice, DUE_ON)
    with time_machine.travel(SOON_SLOT + timedelta(seconds=5), tick=False):
        collected = registry.get(DUE).collect(timezone.now())
        assert len(collected.send_now) == 1
        if change == "completed":
            _complete(assignment)
        elif change == "archived":
            TrainingModule.objects.filter(pk=assignment.module_id).update(archived_at=ASSIGNED)
        elif change == "left":
            StaffProfile.objects.filter(pk=cast.alice.pk).update(
                employment_status=EmploymentStatus.LEFT
            )
        else:
            Assignment.objects.filter(pk=assignment.pk).update(due_on=date(2027, 1, 15))
        assert deliveries_send(ids=collected.send_now) == 0
    delivery = Delivery.objects.get(kind=DUE)
    assert (delivery.status, delivery.skip_reason) == (DeliveryStatus.SKIPPED, reason)
    assert mail.outbox == [] and not Notification.objects.exists()


def test_after_downtime_the_missed_slot_is_sent_once_late(cast: Cast) -> None:
    _assigned(cast.alice, DUE_ON)
    # Down from before the "due soon" slot until a day after the "passed" one: only the
    # latest, still-recent slot is sent; the week-old one is not sent as a burst with it.
    _run_at(PASSED_SLOT + timedelta(days=1), times=2)
    (email,) = mail.outbox
    assert email.subject == "You can still complete your training"
    assert list(Delivery.objects.values_list("due_slot", flat=True)) == [PASSED_SLOT]


def test_a_slot_missed_by_more_than_two_days_is_dropped(cast: Cast) -> None:
    _assigned(cast.alice, DUE_ON)
    _run_at(SOON_SLOT + timedelta(days=2, minutes=1))
    assert mail.outbox == [] and not Delivery.objects.exists()


def test_an_assignment_made_at_short_notice_hears_once_right_away(cast: Cast) -> None:
    made = datetime(2026, 12, 7, 16, 0, tzinfo=UTC)  # three days before the due date
    with time_machine.travel(made, tick=False):
        _assign(cast.alice, DUE_ON)
    _run_at(made + timedelta(seconds=30), times=2)
    _run_at(made + timedelta(days=1))
    (email,) = _emails(DUE)  # (on a Monday: mia and hana get their digest too)
    assert email.subject == "Training due soon"
    assert Delivery.objects.get(kind=DUE).due_slot == SOON_SLOT  # its slot: the ledger key
    _run_at(PASSED_SLOT + timedelta(seconds=30))
    assert len(_emails(DUE)) == 2


def test_an_assignment_made_after_its_due_date_is_not_told_it_passed(cast: Cast) -> None:
    with time_machine.travel(PASSED_SLOT - timedelta(hours=3), tick=False):
        _assign(cast.alice, DUE_ON)  # e.g. a renewal opened late
    _run_at(PASSED_SLOT + timedelta(seconds=30))
    assert mail.outbox == [] and not Delivery.objects.exists()


def test_collect_runs_constant_queries(cast: Cast, django_assert_num_queries) -> None:
    collect = registry.get(DUE).collect
    _assigned(cast.alice, DUE_ON)
    with django_assert_num_queries(3):  # the zones in play, one INSERT ... SELECT per slot
        assert len(collect(SOON_SLOT + timedelta(seconds=5)).send_now) == 1
    for n in range(30):
        person = ProfileFactory(organization=cast.harbor, timezone="America/Los_Angeles")
        _assigned(person, DUE_ON + timedelta(days=n % 2))
    with django_assert_num_queries(3):
        assert len(collect(PASSED_SLOT + timedelta(days=1, hours=4)).send_now) == 31


def test_the_operations_count_shows_what_is_due_and_not_yet_collected(cast: Cast) -> None:
    _assigned(cast.alice, DUE_ON)
    _assigned(cast.carol, DUE_ON)
    kind, now = registry.get(DUE), SOON_SLOT + timedelta(seconds=5)
    assert kind.due_count(now, cast.harbor.pk) == 1 and kind.due_count(now, None) == 2
    kind.collect(now)
    assert kind.due_count(now, None) == 0
    assert kind.private is False and registry.get(DIGEST).private is False


# --- the weekly digest to program managers and HR --------------------------------------------


@pytest.fixture(autouse=True)
def _no_supervision_expected(cast: Cast) -> None:
    """These tests are about their own kinds: with no supervision cadence set, the managers'
    Monday note about overdue supervision (supervision.reminders) has nothing to say."""
    SupervisorAssignment.objects.update(cadence_every=None)


@pytest.fixture
def elsewhere_manager(cast: Cast) -> StaffProfile:
    return ProfileFactory(
        organization=cast.elsewhere,
        chosen_name="Mo",
        user__email="mo@elsewhere.example",
        roles=[Role.PROGRAM_MANAGER],
    )


def _digest_body(to: str) -> str:
    (email,) = [m for m in _emails(DIGEST) if m.to == [to]]
    return email.body


def test_the_digest_counts_each_organizations_own_assignments(
    cast: Cast, elsewhere_manager: StaffProfile
) -> None:
    _assigned(cast.alice, date(2026, 12, 1))  # overdue on Monday 7 December
    _assigned(cast.sid, date(2026, 12, 13))  # due in the next 7 days
    _assigned(cast.sid, date(2026, 12, 14))  # a week away: not yet
    _assigned(cast.carol, date(2026, 12, 2))  # Elsewhere's: never in Harbor's counts
    _assigned(cast.charlie, date(2026, 12, 3))
    _run_at(MONDAY - timedelta(minutes=1))
    assert _emails(DIGEST) == []
    _run_at(MONDAY + timedelta(seconds=10), times=2)

    recipients = sorted(m.to[0] for m in _emails(DIGEST))
    assert recipients == ["hana@harbor.example", "mia@harbor.example", "mo@elsewhere.example"]
    harbor = _digest_body("mia@harbor.example")
    assert "Overdue: 1\nDue in the next 7 days: 1\n" in harbor
    assert "http://testserver/training/team/overdue/\n" in harbor
    assert "Alice" not in harbor and "Module for" not in harbor  # counts only
    assert "Overdue: 2\nDue in the next 7 days: 0\n" in _digest_body("mo@elsewhere.example")
    (note,) = Notification.objects.filter(recipient=cast.hana.user, kind=DIGEST)
    assert note.link == "/training/team/overdue/"
    assert note.title == "Training this week: 1 overdue, 1 due in the next 7 days."


def test_the_digest_comes_once_a_week(cast: Cast) -> None:
    _assigned(cast.alice, date(2026, 12, 1))
    for when in (MONDAY, MONDAY + timedelta(hours=5), MONDAY + timedelta(days=1, hours=1)):
        _run_at(when + timedelta(seconds=10))
    assert sorted(m.to[0] for m in mail.outbox) == ["hana@harbor.example", "mia@harbor.example"]
    _run_at(MONDAY + timedelta(days=7, seconds=10))
    assert len(mail.outbox) == 4
    assert Delivery.objects.filter(kind=DIGEST, recipient=cast.mia.user).count() == 2


def test_specialists_supervisors_and_admins_never_get_the_digest(cast: Cast) -> None:
    _assigned(cast.alice, date(2026, 12, 1))
    _run_at(MONDAY + timedelta(seconds=10))
    recipients = set(Delivery.objects.filter(kind=DIGEST).values_list("recipient", flat=True))
    assert recipients == {cast.mia.user_id, cast.hana.user_id}


def test_no_digest_when_nothing_is_due(cast: Cast) -> None:
    _assigned(cast.alice, date(2027, 1, 15))  # far off
    _assigned(cast.sid, None)
    _run_at(MONDAY + timedelta(seconds=10))
    assert mail.outbox == [] and not Delivery.objects.exists()


def test_the_digest_is_skipped_when_everything_was_done_before_it_went(cast: Cast) -> None:
    assignment = _assigned(cast.alice, date(2026, 12, 1))
    with time_machine.travel(MONDAY + timedelta(seconds=10), tick=False):
        collected = registry.get(DIGEST).collect(timezone.now())
        assert len(collected.send_now) == 2
        _complete(assignment)
        assert deliveries_send(ids=collected.send_now) == 0
    reasons = set(Delivery.objects.values_list("status", "skip_reason"))
    assert reasons == {(DeliveryStatus.SKIPPED, "nothing due")}
    assert mail.outbox == []


def test_the_digest_uses_constant_queries(cast: Cast, django_assert_num_queries) -> None:
    kind = registry.get(DIGEST)
    _assigned(cast.alice, date(2026, 12, 1))
    with django_assert_num_queries(2):  # the zones in play, one INSERT ... SELECT
        ids = kind.collect(MONDAY + timedelta(seconds=10)).send_now
    deliveries = list(Delivery.objects.filter(pk__in=ids))
    with django_assert_num_queries(3):  # profiles, their roles, the counts
        kind.load(deliveries)
    for _ in range(10):
        ProfileFactory(organization=cast.harbor, roles=[Role.HR], timezone="Asia/Tokyo")
        ProfileFactory(organization=cast.elsewhere, roles=[Role.PROGRAM_MANAGER])
    _assigned(cast.carol, date(2026, 12, 1))
    with django_assert_num_queries(2):
        ids = kind.collect(MONDAY + timedelta(seconds=20)).send_now
    assert len(ids) == 20
    deliveries = list(Delivery.objects.filter(pk__in=ids))
    with time_machine.travel(MONDAY, tick=False), django_assert_num_queries(3):
        loaded = kind.load(deliveries)
    assert {(d.overdue, d.due_soon) for d in loaded.values()} == {(1, 0)}


def test_training_emails_can_be_stopped_from_the_email_and_reminders_stay_in_app(
    cast: Cast, client
) -> None:
    import re

    _assigned(cast.alice, DUE_ON)
    _run_at(SOON_SLOT + timedelta(seconds=20))
    (email,) = mail.outbox
    url = re.search(r"http://testserver/training/emails/pause/\S+/", email.body).group(0)
    assert email.extra_headers["List-Unsubscribe"] == f"<{url}>"
    path = url.removeprefix("http://testserver")
    with time_machine.travel(SOON_SLOT + timedelta(hours=3), tick=False):  # read that day
        assert client.get(path).status_code == 200  # a link scanner's GET changes nothing
        cast.alice.refresh_from_db()
        assert cast.alice.work_emails
        assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    cast.alice.refresh_from_db()
    assert not cast.alice.work_emails
    _run_at(PASSED_SLOT + timedelta(seconds=20))
    assert len(mail.outbox) == 1  # no email...
    assert Notification.objects.filter(recipient=cast.alice.user).count() == 2  # ...still here
    assert client.post(path[:-3] + "xx/").status_code == 400
