"""Signing in: by email, throttled per (email, IP), sessions that expire and end."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine
from django.utils import timezone

from tests.conftest import Cast
from tests.factories import PASSWORD


def _sign_in(client, email: str, password: str, ip: str = "10.0.0.1"):
    return client.post(
        "/accounts/login/", {"username": email, "password": password}, REMOTE_ADDR=ip
    )


def test_it_signs_in_with_email_in_any_case(cast: Cast, client) -> None:
    response = _sign_in(client, "ALICE@harbor.example", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200


def test_it_explains_a_wrong_password_without_saying_which_part(cast: Cast, client) -> None:
    response = _sign_in(client, "alice@harbor.example", "wrong password here")
    assert response.status_code == 200
    assert "don&#x27;t match an account" in response.content.decode()
    assert client.get("/dashboard/").status_code == 302


def test_it_pauses_guessing_from_one_address_but_not_the_owner_elsewhere(
    cast: Cast, client
) -> None:
    for _ in range(5):
        _sign_in(client, "alice@harbor.example", "guess guess guess", ip="203.0.113.9")
    locked = _sign_in(client, "alice@harbor.example", PASSWORD, ip="203.0.113.9")
    assert locked.status_code == 429
    assert "paused sign-in for this account here for 15 minutes" in locked.content.decode()

    # The real owner, from her own address, is not locked out by someone else's guessing.
    from django.test import Client

    owner = Client()
    assert _sign_in(owner, "alice@harbor.example", PASSWORD, ip="198.51.100.7").status_code == 302


def test_it_lifts_the_pause_after_the_cooloff(cast: Cast, client) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(5):
            _sign_in(client, "alice@harbor.example", "guess guess guess")
        assert _sign_in(client, "alice@harbor.example", PASSWORD).status_code == 429
        traveller.shift(timedelta(minutes=16))
        assert _sign_in(client, "alice@harbor.example", PASSWORD).status_code == 302


def test_it_ends_the_session_after_thirty_idle_minutes(cast: Cast, client, login) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        login(cast.alice)
        traveller.shift(timedelta(minutes=29))
        assert client.get("/dashboard/").status_code == 200  # activity pushes expiry forward
        traveller.shift(timedelta(minutes=29))
        assert client.get("/dashboard/").status_code == 200
        traveller.shift(timedelta(minutes=31))
        response = client.get("/dashboard/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_it_writes_the_session_at_most_once_a_minute(cast: Cast, client, login) -> None:
    from django.contrib.sessions.models import Session

    def expiry():
        return Session.objects.get(session_key=client.session.session_key).expire_date

    with time_machine.travel(datetime(2027, 3, 1, 9, 0, tzinfo=UTC), tick=False) as traveller:
        login(cast.alice)
        signed_in = expiry()
        traveller.shift(timedelta(seconds=59))
        assert client.get("/dashboard/").status_code == 200
        assert expiry() == signed_in  # not written: the expiry would move by seconds
        traveller.shift(timedelta(seconds=1))
        assert client.get("/dashboard/").status_code == 200
        assert expiry() == signed_in + timedelta(minutes=1)


def test_it_ends_the_sessions_of_someone_switched_off(cast: Cast, login) -> None:
    from django.test import Client

    alice = login(cast.alice, Client())
    admin = login(cast.adam, Client())
    assert admin.post(f"/people/{cast.alice.pk}/deactivate/").status_code == 302
    response = alice.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert _sign_in(Client(), "alice@harbor.example", PASSWORD).status_code == 200


def test_it_does_not_redirect_to_another_site_after_sign_in(cast: Cast, client) -> None:
    response = client.post(
        "/accounts/login/?next=https://evil.example/",
        {"username": "alice@harbor.example", "password": PASSWORD},
    )
    assert response["Location"] == "/dashboard/"


def test_it_signs_out_with_post(cast: Cast, client, login) -> None:
    login(cast.alice)
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/dashboard/").status_code == 302


def test_it_rejects_weak_passwords_when_setting_one(cast: Cast, client, login) -> None:
    login(cast.alice)
    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": "password1", "new_password2": "password1"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "too short" in body or "too common" in body
    cast.alice.user.refresh_from_db()
    assert cast.alice.user.check_password(PASSWORD)
