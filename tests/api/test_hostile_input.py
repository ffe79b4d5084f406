"""Hostile bodies never reach a 500 and never change what is stored.

The sweep at the bottom reads every write operation from the OpenAPI schema and sends each a
fixed set of hostile bodies as each role of the cast; the tests above it are the cases that
were found from outside, one by one.
"""

from __future__ import annotations

import hashlib
import re

import pytest
from django.apps import apps
from django.core.cache import cache
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from rest_framework.authtoken.models import Token

from selfcare.models import CheckIn, PlanVersion
from tests.api.errors import detail, errors
from tests.conftest import Cast
from tests.factories import PASSWORD

DEEP = "[" * 1000 + "]" * 1000
WRITES = ("post", "put", "patch", "delete")
ROLES = ("alice", "bob", "mia", "hana", "adam")


def _send(client: Client, method: str, path: str, raw: str | bytes):
    return getattr(client, method)(path, data=raw, content_type="application/json")


def test_deep_nesting_is_a_400_not_a_recursion_error(cast: Cast, login) -> None:
    alice = login(cast.alice, Client())
    for body in (DEEP, '{"note": ' + DEEP + "}"):
        response = _send(alice, "post", "/api/v1/self-care/check-ins/", body)
        assert response.status_code == 400 and "nested more than" in detail(response)
    response = _send(alice, "put", "/api/v1/self-care/plan/", '{"content": ' + DEEP + "}")
    assert response.status_code == 400
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ('{"content": {"crisis_steps": "\\ud800x"}}', "Surrogate characters are not allowed."),
        ('{"content": {"crisis_steps": "before\\u0000after"}}', "Null characters are not allowed."),
        ('{"content": {"crisis_steps": ["ok", {"\\u0000": "x"}]}}', "Null characters"),
    ],
)
def test_text_no_database_can_store_is_refused_however_deep(
    cast: Cast, login, raw: str, message: str
) -> None:
    alice = login(cast.alice, Client())
    response = _send(alice, "put", "/api/v1/self-care/plan/", raw)
    assert response.status_code == 400, response.content
    (error,) = errors(response)["content"]
    assert error.startswith("content.crisis_steps") and message in error
    assert not PlanVersion.objects.filter(plan__owner=cast.alice).exists()


def test_numbers_must_be_finite(cast: Cast, login) -> None:
    alice = login(cast.alice, Client())
    for raw in ('{"energy": 1e400}', '{"energy": NaN}', '{"energy": -Infinity}'):
        assert _send(alice, "post", "/api/v1/self-care/check-ins/", raw).status_code == 400
    assert not CheckIn.objects.exists()


def test_a_body_larger_than_the_limit_is_a_400(cast: Cast, login, settings) -> None:
    settings.API_MAX_BODY_BYTES = 10_000
    alice = login(cast.alice, Client())
    response = _send(
        alice, "post", "/api/v1/self-care/check-ins/", '{"note": "' + "a" * 20_000 + '"}'
    )
    assert response.status_code == 400 and "larger than 10000 bytes" in detail(response)


def test_an_action_that_reads_no_body_still_refuses_a_hostile_one(cast: Cast, login) -> None:
    alice = login(cast.alice, Client())
    for raw in (DEEP, "[]", '"text"', '{"x": "\\ud800"}'):
        response = _send(alice, "post", "/api/v1/notifications/mark-read/", raw)
        assert response.status_code == 400, (raw[:20], response.content)


def _token(profile) -> str:
    return Token.objects.create(user=profile.user).key


def test_a_password_reset_ends_every_api_token(
    cast: Cast, client, django_capture_on_commit_callbacks
) -> None:
    from django.core import mail

    key = _token(cast.alice)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.get("/api/v1/me/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": "alice@harbor.example"})
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    page = client.get(link, follow=True)
    assert "signs you out everywhere" in page.content.decode()
    new = "a kettle sings on the morning stove"
    client.post(page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert api.get("/api/v1/me/").status_code == 401
    assert not Token.objects.filter(user=cast.alice.user).exists()


def test_a_password_change_ends_every_api_token_and_other_sessions(cast: Cast, login) -> None:
    key = _token(cast.alice)
    here, elsewhere = login(cast.alice, Client()), login(cast.alice, Client())
    new = "a kettle sings on the morning stove"
    response = here.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/me/").status_code == 401
    assert elsewhere.get("/me/").status_code == 302  # signed out there
    assert here.get("/me/").status_code == 200  # but not where the change was made


# --- the sweep: every write operation × every role × hostile bodies ---------------------------


def _fingerprint() -> str:
    """A digest of every row of every table PeerWell owns (sessions and the cache aside)."""
    digest = hashlib.sha256()
    for model in apps.get_models():
        if model._meta.app_label in {"sessions", "admin", "contenttypes", "auth", "axes"}:
            continue
        for row in model._default_manager.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


WRONG = {"string": ["x"], "integer": "not a number", "number": "not a number"}
WRONG |= {"boolean": ["x"], "array": "x", "object": "x"}


def _wrong_types(schema: dict, operation: dict) -> str | None:
    """A body whose every declared field has a value of the wrong type."""
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if not content:
        return None
    ref = content["schema"].get("$ref", "")
    component = schema["components"]["schemas"].get(ref.rsplit("/", 1)[-1], content["schema"])
    properties = component.get("properties", {})
    if not properties:
        return None
    import json

    body = {name: WRONG.get(spec.get("type", ""), ["x"]) for name, spec in properties.items()}
    return json.dumps(body)


HOSTILE = [
    DEEP,
    '{"note": ' + DEEP + "}",
    '{"note": "\\ud800x"}',
    '{"content": {"x": ["\\ud800"]}}',
    '{"note": "a\\u0000b"}',
    '{"content": {"x": {"y": "a\\u0000b"}}}',
    "[]",
    '"text"',
    "42",
    "null",
    '{"energy": 1e400, "minutes": 1e400}',
    '{"note": "' + "a" * 1_100_000 + '"}',
    b"\xff\xfe not utf-8",
]


def _concrete(path: str, client: Client) -> str:
    """The path with each {param} set to an object this client can see, where one exists."""
    while "{" in path:
        prefix = path[: path.index("{")]
        response = client.get(prefix)
        found = None
        if response.status_code == 200:
            body = response.json()
            rows = body.get("results", body) if isinstance(body, dict) else body
            if isinstance(rows, list) and rows and isinstance(rows[0], dict):
                found = rows[0].get("id")
        path = re.sub(r"\{[^}]+\}", str(found or 1), path, count=1)
    return path


@pytest.fixture
def rich_cast(cast: Cast, login) -> Cast:
    """The cast with something to aim at: a check-in, a plan, a notification each."""
    alice = login(cast.alice, Client())
    alice.post("/api/v1/self-care/check-ins/", {"energy": 3}, content_type="application/json")
    alice.put(
        "/api/v1/self-care/plan/",
        {"content": {"crisis_steps": "Call Robin"}},
        content_type="application/json",
    )
    return cast


def test_no_hostile_body_reaches_a_500_or_changes_anything(rich_cast: Cast, login) -> None:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = [
        (path, method, operation)
        for path, item in sorted(schema["paths"].items())
        for method, operation in item.items()
        if method in WRITES
    ]
    assert len(operations) > 40
    sent = 0
    for name in ROLES:
        client = login(rich_cast.by_name(name), Client())
        for path, method, operation in operations:
            cache.clear()  # the API's rate limit is not what this test is about
            target = _concrete(path, client)
            bodies = [*HOSTILE, *filter(None, [_wrong_types(schema, operation)])]
            before = _fingerprint()
            for raw in bodies:
                response = _send(client, method, target, raw)
                sent += 1
                assert 400 <= response.status_code < 500, (
                    name,
                    method,
                    target,
                    str(raw)[:60],
                    response.status_code,
                    response.content[:200],
                )
            assert _fingerprint() == before, (name, method, target)
    print(f"\nhostile bodies: {sent} requests over {len(operations)} write operations")


def test_a_password_set_anywhere_ends_api_tokens_but_a_hash_upgrade_does_not(cast: Cast) -> None:
    """The Django admin and `manage.py changepassword` set passwords without PeerWell's forms."""
    from django.contrib.auth.hashers import make_password

    user = cast.alice.user
    key = _token(cast.alice)
    user.password = make_password(PASSWORD, hasher="md5")  # an old hash, as after an upgrade
    user.save(update_fields=["password"])
    user.refresh_from_db()
    Token.objects.get_or_create(user=user, key=key)
    assert user.check_password(PASSWORD)  # signing in may re-hash it: not a new password
    assert Token.objects.filter(key=key).exists()
    user.set_password("a kettle sings on the morning stove")  # as the admin's form does
    user.save()
    assert not Token.objects.filter(user=user).exists()


def test_a_key_holding_the_refused_character_is_still_a_400(cast: Cast, login) -> None:
    alice = login(cast.alice, Client())
    for raw in ('{"\\ud800": 1}', '{"content": {"\\ud800": "x"}}', '{"a\\u0000": 1}'):
        response = _send(alice, "put", "/api/v1/self-care/plan/", raw)
        assert response.status_code == 400, (raw, response.content)


def test_a_wildcard_content_type_is_checked_as_json(cast: Cast, login) -> None:
    """DRF hands a body sent as */* to the JSON parser, so the check must see it too."""
    adam = login(cast.adam, Client())
    for content_type in ("*/*", "application/*"):
        response = adam.post(
            f"/api/v1/people/{cast.alice.pk}/deactivate/", data=DEEP, content_type=content_type
        )
        assert response.status_code == 400, content_type
    cast.alice.user.refresh_from_db()
    assert cast.alice.user.is_active


def test_integers_a_database_cannot_hold_are_a_400(cast: Cast, login) -> None:
    hana = login(cast.hana, Client())
    body = '{"module": 1, "completed_on": "2026-01-05", "people": [100000000000000000000]}'
    response = _send(hana, "post", "/api/v1/training/attendance/", body)
    assert response.status_code == 400
    assert errors(response) == {"people": ["people[0]: This number is too large."]}
