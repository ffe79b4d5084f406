"""The demo as a newcomer meets it: every demo login's home and the pages of their main
navigation (and its "Team" menu), on a 390 × 844 phone and a 1280 × 900 laptop. Each page
passes axe, fits the screen's width, and, on the phone, starts near the top; each person's
home is saved as a screenshot in var/test-artifacts/ for people to look at.

The demo is seeded on Wednesday 10 March 2027, 10:00 in Chicago."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.browser.menus import main_nav, open_menu, word
from workforce.demo import DEMO_PASSWORD, PEOPLE

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="toured once per CI run, on SQLite"
)

SEEDED = "2027-03-10T16:00:00Z"
ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts"
SCREENS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 900}}
LOGINS = [email for _org, email, *_rest in PEOPLE]


def _sign_in(page: Page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email address", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/dashboard/")


def _fits(page: Page, width: int) -> None:
    page.wait_for_load_state("load")
    wide = page.evaluate("document.documentElement.scrollWidth")
    culprit = page.evaluate(  # the first element past the edge (outside a scrolling table)
        """width => {
             for (const e of document.body.querySelectorAll('*')) {
               const inTable = e.parentElement && e.parentElement.closest('.table-wrap');
               if (e.getBoundingClientRect().right > width + 1 && !inTable)
                 return e.tagName + '.' + e.className + ': ' + e.textContent.slice(0, 60);
             }
             return '';
           }""",
        width,
    )
    assert wide <= width, f"{page.url} is {wide} px wide on a {width} px screen ({culprit})"


def _pages(page: Page) -> list[str]:
    """The addresses in the main navigation and its "Team" menu."""
    nav = main_nav(page)
    if nav.locator("[data-nav-group] > summary", has_text=word(page, "Team")).count():
        open_menu(page, "Team")
    links = nav.locator("a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return [href for href in dict.fromkeys(links) if href != "/dashboard/"]


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_demo_login_finds_pages_that_fit_and_pass_axe(page, axe_check, screen):
    size = SCREENS[screen]
    page.set_viewport_size(size)
    with time_machine.travel(SEEDED, tick=True):
        call_command("seed_demo")
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        for email in LOGINS:
            page.context.clear_cookies()
            _sign_in(page, email)
            welcome = "Te damos la bienvenida" if email.startswith("rosa@") else "Welcome"
            expect(page.get_by_role("heading", level=1)).to_contain_text(welcome)
            _fits(page, size["width"])
            if screen == "phone":
                top = page.get_by_role("heading", level=1).bounding_box()["y"]
                assert top < size["height"] * 0.3, f"{email}: the page starts {top} px down"
            axe_check(page)
            name = email.split("@")[0] + "-" + email.split("@")[1].split(".")[0]
            page.screenshot(path=str(ARTEFACTS / f"home-{name}-{screen}.png"), full_page=True)
            for path in _pages(page):
                response = page.goto(path)
                assert response.status == 200, (email, path, response.status)
                _fits(page, size["width"])
                axe_check(page)
