"""A specialist turns on check-in reminders, then pauses them from the emailed link."""

from __future__ import annotations

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from notifications.services import dispatch_run
from selfcare.models import CheckInSchedule


def test_it_turns_on_reminders_and_pauses_them_from_the_email(
    page, browser, live_server, cast, sign_in, axe_check
):
    sign_in(page, cast.alice)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Self-care").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check in with yourself")
    axe_check(page)
    page.get_by_role("link", name="Reminder settings").click()
    expect(page.get_by_test_id("next-reminder")).to_have_text("Reminders are off.")

    page.get_by_label("Send me check-in reminders").check()
    page.get_by_label("Every day").check()
    page.get_by_label("At this time").fill("09:00")
    page.get_by_label("In this time zone").select_option("Asia/Kolkata")
    page.get_by_label("Email and in PeerWell").check()
    page.get_by_role("button", name="Save reminder settings").click()

    expect(page.get_by_role("status")).to_have_text("Your reminder settings are saved.")
    item = CheckInSchedule.objects.get(owner=cast.alice)
    local = item.next_slot_at.astimezone(ZoneInfo("Asia/Kolkata"))
    assert local.strftime("%H:%M") == "09:00"
    expected = f"Your next reminder: {local:%A} {local.day} {local:%B %Y}, 09:00 (Asia/Kolkata)."
    expect(page.get_by_test_id("next-reminder")).to_have_text(expected)
    axe_check(page)

    # The slot comes round: dispatch sends the email and the in-app notification.
    due = timezone.now() - timedelta(minutes=1)
    CheckInSchedule.objects.filter(pk=item.pk).update(next_slot_at=due, next_due_at=due)
    dispatch_run()
    page.reload()
    expect(page.get_by_test_id("unread-count")).to_contain_text("1")
    (email,) = mail.outbox
    pause_url = re.search(r"http://testserver(/reminders/pause/\S+/)", email.body).group(1)

    # Opened from the email on another device, signed out.
    stranger = browser.new_context(base_url=live_server.url).new_page()
    stranger.goto(pause_url)
    expect(stranger.get_by_role("heading", level=1)).to_have_text("Pause check-in reminders")
    axe_check(stranger)
    stranger.get_by_label("Pause for a week").check()
    stranger.get_by_role("button", name="Confirm").click()
    expect(stranger.get_by_role("heading", level=1)).to_have_text("Check-in reminders are paused")
    item.refresh_from_db()
    assert item.paused_until is not None and item.enabled
    stranger.context.close()

    # A tampered link changes nothing.
    other = browser.new_context(base_url=live_server.url).new_page()
    response = other.goto(pause_url[:-3] + "xx/")
    assert response.status == 400
    expect(other.get_by_role("heading", level=1)).to_have_text("This link doesn't work any more")
    other.context.close()
