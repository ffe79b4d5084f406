"""Certification reminders: each milestone before expiry to the holder and to HR, and the
weekly counts to HR, through the real engine (tasks run in-process here)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from notifications import registry
from notifications.models import Channel, Delivery, DeliveryStatus, Notification
from notifications.services import deliveries_send, dispatch_run
from supervision.models import SupervisorAssignment
from tests.conftest import Cast
from tests.factories import ProfileFactory
from workforce.certifications.reminders import DIGEST, MILESTONE
from workforce.certifications.services import (
    certification_add,
    certification_renew,
    certification_revoke,
)
from workforce.models import (
    Certification,
    CertificationType,
    EmploymentStatus,
    Role,
    RoleGrant,
    StaffProfile,
)

# The cast lives in America/New_York (09:00 there is 14:00 UTC all winter).
RECORDED = datetime(2026, 8, 3, 15, 0, tzinfo=UTC)
EXPIRES = date(2027, 3, 1)  # a Monday
SLOTS = {  # 09:00 in New York, so many days before EXPIRES
    90: datetime(2026, 12, 1, 14, 0, tzinfo=UTC),
    60: datetime(2026, 12, 31, 14, 0, tzinfo=UTC),
    30: datetime(2027, 1, 30, 14, 0, tzinfo=UTC),
    7: datetime(2027, 2, 22, 14, 0, tzinfo=UTC),
    0: datetime(2027, 3, 1, 14, 0, tzinfo=UTC),
}
MONDAY = datetime(2026, 12, 7, 14, 0, tzinfo=UTC)  # Monday 09:00 in New York
DIGEST_SUBJECT = "Your weekly certifications summary"
WORDS_NEVER_SAID_TO_A_HOLDER = ("overdue", "failed", "late", "non-compliant", "lapsed", "warning")


@pytest.fixture(autouse=True)
def _no_supervision_expected(cast: Cast) -> None:
    """These tests are about their own kinds: with no supervision cadence set, the managers'
    Monday note about overdue supervision (supervision.reminders) has nothing to say."""
    SupervisorAssignment.objects.update(cadence_every=None)


@pytest.fixture
def peer_cert(cast: Cast) -> CertificationType:
    return CertificationType.objects.create(
        organization=cast.harbor, name="Certified Peer Specialist", validity_months=24
    )


@pytest.fixture
def hugo(cast: Cast) -> StaffProfile:
    """Elsewhere's HR person: never hears about Harbor's certifications."""
    return ProfileFactory(
        organization=cast.elsewhere,
        chosen_name="Hugo",
        user__email="hugo@elsewhere.example",
        roles=[Role.HR],
    )


def _certify(
    person: StaffProfile,
    expires_on: date,
    type: CertificationType | None = None,
    at: datetime = RECORDED,
) -> Certification:
    """Recorded by HR (the real service), at `at`."""
    type = type or CertificationType.objects.get(
        organization=person.organization, name="Certified Peer Specialist"
    )
    hr = StaffProfile.objects.filter(
        organization=person.organization, role_grants__role=Role.HR
    ).first()
    with time_machine.travel(at, tick=False):
        return certification_add(
            actor=hr.user,
            person=person,
            type=type,
            issued_on=min(expires_on, at.date()) - timedelta(days=365),
            expires_on=expires_on,
        )


def _run_at(when: datetime, times: int = 1) -> None:
    with time_machine.travel(when, tick=False):
        for _ in range(times):
            dispatch_run()


def _mail_to(person: StaffProfile) -> list:
    """The milestone emails someone got (a Monday run may bring the digest too)."""
    return [m for m in mail.outbox if m.to == [person.user.email] and m.subject != DIGEST_SUBJECT]


def _ledger(kind: str = MILESTONE) -> list[tuple]:
    rows = Delivery.objects.filter(kind=kind).order_by("due_slot", "recipient_id", "subject")
    return [(r.recipient_id, r.subject, r.due_slot) for r in rows]


# --- milestones ------------------------------------------------------------------------------


def test_each_milestone_reaches_the_holder_and_hr_once(cast: Cast, peer_cert) -> None:
    cert = _certify(cast.alice, EXPIRES)
    for days, slot in SLOTS.items():
        _run_at(slot - timedelta(seconds=30))
        subject = f"certification:{cert.pk}:{days}"
        assert not Delivery.objects.filter(kind=MILESTONE, subject=subject).exists()
        _run_at(slot + timedelta(seconds=20), times=2)  # the same minute again: nothing twice
        _run_at(slot + timedelta(days=1))

    rows = Delivery.objects.filter(kind=MILESTONE).order_by("due_slot", "recipient_id")
    assert [(r.recipient_id, r.subject, r.due_slot, r.status, r.attempts) for r in rows] == [
        (person.user_id, f"certification:{cert.pk}:{days}", slot, DeliveryStatus.SENT, 1)
        for days, slot in SLOTS.items()
        for person in (cast.alice, cast.hana)
    ]
    assert {r.channel for r in rows} == {Channel.BOTH}
    assert len(_mail_to(cast.alice)) == len(_mail_to(cast.hana)) == 5
    for someone in (cast.bob, cast.sid, cast.mia, cast.adam, cast.charlie):  # adam: org admin
        assert not Delivery.objects.filter(recipient=someone.user).exists()


def test_the_holder_hears_plain_kind_words_and_a_link_to_their_page(cast: Cast, peer_cert):
    _certify(cast.alice, EXPIRES)
    _run_at(SLOTS[30] + timedelta(seconds=20))
    _run_at(SLOTS[0] + timedelta(seconds=20))
    ahead, today = _mail_to(cast.alice)
    assert ahead.subject == "Your Certified Peer Specialist renews on Monday 1 March 2027"
    assert ahead.body.startswith(
        "Hi Alice,\n\nYour Certified Peer Specialist renews on Monday 1 March 2027. Here's "
        "what's left for the renewal, and everything you need, whenever you're ready:\n\n"
        "http://testserver/certifications/\n"
    )
    assert today.subject == "Your Certified Peer Specialist expires today"
    assert (
        "Your Certified Peer Specialist expires today — if you've renewed, HR can record it.\n"
        in today.body
    )
    assert "http://testserver/certifications/\n" in today.body
    notes = Notification.objects.filter(recipient=cast.alice.user).order_by("created_at")
    assert [(n.kind, n.link) for n in notes] == [(MILESTONE, "/certifications/")] * 2
    assert notes[0].title == (
        "Your Certified Peer Specialist renews on Monday 1 March 2027 — here's what's left."
    )
    for text in [m.subject + m.body for m in (ahead, today)] + [n.title for n in notes]:
        for word in WORDS_NEVER_SAID_TO_A_HOLDER:
            assert word not in text.lower()


def test_hr_gets_the_roster_link_and_no_name(cast: Cast, peer_cert) -> None:
    _certify(cast.alice, EXPIRES)
    _run_at(SLOTS[60] + timedelta(seconds=20))
    _run_at(SLOTS[0] + timedelta(seconds=20))
    ahead, today = _mail_to(cast.hana)
    assert ahead.subject == "A Certified Peer Specialist expires on Monday 1 March 2027"
    assert ahead.body.startswith(
        "Hi Hana,\n\nA Certified Peer Specialist in Harbor House expires on Monday 1 March 2027. "
        "Who holds it, and what is left for the renewal, is on the roster:\n\n"
        "http://testserver/certifications/roster/\n\n"
        "To stop emails about training, certifications and supervision (reminders stay in "
        "PeerWell): "
        "http://testserver/training/emails/pause/"
    )
    assert ahead.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert today.subject == "A Certified Peer Specialist expires today"
    assert "expires today, Monday 1 March 2027." in today.body
    for text in (ahead.body, today.body):
        assert "Alice" not in text and "alice" not in text  # whose it is: on the roster only
    notes = Notification.objects.filter(recipient=cast.hana.user, kind=MILESTONE)
    assert {n.link for n in notes} == {"/certifications/roster/"}


def test_the_expiry_day_reminder_sent_a_day_late_says_when(cast: Cast, peer_cert) -> None:
    _certify(cast.alice, EXPIRES)
    _run_at(SLOTS[0] + timedelta(days=1))  # down all of the expiry day
    (email,) = _mail_to(cast.alice)
    assert email.subject == "Your Certified Peer Specialist expired on Monday 1 March 2027"
    assert (
        "Your Certified Peer Specialist expired on Monday 1 March 2027 — if you've renewed, HR "
        "can record it." in email.body
    )
    (to_hr,) = _mail_to(cast.hana)
    assert "A Certified Peer Specialist in Harbor House expired on Monday 1 March 2027." in (
        to_hr.body
    )


def test_it_is_nine_in_the_morning_where_each_recipient_lives(cast: Cast, peer_cert) -> None:
    StaffProfile.objects.filter(pk=cast.sid.pk).update(timezone="America/Los_Angeles")
    StaffProfile.objects.filter(pk=cast.hana.pk).update(timezone="Europe/London")
    cert = _certify(cast.sid, EXPIRES)
    nine_in_london = datetime(2027, 1, 30, 9, 0, tzinfo=UTC)
    nine_in_la = datetime(2027, 1, 30, 17, 0, tzinfo=UTC)
    _run_at(nine_in_london - timedelta(minutes=1))
    assert _ledger() == []
    _run_at(nine_in_london + timedelta(seconds=5))
    _run_at(nine_in_la - timedelta(minutes=1))
    assert _ledger() == [(cast.hana.user_id, f"certification:{cert.pk}:30", nine_in_london)]
    _run_at(nine_in_la + timedelta(seconds=5))
    assert _ledger()[1:] == [(cast.sid.user_id, f"certification:{cert.pk}:30", nine_in_la)]
    assert len(_mail_to(cast.sid)) == len(_mail_to(cast.hana)) == 1


def test_moving_the_expiry_date_never_sends_a_milestone_again(cast: Cast, peer_cert) -> None:
    cert = _certify(cast.alice, EXPIRES)
    _run_at(SLOTS[30] + timedelta(seconds=20))
    assert len(_mail_to(cast.alice)) == 1
    moved = EXPIRES + timedelta(days=10)  # HR corrects the date after the 30-day reminder
    Certification.objects.filter(pk=cert.pk).update(expires_on=moved)
    _run_at(SLOTS[30] + timedelta(days=10, seconds=20))  # the new date's 30-day slot
    assert len(_mail_to(cast.alice)) == 1
    new_seven = SLOTS[7] + timedelta(days=10)
    _run_at(new_seven + timedelta(seconds=20), times=2)
    assert len(_mail_to(cast.alice)) == 2
    assert "renews on Thursday 11 March 2027" in _mail_to(cast.alice)[1].body
    assert _ledger()[-2:] == [
        (person.user_id, f"certification:{cert.pk}:7", new_seven)
        for person in (cast.alice, cast.hana)
    ]


def test_a_renewal_is_a_new_cycle_with_milestones_of_its_own(cast: Cast, peer_cert) -> None:
    first = _certify(cast.alice, EXPIRES)
    _run_at(SLOTS[7] + timedelta(seconds=20))
    with time_machine.travel(datetime(2027, 2, 25, 15, 0, tzinfo=UTC), tick=False):
        renewal = certification_renew(
            actor=cast.hana.user,
            certification=first,
            issued_on=date(2027, 2, 25),
            expires_on=date(2027, 6, 1),
        )
    _run_at(SLOTS[0] + timedelta(seconds=20))  # the first cycle's expiry day: renewed
    assert len(_mail_to(cast.alice)) == 1
    ninety = datetime(2027, 3, 3, 14, 0, tzinfo=UTC)  # 90 days before 1 June, 09:00 EST
    _run_at(ninety + timedelta(seconds=20), times=2)
    assert _ledger()[-2:] == [
        (person.user_id, f"certification:{renewal.pk}:90", ninety)
        for person in (cast.alice, cast.hana)
    ]
    assert "renews on Tuesday 1 June 2027" in _mail_to(cast.alice)[-1].body


def test_nothing_for_revoked_renewed_or_people_not_reminded(cast: Cast, peer_cert) -> None:
    revoked = _certify(cast.alice, EXPIRES)
    with time_machine.travel(RECORDED, tick=False):
        certification_revoke(actor=cast.hana.user, certification=revoked, reason="Board record")
    renewed = _certify(cast.sid, EXPIRES)
    with time_machine.travel(RECORDED, tick=False):
        certification_renew(
            actor=cast.hana.user,
            certification=renewed,
            issued_on=date(2026, 8, 1),
            expires_on=date(2028, 8, 1),
        )
    _certify(cast.bob, EXPIRES)
    StaffProfile.objects.filter(pk=cast.bob.pk).update(employment_status=EmploymentStatus.LEFT)
    on_leave = _certify(cast.mia, EXPIRES)
    StaffProfile.objects.filter(pk=cast.mia.pk).update(employment_status=EmploymentStatus.ON_LEAVE)
    never = CertificationType.objects.create(organization=cast.harbor, name="First aid")
    with time_machine.travel(RECORDED, tick=False):  # no expiry date: nothing to remind about
        certification_add(
            actor=cast.hana.user, person=cast.adam, type=never, issued_on=date(2026, 1, 5)
        )
    _run_at(SLOTS[90] + timedelta(seconds=20))
    # Mia is on leave: not nudged herself, but HR still follows her credential.
    assert _ledger() == [(cast.hana.user_id, f"certification:{on_leave.pk}:90", SLOTS[90])]


@pytest.mark.parametrize(
    ("change", "reasons"),
    [
        ("revoked", {"alice": "revoked", "hana": "revoked"}),
        ("renewed", {"alice": "renewed", "hana": "renewed"}),
        ("deleted", {"alice": "certification removed", "hana": "certification removed"}),
        ("moved", {"alice": "expiry date changed", "hana": "expiry date changed"}),
        ("milestone", {"alice": "milestone removed", "hana": "milestone removed"}),
        ("left", {"alice": "not at work now", "hana": "holder no longer here"}),
        ("not_hr", {"alice": None, "hana": "no longer HR"}),
        ("hr_left", {"alice": None, "hana": "not at work now"}),
    ],
)
def test_a_change_between_collect_and_send_wins(
    cast: Cast, peer_cert, change: str, reasons: dict[str, str | None]
) -> None:
    cert = _certify(cast.alice, EXPIRES)
    with time_machine.travel(SLOTS[30] + timedelta(seconds=5), tick=False):
        collected = registry.get(MILESTONE).collect(timezone.now())
        assert len(collected.send_now) == 2
        if change == "revoked":
            certification_revoke(actor=cast.hana.user, certification=cert, reason="Board record")
        elif change == "renewed":
            certification_renew(
                actor=cast.hana.user, certification=cert, issued_on=date(2027, 1, 29)
            )
        elif change == "deleted":
            cert.delete()
        elif change == "moved":
            Certification.objects.filter(pk=cert.pk).update(expires_on=date(2027, 6, 1))
        elif change == "milestone":
            CertificationType.objects.filter(pk=peer_cert.pk).update(milestones=[90, 60, 7, 0])
        elif change == "left":
            StaffProfile.objects.filter(pk=cast.alice.pk).update(
                employment_status=EmploymentStatus.LEFT
            )
        elif change == "not_hr":
            RoleGrant.objects.filter(profile=cast.hana, role=Role.HR).delete()
        else:
            StaffProfile.objects.filter(pk=cast.hana.pk).update(
                employment_status=EmploymentStatus.ON_LEAVE
            )
        sent = deliveries_send(ids=collected.send_now)
    assert sent == sum(reason is None for reason in reasons.values())
    for name, reason in reasons.items():
        delivery = Delivery.objects.get(kind=MILESTONE, recipient=cast.by_name(name).user)
        if reason is None:
            assert delivery.status == DeliveryStatus.SENT
        else:
            assert (delivery.status, delivery.skip_reason) == (DeliveryStatus.SKIPPED, reason)
            assert not Notification.objects.filter(recipient=cast.by_name(name).user).exists()


def test_another_organizations_hr_never_hears(cast: Cast, peer_cert, hugo) -> None:
    theirs = CertificationType.objects.create(
        organization=cast.elsewhere, name="Certified Peer Specialist"
    )
    ours = _certify(cast.alice, EXPIRES)
    carols = _certify(cast.carol, EXPIRES, type=theirs)
    _run_at(SLOTS[90] + timedelta(seconds=20))
    assert sorted((r[0], r[1]) for r in _ledger()) == sorted(
        [
            (cast.alice.user_id, f"certification:{ours.pk}:90"),
            (cast.hana.user_id, f"certification:{ours.pk}:90"),
            (cast.carol.user_id, f"certification:{carols.pk}:90"),
            (hugo.user_id, f"certification:{carols.pk}:90"),
        ]
    )
    (to_hugo,) = _mail_to(hugo)
    assert "in Elsewhere Inc expires" in to_hugo.body and "Harbor" not in to_hugo.body


def test_an_hr_person_hears_about_their_own_certification_as_its_holder(
    cast: Cast, peer_cert
) -> None:
    cert = _certify(cast.hana, EXPIRES)
    _run_at(SLOTS[90] + timedelta(seconds=20))
    assert _ledger() == [(cast.hana.user_id, f"certification:{cert.pk}:90", SLOTS[90])]
    (email,) = _mail_to(cast.hana)
    assert email.subject.startswith("Your Certified Peer Specialist renews on")


def test_after_downtime_only_the_newest_missed_milestone_is_sent(cast: Cast, peer_cert) -> None:
    cert = _certify(cast.alice, EXPIRES)
    # Down from before the 30-day slot until a day after the 7-day one: the 30-day reminder
    # is not sent as a burst with it, now or later.
    _run_at(SLOTS[7] + timedelta(days=1), times=2)
    _run_at(SLOTS[7] + timedelta(days=1, hours=1))
    assert {r[1] for r in _ledger()} == {f"certification:{cert.pk}:7"}
    assert len(_mail_to(cast.alice)) == 1


def test_two_milestones_due_together_send_only_the_nearer(cast: Cast, peer_cert) -> None:
    CertificationType.objects.filter(pk=peer_cert.pk).update(milestones=[1, 0])
    cert = _certify(cast.alice, EXPIRES)
    for hours in (1, 2, 20):  # the 1-day slot is still less than two days old throughout
        _run_at(SLOTS[0] + timedelta(hours=hours))
    assert {r[1] for r in _ledger()} == {f"certification:{cert.pk}:0"}


def test_a_slot_missed_by_more_than_two_days_is_dropped(cast: Cast, peer_cert) -> None:
    _certify(cast.alice, EXPIRES)
    _run_at(SLOTS[90] + timedelta(days=2, minutes=1))
    assert _ledger() == [] and mail.outbox == []


def test_a_certification_recorded_late_hears_only_what_is_still_ahead(
    cast: Cast, peer_cert
) -> None:
    twenty_days_before = datetime(2027, 2, 9, 15, 0, tzinfo=UTC)
    cert = _certify(cast.alice, EXPIRES, at=twenty_days_before)
    _run_at(twenty_days_before + timedelta(seconds=30))  # its 30-day slot is 10 days gone
    assert _ledger() == []
    six_days_before = datetime(2027, 2, 23, 15, 0, tzinfo=UTC)  # the 7-day slot was yesterday
    sids = _certify(cast.sid, EXPIRES, at=six_days_before)
    _run_at(six_days_before + timedelta(seconds=30), times=2)
    assert {(r[1], r[2]) for r in _ledger()} == {
        (f"certification:{cert.pk}:7", SLOTS[7]),
        (f"certification:{sids.pk}:7", SLOTS[7]),  # once, late, with its own slot as key
    }
    assert len(_ledger()) == 4  # each holder and Hana


def test_one_recorded_after_its_expiry_day_is_not_told_it_expires_today(
    cast: Cast, peer_cert
) -> None:
    after = datetime(2027, 3, 2, 12, 0, tzinfo=UTC)  # 07:00 the next day in New York
    _certify(cast.alice, EXPIRES, at=after)
    _run_at(after + timedelta(seconds=30))
    assert _ledger() == []
    assert _mail_to(cast.alice) == _mail_to(cast.hana) == []  # (Hana's digest counts it)


def test_collect_and_load_run_constant_queries(
    cast: Cast, peer_cert, django_assert_num_queries
) -> None:
    kind = registry.get(MILESTONE)
    ProfileFactory(organization=cast.harbor, roles=[Role.HR], timezone="Asia/Tokyo")
    _certify(cast.alice, EXPIRES)
    now = datetime(2026, 12, 2, 18, 0, tzinfo=UTC)  # both 1 and 2 March's 90-day slots
    # The types' milestones; for holders, then HR: what is in play, one INSERT ... SELECT.
    with django_assert_num_queries(5):
        assert len(kind.collect(now).send_now) == 3
    for n in range(30):
        person = ProfileFactory(organization=cast.harbor, timezone="America/Los_Angeles")
        _certify(person, EXPIRES + timedelta(days=n % 2))
    with django_assert_num_queries(5):
        ids = kind.collect(now + timedelta(minutes=1)).send_now
    assert len(ids) == 30 * 3  # each holder, Hana and the Tokyo HR person
    deliveries = list(Delivery.objects.filter(pk__in=ids).select_related("recipient__profile"))
    with time_machine.travel(now, tick=False), django_assert_num_queries(3):
        loaded = kind.load(deliveries)  # certifications, recipients, their roles
    assert {kind.skip_reason(d, loaded[d.pk]) for d in deliveries} == {None}


def test_the_operations_count_shows_what_is_due_and_not_yet_collected(
    cast: Cast, peer_cert, hugo
) -> None:
    theirs = CertificationType.objects.create(organization=cast.elsewhere, name="CPS")
    _certify(cast.alice, EXPIRES)
    _certify(cast.carol, EXPIRES, type=theirs)
    kind, now = registry.get(MILESTONE), SLOTS[90] + timedelta(seconds=5)
    assert kind.due_count(now, cast.harbor.pk) == 2 and kind.due_count(now, None) == 4
    kind.collect(now)
    assert kind.due_count(now, None) == 0
    assert kind.private is False and registry.get(DIGEST).private is False


# --- the weekly digest to HR -----------------------------------------------------------------


def _digest_to(person: StaffProfile) -> list:
    return [m for m in mail.outbox if m.to == [person.user.email] and m.subject == DIGEST_SUBJECT]


def test_the_digest_counts_each_organizations_own(cast: Cast, peer_cert, hugo) -> None:
    _certify(cast.alice, date(2027, 1, 15))  # within 60 days of 7 December
    _certify(cast.sid, date(2026, 11, 30))  # already expired
    _certify(cast.adam, date(2027, 2, 6))  # 61 days: not yet
    revoked = _certify(cast.mia, date(2027, 1, 10))
    with time_machine.travel(RECORDED, tick=False):
        certification_revoke(actor=cast.hana.user, certification=revoked, reason="Board record")
        renewed = _certify(cast.bob, date(2026, 11, 1))
        certification_renew(
            actor=cast.hana.user,
            certification=renewed,
            issued_on=date(2026, 8, 1),
            expires_on=date(2028, 8, 1),
        )
    theirs = CertificationType.objects.create(organization=cast.elsewhere, name="CPS")
    _certify(cast.carol, date(2026, 12, 20), type=theirs)
    _run_at(MONDAY - timedelta(minutes=1))
    assert _ledger(DIGEST) == []
    _run_at(MONDAY + timedelta(seconds=10), times=2)

    assert _ledger(DIGEST) == [
        (cast.hana.user_id, "week:2026-W50", MONDAY),
        (hugo.user_id, "week:2026-W50", MONDAY),
    ]
    (email,) = _digest_to(cast.hana)
    assert email.body.startswith(
        "Hi Hana,\n\nHere is this week's certifications summary for Harbor House:\n\n"
        "Expiring in the next 60 days: 1\nExpired: 1\n\n"
        "Who holds them, and what is left for each renewal, is on the roster:\n\n"
        "http://testserver/certifications/roster/?expiring_within=60\n\nTo stop emails"
    )
    (theirs_email,) = _digest_to(hugo)
    assert "Expiring in the next 60 days: 1\nExpired: 0\n" in theirs_email.body
    (note,) = Notification.objects.filter(recipient=cast.hana.user, kind=DIGEST)
    assert note.link == "/certifications/roster/?expiring_within=60"
    assert note.title == "Certifications this week: 1 expiring in the next 60 days, 1 expired."
    for someone in (cast.mia, cast.adam, cast.charlie, cast.alice):
        assert not Delivery.objects.filter(kind=DIGEST, recipient=someone.user).exists()


def test_no_digest_when_nothing_is_expiring(cast: Cast, peer_cert) -> None:
    _certify(cast.alice, date(2027, 6, 1))
    _run_at(MONDAY + timedelta(seconds=10))
    assert _ledger(DIGEST) == [] and mail.outbox == []


def test_the_digest_comes_once_a_week(cast: Cast, peer_cert) -> None:
    _certify(cast.alice, date(2027, 1, 15))
    _run_at(MONDAY + timedelta(seconds=10))
    # Hana moves to Los Angeles: her Monday 09:00 is now three hours on, the same ISO week.
    StaffProfile.objects.filter(pk=cast.hana.pk).update(timezone="America/Los_Angeles")
    for when in (MONDAY + timedelta(hours=3, minutes=1), MONDAY + timedelta(days=1, hours=4)):
        _run_at(when)
    assert len(_digest_to(cast.hana)) == 1
    next_monday = MONDAY + timedelta(days=7, hours=3)
    _run_at(next_monday + timedelta(seconds=10))
    assert _ledger(DIGEST) == [
        (cast.hana.user_id, "week:2026-W50", MONDAY),
        (cast.hana.user_id, "week:2026-W51", next_monday),
    ]
    assert len(_digest_to(cast.hana)) == 2


def test_the_digest_is_skipped_when_nothing_is_left_to_count(cast: Cast, peer_cert) -> None:
    cert = _certify(cast.alice, date(2027, 1, 15))
    with time_machine.travel(MONDAY + timedelta(seconds=10), tick=False):
        collected = registry.get(DIGEST).collect(timezone.now())
        assert len(collected.send_now) == 1
        certification_revoke(actor=cast.hana.user, certification=cert, reason="Board record")
        assert deliveries_send(ids=collected.send_now) == 0
    delivery = Delivery.objects.get(kind=DIGEST)
    assert (delivery.status, delivery.skip_reason) == (DeliveryStatus.SKIPPED, "nothing expiring")
    assert mail.outbox == []


def test_the_digest_uses_constant_queries(
    cast: Cast, peer_cert, hugo, django_assert_num_queries
) -> None:
    kind = registry.get(DIGEST)
    _certify(cast.alice, date(2026, 12, 1))
    with django_assert_num_queries(2):  # the zones in play, one INSERT ... SELECT
        ids = kind.collect(MONDAY + timedelta(seconds=10)).send_now
    assert len(ids) == 1
    deliveries = list(Delivery.objects.filter(pk__in=ids))
    with time_machine.travel(MONDAY, tick=False), django_assert_num_queries(3):
        kind.load(deliveries)  # profiles, their roles, the counts
    theirs = CertificationType.objects.create(organization=cast.elsewhere, name="CPS")
    _certify(cast.carol, date(2026, 12, 2), type=theirs)
    for _ in range(10):
        ProfileFactory(organization=cast.harbor, roles=[Role.HR], timezone="Asia/Tokyo")
        ProfileFactory(organization=cast.elsewhere, roles=[Role.HR])
    with django_assert_num_queries(2):
        ids = kind.collect(MONDAY + timedelta(seconds=20)).send_now
    assert len(ids) == 21  # Hugo and ten more at Elsewhere, ten in Tokyo (Monday 09:00 gone)
    deliveries = list(Delivery.objects.filter(pk__in=ids))
    with time_machine.travel(MONDAY, tick=False), django_assert_num_queries(3):
        loaded = kind.load(deliveries)
    assert {(d.expiring, d.expired) for d in loaded.values()} == {(0, 1)}


def test_someone_who_stopped_work_emails_hears_only_in_peerwell(cast: Cast, peer_cert) -> None:
    from workforce.models import StaffProfile

    StaffProfile.objects.filter(pk=cast.alice.pk).update(work_emails=False)
    _certify(cast.alice, EXPIRES)
    _run_at(SLOTS[60] + timedelta(seconds=20))
    assert _mail_to(cast.alice) == []
    assert Notification.objects.filter(recipient=cast.alice.user, kind=MILESTONE).count() == 1
    assert len(_mail_to(cast.hana)) == 1  # HR's own switch is on
