"""Supervision in a real browser: a program manager sets the cadence and schedules a
recurring session; the supervisor logs a session with notes; the specialist adds a reflection
and signs; the supervisor signs; the manager's compliance view shows it, without the notes.
Every page passes axe."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from core import dates
from supervision.models import SupervisionSession, SupervisorAssignment
from supervision.scheduling import Plan, session_schedule
from tests.browser.menus import open_menu

NOTES = "Talked through a hard week of outreach calls."
REFLECTION = "Naming the heavy calls out loud helped."


def _harbor_today():
    """Harbor House's own date (the cast's organization is in Chicago): what its rules use,
    at any hour the suite runs."""
    return dates.date_in("America/Chicago")


def _sign_out(page: Page) -> None:
    open_menu(page, "Account").get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")


def _open_supervision(page: Page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Supervision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Supervision")


def test_the_supervision_cycle_from_cadence_to_compliance(page, cast, sign_in, axe_check):
    # Bob has supervised Alice for two months (compliance counts from then).
    SupervisorAssignment.objects.filter(supervisor=cast.bob).update(
        starts_on=_harbor_today() - timedelta(days=60)
    )
    # A session that took place yesterday, for Bob to log.
    yesterday = _harbor_today() - timedelta(days=1)
    (held,) = session_schedule(
        actor=cast.bob.user,
        plan=Plan(
            supervisor=cast.bob,
            participants=(cast.alice,),
            kind="individual",
            format="phone",
            on=yesterday,
            at=timezone.localtime().time().replace(hour=9, minute=0, second=0, microsecond=0),
            timezone="America/Chicago",
            duration_minutes=60,
        ),
    )

    # The manager sets Alice's cadence with Bob, then schedules a recurring session.
    sign_in(page, cast.mia)
    _open_supervision(page)
    page.get_by_role("link", name="Who supervises whom").click()
    axe_check(page)
    page.get_by_role("link", name="Change (Alice, Bob)").click()
    page.get_by_label("Minutes each time").fill("45")
    page.get_by_label("Every", exact=True).fill("1")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("assignments")).to_contain_text("45 min individual, every 1 weeks")

    _open_supervision(page)
    page.get_by_role("link", name="Schedule a session").click()
    axe_check(page)
    page.get_by_label("Supervisor").select_option(label="Bob")
    page.get_by_role("group", name="With").get_by_label("Alice").check()
    page.get_by_label("How", exact=True).select_option(label="Video")
    page.get_by_label("Video link").fill("https://meet.example/bob-alice")
    start = _harbor_today() + timedelta(days=3)
    page.get_by_label("Date").fill(start.isoformat())
    page.get_by_label("Time", exact=True).fill("10:00")
    page.get_by_label("Time zone").select_option("America/Chicago")
    page.get_by_label("Repeats").select_option(label="Every 2 weeks")
    page.get_by_label("How many sessions in all").fill("3")
    page.get_by_role("button", name="Schedule").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Supervision session")
    axe_check(page)
    assert SupervisionSession.objects.filter(series__isnull=False).count() == 3
    _sign_out(page)

    # The supervisor logs yesterday's session, with notes.
    sign_in(page, cast.bob)
    page.goto(f"/supervision/sessions/{held.pk}/")
    page.get_by_label("Yes, we met").check()
    page.get_by_label("Minutes", exact=True).fill("50")
    page.get_by_role("group", name="Topics").get_by_label("Vicarious trauma & self-care").check()
    page.get_by_role("group", name="Topics").get_by_label("Caseload").check()
    page.get_by_label("Notes (optional)").fill(NOTES)
    page.get_by_role("button", name="Save the log").click()
    expect(page.get_by_test_id("notes")).to_contain_text(NOTES)
    axe_check(page)
    _sign_out(page)

    # The specialist reflects and signs from her supervision page.
    sign_in(page, cast.alice)
    _open_supervision(page)
    axe_check(page)
    page.get_by_test_id("to-sign").get_by_role("link").click()
    expect(page.get_by_test_id("notes")).to_contain_text(NOTES)
    page.get_by_role("textbox", name="My reflection").fill(REFLECTION)
    page.get_by_role("button", name="Save my reflection").click()
    page.get_by_role("button", name="They're right: sign").click()
    expect(page.get_by_text("Signed. Thank you.")).to_be_visible()
    axe_check(page)
    _sign_out(page)

    sign_in(page, cast.bob)
    page.goto(f"/supervision/sessions/{held.pk}/")
    expect(page.get_by_test_id("reflection")).to_contain_text(REFLECTION)
    page.get_by_role("button", name="They're right: sign").click()
    expect(page.get_by_test_id("signoff")).to_contain_text("Everyone has signed")
    _sign_out(page)

    # The manager's compliance view counts it, and shows no notes.
    sign_in(page, cast.mia)
    page.goto("/supervision/compliance/")
    row = page.get_by_test_id("compliance").get_by_role("row", name="Alice")
    expect(row).to_contain_text("50 / 180 (28%)")  # 45 minutes a week over 28 days
    expect(row.get_by_test_id("row-status")).to_have_text("On track")
    expect(page.get_by_text(NOTES)).to_have_count(0)
    axe_check(page)
    page.goto(f"/supervision/sessions/{held.pk}/")
    expect(page.get_by_text(NOTES)).to_have_count(0)
    expect(page.get_by_text(REFLECTION)).to_have_count(0)
