"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

Every test gets a fresh browser context (no cookies, no history), in which the quick-exit site
(settings.QUICK_EXIT_URL) is answered by a tiny local page and every other request that is not
for the live server is refused, so the tests never touch the network.

Fixtures: `browser` (one Chromium for the session), `page` (a new context per test, on the live
server's address, so `page.goto("/me/")` works), `sign_in(page, profile)` and `axe_check(page)`.
The fixed `cast` from tests/conftest.py is visible to the live server because `page` asks for
`live_server`, which makes pytest-django give the whole test a transactional database.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in the main thread; Django would otherwise refuse
# the ORM calls that tests and fixtures make there ("You cannot call this from an async
# context"). Nothing here is really asynchronous.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Route,
    sync_playwright,
)

from tests.factories import PASSWORD
from workforce.models import StaffProfile

HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = HERE.parents[1] / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
NEUTRAL_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Weather</title></head>'
    "<body><h1>Weather</h1><p>Sunny spells.</p></body></html>"
)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything in this folder is a browser test (`-m "not browser"` leaves them out)."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    missing = [str(path) for path in (CHROMIUM, AXE) if not path.is_file()]
    if missing:
        message = f"The browser tests need {' and '.join(missing)}: run `make test-deps`."
        if os.environ.get("PEERWELL_REQUIRE_BROWSER") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


def _offline(route: Route) -> None:
    """The quick-exit site answers with a stand-in; nothing else leaves this machine."""
    url = urlsplit(route.request.url)
    neutral = urlsplit(settings.QUICK_EXIT_URL)
    if (url.scheme, url.hostname) == (neutral.scheme, neutral.hostname):
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=NEUTRAL_PAGE)
    elif url.hostname in LOCAL_HOSTS:
        route.continue_()
    else:
        route.abort()


def _watch_for_problems(context: BrowserContext) -> list[str]:
    """Collect uncaught script errors and Content-Security-Policy refusals as they happen."""
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            problems.append(f"console: {message.text}")

    context.on("weberror", lambda error: problems.append(f"script error: {error.error}"))
    context.on("console", on_console)
    return problems


@pytest.fixture
def page(browser: Browser, live_server, transactional_db) -> Iterator[Page]:
    """A fresh context (no cookies, no history) on the live server, offline but for it.

    Uncaught script errors and Content-Security-Policy refusals on any of the context's pages
    fail the test at teardown: both would mean quick exit may not work.
    """
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(TIMEOUT_MS)
    context.route("**/*", _offline)
    problems = _watch_for_problems(context)
    try:
        yield context.new_page()
    finally:
        context.close()
    assert not problems, "The browser reported:\n" + "\n".join(problems)


def _sign_in(page: Page, profile: StaffProfile) -> Page:
    """Sign in through the real login form, and wait for the dashboard."""
    page.goto("/accounts/login/")
    page.get_by_label("Email address", exact=True).fill(profile.user.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/dashboard/")
    return page


@pytest.fixture
def sign_in() -> Callable[[Page, StaffProfile], Page]:
    return _sign_in


def _describe(url: str, violations: list[dict]) -> str:
    lines = [f"axe found {len(violations)} accessibility problem(s) on {url}:"]
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        more = f" (+{len(targets) - 3} more)" if len(targets) > 3 else ""
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"    {violation['helpUrl']}\n"
            f"    at {'; '.join(targets[:3])}{more}"
        )
    return "\n".join(lines)


def _axe_check(page: Page) -> None:
    """Run axe-core's WCAG 2.1 A/AA rules on the current page; fail listing what it found."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Not page.add_script_tag(): the app's Content-Security-Policy (script-src 'self')
        # rightly refuses an inline <script>, and a context with bypass_csp=True would hide an
        # inline script slipping into a template. Evaluating through the DevTools protocol
        # loads axe without loosening the policy for the page under test.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    if results["violations"]:
        pytest.fail(_describe(page.url, results["violations"]), pytrace=False)


@pytest.fixture
def axe_check() -> Callable[[Page], None]:
    return _axe_check
