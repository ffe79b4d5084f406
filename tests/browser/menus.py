"""The main navigation's menus, for browser tests: pages about other people are under "Team",
the person's account (and signing out) under "Account". In the page's language: the demo has
people who read Spanish."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

SPANISH = {
    "Main": "Principal",
    "Menu": "Menú",
    "Team": "Equipo",
    "Account": "Cuenta",
    "Sign out": "Cerrar sesión",
}


def word(page: Page, english: str) -> str:
    """The navigation's word as the page says it."""
    return SPANISH[english] if page.locator("html").get_attribute("lang") == "es" else english


def main_nav(page: Page) -> Locator:
    return page.get_by_role("navigation", name=word(page, "Main"))


def open_menu(page: Page, menu: str) -> Locator:
    """Open the "Team" or "Account" menu (and, on a phone, the "Menu" first)."""
    nav = main_nav(page)
    toggle = nav.locator("summary", has_text=word(page, "Menu"))
    if toggle.is_visible() and nav.locator("details[data-site-menu]").get_attribute("open") is None:
        toggle.click()
    summary = nav.locator("[data-nav-group] > summary", has_text=word(page, menu))
    if summary.locator("xpath=..").get_attribute("open") is None:
        summary.click()
    return nav


def team_link(page: Page, name: str) -> Locator:
    return open_menu(page, "Team").get_by_role("link", name=name)


def sign_out(page: Page) -> None:
    open_menu(page, "Account").get_by_role("button", name=word(page, "Sign out")).click()
    page.wait_for_url("**/accounts/login/")
