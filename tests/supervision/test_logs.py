"""The session log: held or not, facts, notes; reflections; sign-off by everyone locks the
facts; amendments after that; supervised hours in certification readiness."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Sum

from supervision.assignments import assignment_save
from supervision.logs import (
    facts_digest,
    session_amend,
    session_log,
    session_reflect,
    session_sign,
)
from supervision.models import SessionParticipant, SessionStatus, SupervisionSession
from supervision.scheduling import Plan, session_cancel, session_schedule
from supervision.selectors import hours_of, signed_attendance, waiting_signature
from tests.conftest import Cast
from workforce.certifications import services as certifications
from workforce.certifications.readiness import readiness

NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
HELD = datetime(2026, 3, 9, 15, 5, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _session(cast: Cast, people=None, **changes) -> SupervisionSession:
    plan = Plan(
        supervisor=cast.bob,
        participants=tuple(people or (cast.alice,)),
        kind="group" if people and len(people) > 1 else "individual",
        format="video",
        on=date(2026, 3, 9),
        at=time(10, 0),
        timezone="America/Chicago",
        duration_minutes=60,
        **changes,
    )
    (session,) = session_schedule(actor=cast.bob.user, plan=plan, allow_conflicts=True)
    return session


def _log(cast: Cast, session: SupervisionSession, **changes) -> SupervisionSession:
    values = {
        "held": True,
        "held_at": HELD,
        "held_minutes": 55,
        "topics": ["boundaries", "vicarious_trauma"],
        "notes": "Talked through the week's hardest call.",
        "action_items": "Try the grounding exercise before home visits.",
    }
    return session_log(actor=cast.bob.user, session=session, **{**values, **changes})


def signed_hours(person_id: int, start: date, end: date, zone: str) -> Decimal:
    """Hours of the person's signed sessions in the dates, as the attestation counts them."""
    rows = signed_attendance(person_id, start, end, zone)
    return hours_of(rows.aggregate(total=Sum("session__held_minutes"))["total"])


def _raw(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return " ".join(row[0] for row in cursor.fetchall())


def _sign_all(cast: Cast, session: SupervisionSession, people=None) -> None:
    for person in (cast.bob, *(people or (cast.alice,))):
        session_sign(actor=person.user, session=session, digest=facts_digest(session))


def test_logging_a_held_session_keeps_topics_in_the_lists_order_and_encrypts_notes(
    cast: Cast,
) -> None:
    session = _log(cast, _session(cast))
    assert session.status == SessionStatus.HELD
    assert session.topics == ["vicarious_trauma", "boundaries"]
    assert "hardest" not in _raw("SELECT notes FROM supervision_supervisionsession")
    assert SupervisionSession.objects.get(pk=session.pk).notes.startswith("Talked through")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"held_at": None}, "held_at"),
        ({"held_minutes": 0}, "held_minutes"),
        ({"held_minutes": 600}, "held_minutes"),
        ({"topics": ["gossip"]}, "topics"),
        ({"held_at": NOW + timedelta(days=1)}, "held_at"),
        ({"notes": "x" * 10_001}, "notes"),
    ],
)
def test_a_bad_log_says_why_and_changes_nothing(cast: Cast, changes, field) -> None:
    session = _session(cast)
    with pytest.raises(ValidationError) as error:
        _log(cast, session, **changes)
    assert field in error.value.message_dict
    session.refresh_from_db()
    assert (session.status, session.held_at, session.notes) == ("scheduled", None, "")


@pytest.mark.parametrize("who", ["alice", "mia", "adam", "hana", "sid", "charlie"])
def test_only_the_sessions_supervisor_writes_its_log(cast: Cast, who: str) -> None:
    session = _session(cast)
    with pytest.raises(ValidationError):
        session_log(actor=cast.by_name(who).user, session=session, held=True, held_at=HELD)
    session.refresh_from_db()
    assert session.logged_at is None


def test_a_session_that_didnt_take_place_has_no_hours_and_nothing_to_sign(cast: Cast) -> None:
    session = _log(cast, _session(cast), held=False, notes="Alice was off sick.")
    assert (session.status, session.held_minutes, session.topics) == ("missed", None, [])
    with pytest.raises(ValidationError):
        session_sign(actor=cast.alice.user, session=session, digest=facts_digest(session))


def test_everyone_signing_locks_the_facts(cast: Cast) -> None:
    session = _log(cast, _session(cast))
    digest = facts_digest(session)
    assert session_sign(actor=cast.bob.user, session=session, digest=digest) is False
    assert waiting_signature(cast.alice) == [session]
    assert waiting_signature(cast.bob) == []
    assert session_sign(actor=cast.alice.user, session=session, digest=digest) is True
    session.refresh_from_db()
    assert session.locked
    assert waiting_signature(cast.alice) == []
    with pytest.raises(ValidationError):  # the log can't change any more
        _log(cast, session, held_minutes=90)
    session.refresh_from_db()
    assert session.held_minutes == 55


def test_a_group_session_locks_when_the_last_participant_signs(cast: Cast) -> None:
    assignment_save(actor=cast.mia.user, supervisor=cast.bob, specialist=cast.sid)
    session = _log(cast, _session(cast, people=(cast.alice, cast.sid)))
    digest = facts_digest(session)
    session_sign(actor=cast.bob.user, session=session, digest=digest)
    session_sign(actor=cast.alice.user, session=session, digest=digest)
    session.refresh_from_db()
    assert not session.locked
    assert session_sign(actor=cast.sid.user, session=session, digest=digest) is True


def test_signing_what_has_since_changed_is_refused(cast: Cast) -> None:
    session = _log(cast, _session(cast))
    seen = facts_digest(session)
    _log(cast, session, held_minutes=45)
    with pytest.raises(ValidationError) as error:
        session_sign(actor=cast.alice.user, session=session, digest=seen)
    assert "changed while you were reading" in error.value.messages[0]
    assert not SessionParticipant.objects.filter(signed_at__isnull=False).exists()


def test_changing_the_facts_clears_signatures_but_notes_alone_dont(cast: Cast) -> None:
    session = _log(cast, _session(cast))
    session_sign(actor=cast.bob.user, session=session, digest=facts_digest(session))
    session = _log(cast, session, notes="Added a line.")
    assert session.supervisor_signed_at is not None
    session = _log(cast, session, held_minutes=50)
    assert session.supervisor_signed_at is None


def test_people_outside_the_session_cant_sign_it(cast: Cast) -> None:
    session = _log(cast, _session(cast))
    for who in (cast.sid, cast.mia, cast.hana, cast.charlie):
        with pytest.raises(ValidationError):
            session_sign(actor=who.user, session=session, digest=facts_digest(session))
    session.refresh_from_db()
    assert session.supervisor_signed_at is None


def test_a_reflection_is_the_participants_own_and_stays_editable_after_sign_off(
    cast: Cast,
) -> None:
    session = _log(cast, _session(cast))
    _sign_all(cast, session)
    session_reflect(actor=cast.alice.user, session=session, text="I felt heard today.")
    row = SessionParticipant.objects.get(session=session, person=cast.alice)
    assert row.reflection == "I felt heard today."
    assert "heard" not in _raw("SELECT reflection FROM supervision_sessionparticipant")
    for who in (cast.bob, cast.sid, cast.mia):
        with pytest.raises(ValidationError):
            session_reflect(actor=who.user, session=session, text="Not mine to write")
    row.refresh_from_db()
    assert row.reflection == "I felt heard today."


def test_an_amendment_corrects_signed_facts_and_keeps_the_trail(cast: Cast) -> None:
    session = _log(cast, _session(cast))
    with pytest.raises(ValidationError):  # before sign-off, edit the log itself
        session_amend(actor=cast.bob.user, session=session, reason="typo", held_minutes=50)
    _sign_all(cast, session)
    with pytest.raises(ValidationError) as error:
        session_amend(actor=cast.bob.user, session=session, reason=" ", held_minutes=50)
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError):
        session_amend(actor=cast.alice.user, session=session, reason="mine", held_minutes=50)
    amendment = session_amend(
        actor=cast.bob.user, session=session, reason="We stopped at 3:55", held_minutes=50
    )
    session.refresh_from_db()
    assert session.held_minutes == 50 and session.locked
    assert amendment.changes == {"held_minutes": [55, 50]}
    assert amendment.made_by == cast.bob


def test_cancelled_sessions_cant_be_logged(cast: Cast) -> None:
    session = _session(cast)
    session_cancel(actor=cast.bob.user, session=session, reason="Snow day")
    with pytest.raises(ValidationError):
        _log(cast, session)


def test_signed_hours_count_only_locked_held_sessions_in_the_dates(cast: Cast) -> None:
    signed = _log(cast, _session(cast))
    _sign_all(cast, signed)
    _log(cast, _session(cast), held_minutes=60)  # logged, not signed: not counted
    assert signed_hours(cast.alice.pk, date(2026, 3, 9), date(2026, 3, 9), "America/Chicago") == (
        Decimal("0.92")
    )
    assert signed_hours(cast.alice.pk, date(2026, 3, 10), date(2026, 3, 31), "UTC") == 0
    assert signed_hours(cast.sid.pk, date(2026, 1, 1), date(2026, 12, 31), "UTC") == 0


def test_supervised_hours_feed_certification_readiness(cast: Cast) -> None:
    type = certifications.certification_type_save(
        actor=cast.hana.user,
        data={
            "name": "State CPS",
            "validity_months": 24,
            "ce_hours_required": "0",
            "supervised_hours_required": "2",
            "milestones": [30],
        },
    )
    cert = certifications.certification_add(
        actor=cast.hana.user, person=cast.alice, type=type, issued_on=date(2026, 1, 1)
    )
    (requirement,) = readiness(cert, NOW.date()).requirements
    assert (requirement.label, requirement.earned, requirement.met) == (
        "supervised",
        Decimal("0.00"),
        False,
    )
    for minutes in (60, 60):
        session = _log(cast, _session(cast), held_minutes=minutes)
        _sign_all(cast, session)
    (requirement,) = readiness(cert, NOW.date()).requirements
    assert (requirement.earned, requirement.met) == (Decimal("2.00"), True)


def test_each_participant_carries_the_held_facts_compliance_reads(cast: Cast) -> None:
    assignment_save(actor=cast.mia.user, supervisor=cast.bob, specialist=cast.sid)
    session = _session(cast, people=(cast.alice, cast.sid))

    def copies() -> set[tuple]:
        return set(SessionParticipant.objects.values_list("held_at", "held_minutes"))

    assert copies() == {(None, None)}
    _log(cast, session, held_minutes=50)
    assert copies() == {(HELD, 50)}
    _log(cast, session, held=False)
    assert copies() == {(None, None)}
    session = _log(cast, session, held_minutes=45)
    _sign_all(cast, session, people=(cast.alice, cast.sid))
    session_amend(actor=cast.bob.user, session=session, reason="Stopped early", held_minutes=40)
    assert copies() == {(HELD, 40)}


def test_someone_who_left_before_signing_doesnt_hold_back_the_others_hours(cast: Cast) -> None:
    assignment_save(actor=cast.mia.user, supervisor=cast.bob, specialist=cast.sid)
    session = _log(cast, _session(cast, people=(cast.alice, cast.sid)))
    for person in (cast.bob, cast.alice):
        session_sign(actor=person.user, session=session, digest=facts_digest(session))
    session.refresh_from_db()
    assert not session.locked
    cast.sid.employment_status = "left"
    cast.sid.save()
    assert session_sign(actor=cast.bob.user, session=session, digest=facts_digest(session))
    assert signed_hours(cast.alice.pk, date(2026, 3, 1), date(2026, 3, 31), "UTC") > 0


def test_the_start_is_kept_to_the_minute_as_the_form_shows_it(cast: Cast) -> None:
    session = _log(cast, _session(cast), held_at=HELD.replace(second=42, microsecond=7))
    assert session.held_at == HELD.replace(second=0)
