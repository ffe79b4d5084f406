"""Each role's main pages in Spanish, in a real browser: every page speaks Spanish (no English
sentence left, only names, codes and what people typed), says so in its `lang`, and passes axe.

The cast prefers Spanish; their organization's group, event and venue are written in
Spanish too, so anything English on a page is PeerWell's own wording left untranslated. The
walk follows the links in each person's navigation, and the signed-out pages (sign-in, the
finder, a group's public page) are read with a browser set to Spanish. Named moment: Monday
4 January 2027, 09:00 in Chicago (tests/conftest.py)."""

from __future__ import annotations

import re
from datetime import date, time
from urllib.parse import urlsplit

import pytest
import time_machine
from playwright.sync_api import Page

from groups import services as group_services
from groups.models import SupportGroup
from tests.conftest import Cast
from tests.factories import make_event, make_group

CALLERS = ["alice", "bob", "mia", "hana", "adam"]
# Words that are English and never Spanish: two of them in one stretch of text is a sentence
# left in English ("de", "no", "a", "me", "he", "has" and "son" are Spanish too: not here).
ENGLISH = frozenset(
    """the and your you with for this that are is what who can will here there it of to on in
    at by from or was have be not an my we they their our been into about when how than then
    only just also after before every each all any some yet still""".split()  # noqa: SIM905
)
# Not PeerWell's wording: people's and places' names, codes, and what the walk typed.
ALLOWED = [
    re.compile(r"\bPeerWell\b"),
    re.compile(r"\b[A-Z][a-z]+/[A-Za-z_]+(?:/[A-Za-z_]+)?\b"),  # time zones: America/Chicago
]
VISIBLE_TEXT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('script, style, select, [lang]:not(html)')) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const text = node.textContent.trim();
    if (text) out.push(text);
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], img[alt]')) {
    if (el.closest('[lang]:not(html)')) continue;
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      const value = el.getAttribute(name);
      if (value) out.push(value);
    }
  }
  out.push(document.title);
  return out;
}"""
LIMIT = 30  # pages per person: their navigation and what it leads to, one step deep
MOMENT = "2027-01-04T15:00:00Z"


@pytest.fixture
def spanish(cast: Cast, monday) -> Cast:
    for person in (cast.alice, cast.bob, cast.sid, cast.mia, cast.hana, cast.adam):
        person.language = "es"
        person.save()
    group_services.finder_save(
        actor=cast.adam.user, published=True, intro="", ask_contact="Texto al 555-0100"
    )
    make_group(
        cast,
        name="Grupo de los jueves",
        who_for="Cualquier persona en recuperación del consumo",
        languages=("es",),
        in_finder=True,
    )
    make_event(
        cast,
        title="Caminata del mediodía",
        description="Una caminata tranquila, al ritmo de cada quien.",
        location="Parque Ribera, entrada norte",
        starts_on=date(2027, 1, 12),
        start_time=time(12, 0),
    )
    return cast


def _english(texts: list[str]) -> list[str]:
    found = []
    for text in texts:
        for allowed in ALLOWED:
            text = allowed.sub(" ", text)
        words = re.findall(r"[A-Za-z']+", text)
        if sum(word.lower() in ENGLISH for word in words) >= 2:
            found.append(text.strip()[:100])
    return found


def _check(page: Page, axe_check) -> list[str]:
    problems = []
    if (lang := page.locator("html").get_attribute("lang")) != "es":
        problems.append(f"{page.url}: lang {lang!r}")
    problems += [f"{page.url}: {text!r}" for text in _english(page.evaluate(VISIBLE_TEXT))]
    axe_check(page)
    return problems


def _main_pages(page: Page) -> list[str]:
    hrefs = page.locator("header a[href], main a[href]").evaluate_all(
        "links => links.map(a => a.href)"
    )
    origin = urlsplit(page.url).netloc
    paths = []
    for href in hrefs:
        parts = urlsplit(href)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        skip = ("logout", "/pause/", ".pdf", ".ics", ".csv", "export", "format=", "/admin/")
        if parts.netloc == origin and not any(s in path for s in skip) and path not in paths:
            paths.append(path)
    return paths


@pytest.mark.parametrize("caller", CALLERS)
def test_each_roles_main_pages_are_all_spanish(page, spanish, sign_in, axe_check, caller):
    with time_machine.travel(MOMENT, tick=True):
        sign_in(page, spanish.by_name(caller))
        page.goto("/dashboard/")
        problems = _check(page, axe_check)
        for path in _main_pages(page)[:LIMIT]:
            response = page.goto(path)
            assert response is not None and response.status < 400, path
            page.wait_for_load_state("load")
            problems += _check(page, axe_check)
    assert not problems, "English left on Spanish pages:\n" + "\n".join(problems)


def test_the_signed_out_pages_are_all_spanish(
    browser, live_server, transactional_db, spanish, axe_check
):
    code = SupportGroup.objects.get(name="Grupo de los jueves").public_code
    context = browser.new_context(base_url=live_server.url, locale="es-MX")
    context.set_extra_http_headers({"Accept-Language": "es-MX,es;q=0.9"})
    try:
        page = context.new_page()
        problems = []
        with time_machine.travel(MOMENT, tick=True):
            for path in (
                "/accounts/login/",
                "/accounts/password/reset/",
                "/find/harbor/",
                f"/find/harbor/{code}/",
            ):
                response = page.goto(path)
                assert response is not None and response.status == 200, path
                problems += _check(page, axe_check)
        assert not problems, "English left on Spanish pages:\n" + "\n".join(problems)
    finally:
        context.close()
