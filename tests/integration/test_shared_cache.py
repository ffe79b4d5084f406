"""What web processes keep in a shared cache (CACHE_URL on Redis) follows a write made anywhere.

Two gunicorn processes and this test process share one Redis cache. A figure one process keeps
(core.versions) changes for both as soon as any process writes a row it rests on; a session
signed in on one process and ended on the other is over on both.
"""

from __future__ import annotations

import html
import http.cookiejar
import os
import re
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Cast
from tests.factories import PASSWORD
from tests.integration.gunicorn import redis_cache, serve

pytestmark = pytest.mark.skipif(
    not os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"),
    reason="needs the Redis server of CI's PostgreSQL + Redis pass",
)


@pytest.fixture
def shared(settings, transactional_db, tmp_path: Path) -> Iterator[list[str]]:
    """Two web processes, and this one, on the same Redis cache under a prefix of their own."""
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_cache(),
            "KEY_PREFIX": prefix,
        }
    }
    servers = [serve(redis_cache(), tmp_path / f"gunicorn-{i}.log", prefix) for i in range(2)]
    try:
        yield [url for _process, url in servers]
    finally:
        for process, _url in servers:
            process.terminate()
            process.wait(timeout=20)


class Browser:
    """Cookies kept between requests, and the CSRF token sent back with each form."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url: str) -> tuple[str, str]:
        """The page's address after redirects, and its text."""
        with self.opener.open(url, timeout=20) as response:
            return response.geturl(), response.read().decode()

    def post(self, url: str, form_page: str, data: dict[str, str]) -> str:
        _address, page = self.get(form_page)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(url, data=body, headers={"Referer": form_page})
        with self.opener.open(request, timeout=20) as response:
            return response.geturl()

    def sign_in(self, url: str, email: str) -> None:
        login = f"{url}/accounts/login/"
        assert self.post(login, login, {"username": email, "password": PASSWORD}).endswith(
            "/dashboard/"
        )


def _team_choices(browser: Browser, url: str) -> list[str]:
    _address, page = browser.get(f"{url}/supervision/compliance/")
    select = re.search(r'<select id="team" name="team">(.*?)</select>', page, re.S).group(1)
    return [html.unescape(name) for name in re.findall(r"<option[^>]*>([^<]*)</option>", select)]


def test_a_kept_figure_follows_a_write_made_in_another_process(cast: Cast, shared) -> None:
    first, second = shared
    mia = Browser()
    mia.sign_in(first, "mia@harbor.example")
    assert _team_choices(mia, first) == ["Everyone", "Bob"]  # computed, and kept
    assert _team_choices(mia, second) == ["Everyone", "Bob"]  # the kept figure
    cast.bob.chosen_name = "Robert"  # written here, in neither web process
    cast.bob.save()
    assert _team_choices(mia, second) == ["Everyone", "Robert"]
    assert _team_choices(mia, first) == ["Everyone", "Robert"]


def test_a_session_ended_on_one_process_is_over_on_the_other(cast: Cast, shared) -> None:
    first, second = shared
    alice = Browser()
    alice.sign_in(first, "alice@harbor.example")
    assert alice.get(f"{second}/dashboard/")[0].endswith("/dashboard/")
    alice.post(f"{second}/accounts/logout/", f"{second}/dashboard/", {})
    address, _page = alice.get(f"{first}/dashboard/")
    assert "/accounts/login/" in address
