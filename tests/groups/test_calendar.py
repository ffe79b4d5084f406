"""Group meetings in calendars: an .ics per meeting and the facilitator's private feed, with no
address, no meeting link and nobody's name."""

from __future__ import annotations

from groups.meetings import meeting_cancel
from groups.models import Meeting
from supervision.calendar import feed_create
from tests.conftest import Cast


def _first(group) -> Meeting:
    return Meeting.objects.filter(group=group).order_by("starts_at").first()


def test_a_meeting_as_ics_holds_when_and_roughly_where(cast: Cast, group, login, client):
    login(cast.alice)
    response = client.get(f"/groups/meetings/{_first(group).pk}/meeting.ics")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "DTSTART:20270108T003000Z" in text
    assert "SUMMARY:Group meeting: Thursday Evening Peer Support" in text
    assert "LOCATION:Eastside Library\\, Eastside" in text
    assert "12 Elm Street" not in text  # the address stays on the page
    assert "Alice" not in text and "Sid" not in text


def test_the_facilitators_feed_carries_their_meetings_and_cancellations(cast: Cast, group, client):
    token = feed_create(actor=cast.alice.user)
    meeting_cancel(actor=cast.alice.user, meeting=_first(group), reason="Snow")
    text = client.get(f"/supervision/calendar/{token}.ics").content.decode()
    assert text.count("SUMMARY:Group meeting: Thursday Evening Peer Support") == 8
    assert text.count("STATUS:CANCELLED") == 1
    others = feed_create(actor=cast.sid.user)  # the liaison's feed: none of the meetings
    assert "Group meeting" not in client.get(f"/supervision/calendar/{others}.ics").content.decode()
