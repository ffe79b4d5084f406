"""Peer support groups in a real browser: a facilitator opens the meeting page, reads the
agreement aloud from its calm, large view, and logs the meeting (numbers only); a program
manager then sees the groups and the counts, with small numbers hidden. Every page passes axe.

The clock is named: the group is set up on Monday 4 January 2027 and its first meeting is that
Thursday at 18:30 in Chicago; the journey happens later that evening."""

from __future__ import annotations

import time_machine
from playwright.sync_api import Page, expect

from groups.models import Meeting
from tests.browser.menus import open_menu
from tests.factories import make_group

SET_UP = "2027-01-04T15:00:00Z"
THAT_EVENING = "2027-01-08T03:00:00Z"  # Thursday 7 January, 21:00 in Chicago


def _sign_out(page: Page) -> None:
    open_menu(page, "Account").get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")


def test_a_facilitator_reads_the_agreement_and_logs_a_meeting(page, cast, sign_in, axe_check):
    with time_machine.travel(SET_UP, tick=False):
        group = make_group(cast)
    with time_machine.travel(THAT_EVENING, tick=True):
        sign_in(page, cast.alice)
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Groups").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Peer support groups")
        axe_check(page)
        page.get_by_test_id("to-log").get_by_role("link").click()
        aloud = page.get_by_test_id("read-aloud")
        expect(aloud.get_by_role("heading")).to_have_text("Our group agreement")
        expect(aloud.get_by_role("listitem")).to_have_count(6)
        expect(aloud.get_by_role("listitem").first).to_contain_text("boundaries")
        page.wait_for_load_state("load")  # the stylesheet too, before reading a style
        font = aloud.locator("ol").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        assert font >= 20  # large enough to read aloud from
        expect(page.get_by_test_id("meeting-plan").get_by_role("listitem").first).to_contain_text(
            "read the group agreement aloud"
        )
        axe_check(page)

        page.get_by_label("How many came (you not included)").fill("7")
        page.get_by_label("How many of them were new").fill("2")
        page.get_by_role("group", name="Was the group agreement read?").get_by_label("Yes").check()
        page.get_by_role("button", name="Save the log").click()
        expect(page.get_by_role("status")).to_contain_text("the meeting is logged")
        expect(page.get_by_test_id("log")).to_contain_text("Came: 7")
        expect(page.get_by_test_id("log")).to_contain_text("New: 2")
        axe_check(page)
        _sign_out(page)

        sign_in(page, cast.mia)
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Groups").click()
        row = page.get_by_test_id("groups").get_by_role("row", name="Thursday Evening")
        expect(row).to_contain_text("1 meeting")
        expect(row).not_to_contain_text("came in all")  # no total a hidden count hides in
        axe_check(page)
        row.get_by_role("link", name="Thursday Evening Peer Support").click()
        past = page.get_by_test_id("past-meetings")
        expect(past).to_contain_text("7")
        expect(past).to_contain_text("fewer than 5")  # 2 newcomers: hidden from a manager
        axe_check(page)
    meeting = Meeting.objects.filter(group=group).order_by("starts_at").first()
    assert (meeting.attended, meeting.newcomers) == (7, 2)
