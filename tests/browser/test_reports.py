"""A safety report in a real browser: someone with no account files one about a group and
writes down the receipt code; the group's liaison reads it and answers; the reporter comes back
with the code and reads the answer. Every page passes axe. Named moment: Tuesday 5 January
2027, 10:00 in Chicago."""

from __future__ import annotations

import time_machine
from django.core.cache import cache
from playwright.sync_api import Page, expect

from groups.models import SafetyReport
from tests.browser.menus import open_menu
from tests.factories import make_group

MOMENT = "2027-01-05T16:00:00Z"


def test_a_report_is_filed_answered_and_read_back(page: Page, cast, sign_in, axe_check) -> None:
    cache.clear()
    with time_machine.travel("2027-01-04T15:00:00Z", tick=False):
        group = make_group(cast)
    with time_machine.travel(MOMENT, tick=True):
        page.goto(f"/report/{group.public_code}/")
        expect(page.get_by_test_id("who-reads")).to_contain_text("Never the group's facilitators")
        axe_check(page)
        page.get_by_label("What happened, or what worries you").fill(
            "Someone waited for me outside after the meeting."
        )
        page.get_by_role("button", name="Send it").click()
        receipt = page.get_by_test_id("receipt").inner_text().strip()
        assert len(receipt.replace("-", "")) == 24
        axe_check(page)

        sign_in(page, cast.sid)  # the liaison
        page.goto("/groups/reports/")
        axe_check(page)
        page.get_by_test_id("reports").get_by_role("link").first.click()
        expect(page.get_by_test_id("report-what")).to_contain_text("waited for me outside")
        page.get_by_label("Your message").fill("Thank you for telling us. We'll walk people out.")
        page.get_by_role("button", name="Send to the reporter").click()
        expect(page.get_by_role("status")).to_contain_text("Sent.")
        axe_check(page)
        open_menu(page, "Account").get_by_role("button", name="Sign out").click()

        page.goto(f"/report/{group.public_code}/check/")
        page.get_by_label("Your receipt code").fill(receipt)
        page.get_by_role("button", name="Open my report").click()
        expect(page.get_by_test_id("report-status")).to_contain_text("Being looked into")
        expect(page.get_by_test_id("report-messages")).to_contain_text("walk people out")
        axe_check(page)
    assert SafetyReport.objects.get().messages.count() == 1
