"""Facilitation hours: from held meetings into certification readiness and the hours report."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import time_machine

from groups.meetings import MeetingLogInput, meeting_log
from groups.models import Meeting
from groups.selectors import hours_by_person
from tests.conftest import Cast
from workforce.certifications import services as certifications
from workforce.certifications.readiness import readiness

FIRST = datetime(2027, 1, 8, 0, 30, tzinfo=UTC)  # Thursday 7 January, 18:30 in Chicago


def _hold(cast: Cast, group, weeks: int, minutes: int) -> None:
    meeting = Meeting.objects.get(group=group, starts_at=FIRST + timedelta(weeks=weeks))
    with time_machine.travel(meeting.starts_at + timedelta(hours=3), tick=False):
        meeting_log(
            actor=cast.alice.user,
            meeting=meeting,
            data=MeetingLogInput(held=True, attended=6, agreement_read=True, held_minutes=minutes),
        )


def _cps(cast: Cast):
    type = certifications.certification_type_save(
        actor=cast.hana.user,
        data={
            "name": "Peer Recovery Specialist",
            "validity_months": 24,
            "ce_hours_required": "0",
            "peer_service_hours_required": "3",
            "milestones": [30],
        },
    )
    return certifications.certification_add(
        actor=cast.hana.user, person=cast.alice, type=type, issued_on=date(2026, 6, 1)
    )


def test_facilitation_hours_count_toward_peer_service(cast: Cast, group) -> None:
    cert = _cps(cast)
    (requirement,) = readiness(cert, date(2027, 1, 4)).requirements
    assert (requirement.label, requirement.earned, requirement.met) == (
        "peer_service",
        Decimal("0.00"),
        False,
    )
    _hold(cast, group, 0, 90)
    _hold(cast, group, 1, 90)
    (requirement,) = readiness(cert, date(2027, 1, 20)).requirements
    assert (requirement.earned, requirement.met) == (Decimal("3.00"), True)
    # A meeting after "today" (or outside the cycle) doesn't count yet.
    assert readiness(cert, date(2027, 1, 10)).requirements[0].earned == Decimal("1.50")


def test_the_readiness_page_and_api_show_peer_service(cast: Cast, group, login, client) -> None:
    cert = _cps(cast)
    _hold(cast, group, 0, 120)
    with time_machine.travel("2027-01-20T15:00:00Z", tick=False):
        login(cast.alice)
        page = client.get("/certifications/").content.decode()
        assert "Hours of peer service, from group meetings you facilitated" in page
        data = client.get(f"/api/v1/certifications/held/{cert.pk}/").json()
    labels = {r["label"]: r["earned"] for r in data["readiness"]["requirements"]}
    assert labels == {"peer_service": "2.00"}


def test_the_hours_report_has_names_and_hours_only(cast: Cast, group) -> None:
    _hold(cast, group, 0, 90)
    _hold(cast, group, 1, 60)
    with time_machine.travel("2027-01-20T15:00:00Z", tick=False):
        rows = hours_by_person(cast.hana.user, date(2027, 1, 1), date(2027, 1, 31))
        assert rows == [
            {"person_id": cast.alice.pk, "name": "Alice", "meetings": 2, "hours": Decimal("2.50")}
        ]
        assert (
            hours_by_person(cast.hana.user, date(2027, 1, 8), date(2027, 1, 31))[0]["meetings"] == 1
        )  # 7 January in Harbor's zone is before the 8th
        assert hours_by_person(cast.alice.user, date(2027, 1, 1), date(2027, 1, 31)) == []
        assert hours_by_person(cast.charlie.user, date(2027, 1, 1), date(2027, 1, 31)) == []
