"""Wellness events in a real browser: a program manager posts an event through the form; a peer
specialist, on a phone, finds it on the home page, reads who can see her reply, says she'll
come in one tap and adds it to her calendar. Every page passes axe.

The clock is named: Monday 4 January 2027, 10:00 in Chicago; the walk is on the Tuesday after."""

from __future__ import annotations

from pathlib import Path

import icalendar
import time_machine
from playwright.sync_api import Page, expect

from events.models import EventReply, WellnessEvent
from tests.browser.menus import open_menu

NOW = "2027-01-04T16:00:00Z"
PHONE = {"width": 390, "height": 844}


def _sign_out(page: Page) -> None:
    page.goto("/dashboard/")
    open_menu(page, "Account").get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")


def test_a_manager_posts_and_a_specialist_replies_on_a_phone(page, cast, sign_in, axe_check):
    with time_machine.travel(NOW, tick=True):
        sign_in(page, cast.mia)
        page.goto("/events/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Wellness events")
        axe_check(page)
        page.get_by_role("link", name="Post an event").click()
        axe_check(page)
        page.get_by_label("Title").fill("Lunchtime walk by the river")
        page.get_by_label("What it is").select_option("nature")
        page.get_by_label("On", exact=True).fill("2027-01-12")
        page.get_by_label("From", exact=True).fill("12:00")
        page.get_by_label("Until", exact=True).fill("13:00")
        page.get_by_label("Time zone").select_option("America/Chicago")
        page.get_by_label("Place", exact=True).fill("Riverside Park, north gate")
        page.get_by_label("Places").fill("10")
        page.get_by_role("button", name="Post it").click()
        expect(page.get_by_role("status")).to_contain_text("Posted")
        expect(page.get_by_test_id("counts")).to_contain_text("0 coming")
        axe_check(page)
        _sign_out(page)

        page.set_viewport_size(PHONE)
        sign_in(page, cast.alice)
        panel = page.get_by_test_id("dashboard-events")
        expect(panel).to_contain_text("Coming up for your wellbeing")
        panel.get_by_role("link", name="Lunchtime walk by the river").click()
        expect(page.get_by_test_id("who-sees")).to_contain_text(
            "The organizers see only how many are coming, never who"
        )
        expect(page.get_by_test_id("places")).to_have_text("Places available.")  # never a count
        axe_check(page)
        page.get_by_role("button", name="I'll come").click()
        expect(page.get_by_role("status")).to_contain_text("You said you'll come")
        expect(page.get_by_role("button", name="I'll come")).to_have_attribute(
            "aria-pressed", "true"
        )
        expect(page.get_by_test_id("places")).to_have_text("You have a place.")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"]  # nothing wider than the phone
        axe_check(page)
        with page.expect_download() as download:
            page.get_by_test_id("add-to-calendar").click()
        calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
        (vevent,) = calendar.walk("VEVENT")
        assert str(vevent["SUMMARY"]) == "Lunchtime walk by the river"
    event = WellnessEvent.objects.get()
    assert EventReply.objects.get(occurrence__event=event).answer == "going"
