"""Authenticator-app sign-in: set up, sign in with a code or a backup code, org requirement."""

from __future__ import annotations

import re
from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import Cast
from tests.factories import PASSWORD


def _code(device: TOTPDevice) -> str:
    device.refresh_from_db()
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return str(value).zfill(device.digits)


def _set_up(client: Client, user) -> tuple[TOTPDevice, list[str]]:
    page = client.get("/accounts/security/two-factor/")
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/accounts/security/two-factor/", {"code": _code(device)})
    assert response.status_code == 302
    security = client.get("/accounts/security/").content.decode()
    codes = re.findall(r"<li>([0-9a-f]{10})</li>", security)
    assert len(codes) == 10
    return TOTPDevice.objects.get(user=user, confirmed=True), codes


def test_it_asks_for_a_code_after_the_password(cast: Cast, login) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        device, _ = _set_up(login(cast.hana, Client()), cast.hana.user)
        traveller.shift(timedelta(seconds=60))

        client = Client()
        step_one = client.post(
            "/accounts/login/", {"username": "hana@harbor.example", "password": PASSWORD}
        )
        assert step_one["Location"].startswith("/accounts/login/verify/")
        assert client.get("/dashboard/").status_code == 302  # not signed in yet

        wrong = client.post("/accounts/login/verify/", {"code": "000000"})
        assert "That code didn" in wrong.content.decode()
        traveller.shift(timedelta(seconds=31))  # django-otp's throttle waits after a failure
        right = client.post("/accounts/login/verify/?next=/people/", {"code": _code(device)})
        assert right["Location"] == "/people/"
        assert client.get("/dashboard/").status_code == 200


def test_it_accepts_each_backup_code_once(cast: Cast, login) -> None:
    _, codes = _set_up(login(cast.alice, Client()), cast.alice.user)
    for expected in (302, 200):
        client = Client()
        client.post("/accounts/login/", {"username": "alice@harbor.example", "password": PASSWORD})
        response = client.post("/accounts/login/verify/", {"code": codes[0]})
        assert response.status_code == expected


def test_it_sends_people_back_to_the_password_after_too_many_wrong_codes(cast: Cast, login) -> None:
    _set_up(login(cast.alice, Client()), cast.alice.user)
    client = Client()
    client.post("/accounts/login/", {"username": "alice@harbor.example", "password": PASSWORD})
    for _ in range(4):
        assert client.post("/accounts/login/verify/", {"code": "123456"}).status_code == 200
    fifth = client.post("/accounts/login/verify/", {"code": "123456"})
    assert fifth["Location"] == "/accounts/login/"
    assert client.get("/accounts/login/verify/")["Location"] == "/accounts/login/"


def test_it_requires_setup_of_hr_and_admins_when_the_organization_asks(cast: Cast, login) -> None:
    cast.harbor.require_two_factor = True
    cast.harbor.save()
    hr = login(cast.hana, Client())
    assert hr.get("/dashboard/")["Location"] == "/accounts/security/two-factor/"
    assert hr.get("/api/v1/me/").status_code == 403
    _set_up(hr, cast.hana.user)
    assert hr.get("/dashboard/").status_code == 200
    # They cannot switch it off while the organization requires it.
    hr.post("/accounts/security/two-factor/off/")
    assert TOTPDevice.objects.filter(user=cast.hana.user, confirmed=True).exists()

    # A peer specialist in the same organization is not asked.
    assert login(cast.alice, Client()).get("/dashboard/").status_code == 200


def test_it_lets_people_turn_it_off_when_not_required(cast: Cast, login) -> None:
    client = login(cast.alice, Client())
    _set_up(client, cast.alice.user)
    client.post("/accounts/security/two-factor/off/")
    assert not TOTPDevice.objects.filter(user=cast.alice.user).exists()


def test_it_rejects_a_wrong_first_code_during_setup(cast: Cast, login) -> None:
    client = login(cast.alice, Client())
    client.get("/accounts/security/two-factor/")
    response = client.post("/accounts/security/two-factor/", {"code": "999999"})
    assert "didn&#x27;t match" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=cast.alice.user, confirmed=True).exists()


def test_it_gives_no_api_token_round_the_organizations_requirement(cast: Cast, login) -> None:
    from rest_framework.authtoken.models import Token

    cast.harbor.require_two_factor = True
    cast.harbor.save()
    hr = login(cast.hana, Client())
    response = hr.post("/accounts/security/api-token/", {"action": "create"})
    assert response["Location"] == "/accounts/security/two-factor/"
    assert not Token.objects.filter(user=cast.hana.user).exists()
    # A token made before the requirement stops working until two-factor is set up.
    token = Token.objects.create(user=cast.hana.user)
    api = Client(headers={"Authorization": f"Bearer {token.key}"})
    assert api.get("/api/v1/me/").status_code == 403
    _set_up(hr, cast.hana.user)
    assert api.get("/api/v1/me/").status_code == 200
