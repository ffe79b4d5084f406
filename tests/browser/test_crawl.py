"""Every page works on a phone and from the keyboard, and no link leads nowhere.

For each member of the cast (and someone not signed in), follow every same-origin link from
their first page, breadth first and bounded, on a 390 px phone and a 1280 px laptop: each link
answers below 400, axe finds nothing (WCAG 2.1 AA, and 2.2's target size), the page is no
wider than the screen, has one h1 and speaks the person's language. Pages that land later
(groups, the finder, events) are covered the day they land: nothing here lists them.

Skipped: signing out, leaving the site, downloads (PDFs, calendar files, spreadsheets) and
the one-time links in emails. Destructive actions are forms (POST), which a crawl never sends.
It runs in the SQLite run of CI (it reads the same pages on PostgreSQL)."""

from __future__ import annotations

import os
from collections import deque
from urllib.parse import urlsplit

import pytest
import time_machine
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from tests.browser.conftest import AXE, _describe

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="crawled once per CI run, on SQLite"
)

CALLERS = ["alice", "bob", "sid", "mia", "hana", "adam", "anonymous"]
WIDTHS = (390, 1280)
LIMIT = 150  # pages per caller: the biggest (an org admin) has about 100
SKIP = ("/accounts/logout", "/emails/pause/", "download", "/export", "/pause/", "format=")
DOWNLOADS = (".pdf", ".ics", ".csv", ".json", ".png", ".svg")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]  # 2.2 AA: target-size


# Targets smaller than 24 × 24 px, whatever the space around them; a link inside a sentence
# (its parent holds more words than it does) is WCAG's "inline" exception.
SMALL_TARGETS = """() => {
  const small = [];
  for (const e of document.querySelectorAll('a[href], button, input, select, summary')) {
    const box = e.getBoundingClientRect();
    if (!box.width || !box.height || e.closest('.visually-hidden')) continue;
    const inline = e.tagName === 'A' && e.parentElement &&
      e.parentElement.textContent.trim().length > e.textContent.trim().length + 2;
    if (!inline && (box.width < 23.5 || box.height < 23.5)) {
      const size = `${Math.round(box.width)}×${Math.round(box.height)}`;
      small.push(`${e.tagName} ${e.type || ''} "${e.textContent.trim().slice(0, 30)}" ${size}`);
    }
  }
  return small.slice(0, 5).join('; ');
}"""


def _problems(page: Page, width: int, lang: str) -> list[str]:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    found = []
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    if results["violations"]:
        found.append(_describe(page.url, results["violations"]))
    wide = page.evaluate("document.documentElement.scrollWidth")
    if wide > width:
        found.append(f"{page.url}: {wide} px wide on a {width} px screen")
    small = page.evaluate(SMALL_TARGETS)
    if small:
        found.append(f"{page.url}: targets under 24 × 24 px: {small}")
    if (h1 := page.locator("h1").count()) != 1:
        found.append(f"{page.url}: {h1} h1 elements")
    if (page_lang := page.locator("html").get_attribute("lang")) != lang:
        found.append(f"{page.url}: lang {page_lang!r}, not {lang!r}")
    return found


def _links(page: Page, origin: str) -> list[str]:
    hrefs = page.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
    found = []
    for href in hrefs:
        parts = urlsplit(href)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        if parts.netloc != origin or any(s in target for s in SKIP):
            continue
        if parts.path.endswith(DOWNLOADS):
            continue
        found.append(target)
    return found


def _crawl(page: Page, start: str, lang: str) -> tuple[int, list[str]]:
    origin = urlsplit(page.url).netloc
    seen: set[str] = set()
    queue, problems = deque([start]), []
    while queue and len(seen) < LIMIT:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            try:
                response = page.goto(path)
            except PlaywrightError as error:  # a download no link said it was
                if "Download is starting" not in str(error):
                    raise
                break
            if response is None or response.status >= 400:
                problems.append(f"{path}: {response.status if response else 'no answer'}")
                break
            page.wait_for_load_state("load")
            problems += _problems(page, width, lang)
        else:
            queue.extend(link for link in _links(page, origin) if link not in seen)
    return len(seen), problems


@pytest.mark.parametrize("caller", CALLERS)
def test_every_page_reachable_from_home_works(page, cast, group, walk, sign_in, caller):
    with time_machine.travel("2027-01-05T16:00:00Z", tick=True):
        if caller == "anonymous":
            page.goto("/accounts/login/")
            start, lang = "/accounts/login/", "en"
        else:
            person = cast.by_name(caller)
            sign_in(page, person)
            start, lang = "/dashboard/", person.language
        visited, problems = _crawl(page, start, lang)
    print(f"{caller}: {visited} pages")
    assert visited > 3
    assert not problems, "\n".join(problems)
