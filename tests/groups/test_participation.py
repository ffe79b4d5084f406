"""The participation report: counts by month, model and format, never a figure under 5, no
totals to subtract from, and a chart drawn from the figures shown."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine

from groups.meetings import MeetingLogInput, meeting_log
from groups.models import Meeting, ReferralCount
from tests.conftest import Cast

FIRST = datetime(2027, 1, 8, 0, 30, tzinfo=UTC)


def _hold(cast: Cast, group, week: int, came: int, new: int) -> None:
    meeting = Meeting.objects.get(group=group, starts_at=FIRST + timedelta(weeks=week))
    with time_machine.travel(meeting.starts_at + timedelta(hours=2), tick=False):
        meeting_log(
            actor=cast.alice.user,
            meeting=meeting,
            data=MeetingLogInput(held=True, attended=came, newcomers=new, agreement_read=True),
        )


def test_cells_under_five_are_hidden_and_nothing_is_totalled(cast: Cast, group, login, client):
    for week, (came, new) in enumerate([(6, 1), (7, 2)]):
        _hold(cast, group, week, came, new)
    ReferralCount.objects.create(
        organization=cast.harbor, group=group, month=FIRST.date().replace(day=1), count=3
    )
    with time_machine.travel("2027-02-20T15:00:00Z", tick=False):  # January has settled
        login(cast.mia)
        page = client.get("/groups/participation/")
        (row,) = page.context["rows"]
        # January in Chicago: 2 meetings (hidden), 6 + 7 came, newcomers 1 and 2 (each hidden
        # on the group's page, so in no sum), 3 referred (hidden).
        assert row.values == {"held": None, "attended": 13, "newcomers": 0, "referrals": None}
        assert row.model == "SMART Recovery" and row.format == "In person"
        text = page.content.decode()
        assert "fewer than 5" in text and "Total" not in text
        assert page.context["bars"][0]["value"] == 13
        csv_text = client.get("/groups/participation/?format=csv").content.decode()
    assert "2027-01,SMART Recovery,In person,fewer than 5,13,0,fewer than 5" in csv_text


def test_no_part_of_a_month_and_no_month_still_filling(cast: Cast, group, login, client) -> None:
    """Jan 1-31 against Jan 1-20 would tell what the meetings after the 20th added; a month
    still taking logs would tell it day by day."""
    for week, came in enumerate([6, 7, 3, 8]):
        _hold(cast, group, week, came, 0)
    with time_machine.travel("2027-02-20T15:00:00Z", tick=False):
        login(cast.mia)
        whole = client.get("/groups/participation/?since=2027-01-01&until=2027-01-31")
        part = client.get("/groups/participation/?since=2027-01-01&until=2027-01-20")
        assert whole.context["rows"][0].values == part.context["rows"][0].values
        assert whole.context["rows"][0].values["attended"] == 21  # 6 + 7 + 8: the 3 is in none
    with time_machine.travel("2027-02-05T15:00:00Z", tick=False):  # January still takes logs
        client.logout()
        login(cast.mia)
        assert client.get("/groups/participation/").context["rows"] == []


def test_only_managers_and_admins_see_it(cast: Cast, group, login, client) -> None:
    for person, code in ((cast.alice, 404), (cast.hana, 404), (cast.bob, 404), (cast.adam, 200)):
        client.logout()
        login(person)
        assert client.get("/groups/participation/").status_code == code, person
