"""The shell every page shares, in a real browser: each role's home and navigation, quick exit,
pages that do not exist for the caller, and axe-core's WCAG 2.1 AA rules on every page."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.browser.menus import main_nav, open_menu

BAR = [
    "Home",
    "Self-care",
    "Training",
    "Certifications",
    "Supervision",
    "Groups",
    "Wellness events",
    "Notifications",
]
ACCOUNT = ["My profile", "Privacy", "Account & security"]
SECTIONS = ["specialist", "supervisor", "manager", "hr", "admin"]

# Who sees which dashboard section, and which pages the "Team" menu holds.
HOMES = {
    "alice": ("specialist", []),
    "bob": ("supervisor", ["My team", "Team training"]),
    "mia": ("manager", ["People", "Team training", "Team wellbeing"]),
    "hana": ("hr", ["People", "Team training"]),
    "adam": ("admin", ["People", "Team training", "Organization"]),
}

# Every page an org admin can open; "{alice}" is alice's profile id.
ADMIN_PAGES = [
    "/organization/self-care/",
    "/people/",
    "/people/{alice}/",
    "/people/{alice}/edit/",
    "/people/{alice}/roles/",
    "/people/new/",
    "/organization/",
    "/me/",
    "/me/edit/",
    "/privacy/",
    "/accounts/security/",
    "/accounts/password/change/",
    "/training/",
    "/training/record/",
    "/training/team/",
    "/training/team/overdue/",
    "/training/team/assign/",
    "/training/team/attendance/",
    "/training/catalogue/",
    "/training/catalogue/new/",
    "/certifications/",
    "/certifications/roster/",
    "/certifications/missing/",
    "/certifications/types/",
    "/certifications/types/new/",
    "/certifications/add/",
    "/certifications/ce/add/",
    "/certifications/ce/pending/",
    "/supervision/",
    "/supervision/assignments/",
    "/supervision/assignments/add/",
    "/supervision/compliance/",
    "/supervision/hours/",
    "/supervision/calendar/",
    "/groups/",
    "/groups/new/",
    "/groups/venues/",
    "/groups/venues/new/",
    "/groups/models/",
    "/groups/hours/",
    "/groups/finder/",
    "/groups/refer/",
    "/groups/participation/",
]
ANONYMOUS_PAGES = ["/accounts/login/", "/accounts/password/reset/"]
NOT_FOUND = "We can't find that page"


def _main_nav(page: Page) -> list[str]:
    links = page.get_by_role("navigation", name="Main").get_by_role("link")
    return [text.strip() for text in links.all_inner_texts()]


def _new_tab(page: Page, path: str) -> Page:
    """Open `path` in a new tab of the same (signed-in) browser.

    Signing in left the login page in the first tab's history, and the login page sends a
    signed-in person on to their dashboard: going back there says nothing about quick exit.
    """
    tab = page.context.new_page()
    tab.goto(path)
    return tab


def _assert_left_for_good(tab: Page, live_server, history_before: int) -> None:
    tab.wait_for_url(settings.QUICK_EXIT_URL)
    expect(tab).to_have_title("Weather")
    # location.replace(): the PeerWell page's place in history is taken, not added to.
    assert tab.evaluate("history.length") == history_before
    tab.go_back()
    assert not tab.url.startswith(live_server.url), f"Back returned to {tab.url}"


@pytest.mark.parametrize("name", list(HOMES))
def test_it_shows_each_role_their_own_home(page, cast, sign_in, axe_check, name):
    section, team = HOMES[name]
    sign_in(page, cast.by_name(name))

    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welcome, {name.title()}")
    expect(page.locator(f'[data-section="{section}"]')).to_be_visible()
    for other in SECTIONS:
        if other != section:
            expect(page.locator(f'[data-section="{other}"]')).to_have_count(0)
    assert _main_nav(page) == BAR
    summaries = main_nav(page).locator("[data-nav-group] > summary")
    expect(summaries).to_have_text(["Team", "Account"] if team else ["Account"])
    if team:
        open_menu(page, "Team")
        assert _main_nav(page) == [*BAR, *team]
    open_menu(page, "Account")
    assert _main_nav(page) == [*BAR, *ACCOUNT]  # one menu open at a time
    bar = main_nav(page).locator(".site-nav__bar")
    assert bar.evaluate("e => e.getBoundingClientRect().height") < 60  # one row at 1280 px
    home = page.get_by_role("navigation", name="Main").get_by_role("link", name="Home")
    expect(home).to_have_attribute("aria-current", "page")
    axe_check(page)


def test_it_lists_only_a_supervisors_own_people(page, cast, sign_in):
    sign_in(page, cast.bob)

    team = page.locator('[data-section="supervisor"]').get_by_role("list")
    expect(team.get_by_role("link")).to_have_text(["Alice (she/her)"])
    team.get_by_role("link", name="Alice (she/her)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alice (she/her)")


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_it_keeps_every_admin_page_accessible(page, cast, sign_in, axe_check, path):
    sign_in(page, cast.adam)

    response = page.goto(path.format(alice=cast.alice.pk))
    assert response is not None and response.status == 200, path
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    axe_check(page)


@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_it_keeps_signed_out_pages_accessible(page, axe_check, path):
    response = page.goto(path)

    assert response is not None and response.status == 200
    expect(page.get_by_role("navigation", name="Main")).to_have_count(0)
    axe_check(page)


def test_it_offers_quick_exit_before_sign_in(page, live_server):
    page.goto("/accounts/login/")

    quick_exit = page.get_by_role("link", name="Quick exit")
    expect(quick_exit).to_be_visible()
    expect(quick_exit).to_have_attribute("href", settings.QUICK_EXIT_URL)
    expect(page.get_by_text("Or press Shift 3 times")).to_be_visible()
    history_before = page.evaluate("history.length")
    quick_exit.click()
    _assert_left_for_good(page, live_server, history_before)


def test_it_leaves_for_a_neutral_site_on_one_click(page, cast, sign_in, live_server):
    sign_in(page, cast.alice)
    tab = _new_tab(page, "/me/")
    history_before = tab.evaluate("history.length")

    tab.get_by_role("link", name="Quick exit").click()
    _assert_left_for_good(tab, live_server, history_before)

    # Quick exit also signed the person out: reopening PeerWell asks for a password.
    again = page.context.new_page()
    for _ in range(20):  # the sign-out beacon is sent as the page leaves; give it a moment
        again.goto(f"{live_server.url}/dashboard/")
        if again.url.startswith(f"{live_server.url}/accounts/login/"):
            break
        again.wait_for_timeout(100)
    assert again.url.startswith(f"{live_server.url}/accounts/login/"), again.url


def test_it_leaves_for_a_neutral_site_on_shift_three_times(page, cast, sign_in, live_server):
    sign_in(page, cast.alice)
    tab = _new_tab(page, "/dashboard/")
    history_before = tab.evaluate("history.length")

    for _ in range(3):
        tab.keyboard.press("Shift")
    _assert_left_for_good(tab, live_server, history_before)


def test_it_stays_while_someone_types_capital_letters(page, cast, sign_in, live_server):
    sign_in(page, cast.alice)
    page.goto("/me/edit/")
    page.get_by_label("Emergency contact").click()

    for key in ["Shift+KeyM", "KeyE", "KeyE", "KeyT", "Space", "Shift+KeyH", "Shift+KeyR"]:
        page.keyboard.press(key)
    page.wait_for_timeout(300)  # quick exit, had it fired, would be on its way by now
    assert page.url.startswith(live_server.url), f"Typing 'Meet HR' left for {page.url}"
    assert page.get_by_label("Emergency contact").input_value().endswith("Meet HR")


def test_it_hides_other_roles_pages_from_a_specialist(page, cast, sign_in, axe_check):
    sign_in(page, cast.alice)

    for path in ["/people/", "/people/new/", "/organization/", f"/people/{cast.adam.pk}/"]:
        response = page.goto(path)
        assert response is not None and response.status == 404, path
        expect(page.get_by_role("heading", level=1)).to_have_text(NOT_FOUND)
    expect(page.get_by_text("Adam")).to_have_count(0)
    axe_check(page)


def test_it_hides_another_organizations_people(page, cast, sign_in):
    sign_in(page, cast.carol)

    for path in [f"/people/{cast.alice.pk}/", f"/people/{cast.alice.pk}/edit/"]:
        response = page.goto(path)
        assert response is not None and response.status == 404, path
        expect(page.get_by_role("heading", level=1)).to_have_text(NOT_FOUND)
        expect(page.get_by_text("Alice")).to_have_count(0)


PHONE = {"width": 390, "height": 844}


def test_on_a_phone_the_menu_is_one_button_that_works_by_keyboard(page, cast, sign_in, axe_check):
    page.set_viewport_size(PHONE)
    sign_in(page, cast.mia)
    nav = main_nav(page)
    toggle = nav.locator("summary", has_text="Menu")
    expect(toggle).to_be_visible()
    expect(nav.get_by_role("link", name="Groups")).to_be_hidden()
    expect(page.get_by_role("link", name="Quick exit")).to_be_visible()
    heading = page.get_by_role("heading", level=1).bounding_box()
    assert heading["y"] < PHONE["height"] * 0.3  # the page starts on the first screen
    assert toggle.bounding_box()["height"] >= 44
    axe_check(page)
    toggle.focus()
    page.keyboard.press("Enter")
    groups = nav.get_by_role("link", name="Groups")
    expect(groups).to_be_visible()
    assert groups.bounding_box()["height"] >= 44
    team = nav.locator("[data-nav-group] > summary", has_text="Team")
    team.focus()
    page.keyboard.press("Enter")
    expect(nav.get_by_role("link", name="Team wellbeing")).to_be_visible()
    page.keyboard.press("Escape")
    expect(nav.get_by_role("link", name="Team wellbeing")).to_be_hidden()
    expect(team).to_be_focused()
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_on_a_phone_the_check_in_scale_stays_on_one_row(page, cast, sign_in, axe_check):
    page.set_viewport_size(PHONE)
    sign_in(page, cast.alice)
    page.goto("/self-care/check-in/")
    page.wait_for_load_state("load")
    for group in page.locator(".checkin-form fieldset").all():
        tops = group.locator("input[type=radio]").evaluate_all(
            "inputs => inputs.map(i => Math.round(i.getBoundingClientRect().top))"
        )
        if tops:
            assert len(set(tops)) == 1, tops
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    axe_check(page)
