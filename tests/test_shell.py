"""Every page: quick exit, no caching of personal content, security headers."""

from __future__ import annotations

import pytest

from tests.conftest import Cast

PAGES = ["/dashboard/", "/me/", "/privacy/", "/accounts/security/", "/people/"]


@pytest.mark.parametrize("path", PAGES)
def test_it_sends_no_store_and_a_quick_exit_on_signed_in_pages(
    cast: Cast, login, client, path: str
) -> None:
    login(cast.adam)
    response = client.get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    body = response.content.decode()
    assert "data-quick-exit" in body and 'href="https://neutral.example/weather"' in body
    assert "/static/js/quick-exit.js" in body


def test_it_offers_quick_exit_before_sign_in(client) -> None:
    body = client.get("/accounts/login/").content.decode()
    assert "Quick exit" in body and "Shift 3 times" in body


def test_it_shows_a_friendly_404(cast: Cast, login, client) -> None:
    login(cast.alice)
    response = client.get("/people/424242/")
    assert response.status_code == 404
    assert "find that page" in response.content.decode()


def test_it_serves_navigation_by_role(cast: Cast, login, client) -> None:
    """One's own pages on the bar; pages about other people under "Team" (for the roles that
    have them); one's account under "Account"."""
    from django.test import Client

    def nav(person) -> list[object]:
        items = login(person, Client()).get("/dashboard/").context["nav_items"]
        return [
            (str(i["label"]), [str(s["label"]) for s in i["items"]])
            if i.get("group")
            else str(i["label"])
            for i in items
        ]

    bar = [
        "Home",
        "Self-care",
        "Training",
        "Certifications",
        "Supervision",
        "Groups",
        "Wellness events",
        "Notifications",
    ]
    account = ("Account", ["My profile", "Privacy", "Account & security"])
    assert nav(cast.alice) == [*bar, account]
    assert nav(cast.bob) == [*bar, ("Team", ["My team", "Team training"]), account]
    assert nav(cast.adam) == [
        *bar,
        ("Team", ["People", "Team training", "Organization"]),
        account,
    ]
    assert nav(cast.mia)[-2] == ("Team", ["People", "Team training", "Team wellbeing"])


def test_it_answers_health_checks(db, client) -> None:
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok", "broker": "ok"}
