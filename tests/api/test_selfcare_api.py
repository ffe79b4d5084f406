"""Self-care through the API: the same rules as the pages."""

from __future__ import annotations

import pytest
from django.test import Client

from selfcare.models import CheckIn, PlanShare, PlanVersion
from tests.api.errors import errors
from tests.conftest import Cast
from workforce.models import AuditEvent


def _json(client: Client, method: str, path: str, body: object = None):
    kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
    return getattr(client, method)(path, **kwargs)


def test_it_saves_versions_restores_and_shares_a_plan(cast: Cast, login) -> None:
    alice = login(cast.alice, Client())
    first = _json(
        alice,
        "put",
        "/api/v1/self-care/plan/",
        {"content": {"goals": "Walk", "avoid_contacts": "X"}},
    )
    assert first.status_code == 200 and first.json()["version"] == 1
    _json(alice, "put", "/api/v1/self-care/plan/", {"content": {"goals": "Rest"}, "reviewed": True})
    assert [v["number"] for v in alice.get("/api/v1/self-care/plan/versions/").json()] == [2, 1]
    assert alice.get("/api/v1/self-care/plan/versions/1/").json()["content"]["goals"] == "Walk"
    restored = _json(alice, "post", "/api/v1/self-care/plan/versions/1/", {})
    assert restored.status_code == 201 and restored.json()["content"]["goals"] == "Walk"

    share = _json(alice, "post", "/api/v1/self-care/plan/shares/", {"viewer": cast.bob.pk})
    assert share.status_code == 201
    bob = login(cast.bob, Client())
    (listed,) = bob.get("/api/v1/self-care/shared-plans/").json()
    read = bob.get(f"/api/v1/self-care/shared-plans/{listed['id']}/").json()
    assert read["content"]["goals"] == "Walk" and "avoid_contacts" not in read["content"]
    assert AuditEvent.objects.filter(subject=cast.alice, actor=cast.bob.user).count() == 1
    _json(alice, "post", f"/api/v1/self-care/plan/shares/{share.json()['id']}/revoke/", {})
    assert bob.get(f"/api/v1/self-care/shared-plans/{listed['id']}/").status_code == 404


def test_it_answers_bad_plan_input_with_field_errors(cast: Cast, login) -> None:
    alice = login(cast.alice, Client())
    for content, field in [
        ({"goals": "x" * 4001}, "goals"),
        ({"no_such_section": "x"}, "no_such_section"),
        ({"people": "not a list"}, "people"),
        ({"people": [{"name": "x" * 201}]}, "people"),
    ]:
        response = _json(alice, "put", "/api/v1/self-care/plan/", {"content": content})
        assert response.status_code == 400, content
        assert field in errors(response), response.json()
    share = _json(alice, "post", "/api/v1/self-care/plan/shares/", {"viewer": cast.carol.pk})
    assert share.status_code == 400 and "viewer" in errors(share)
    assert not PlanVersion.objects.exists() and not PlanShare.objects.exists()


@pytest.mark.parametrize("person", ["bob", "sid", "mia", "hana", "adam", "charlie"])
def test_it_gives_nobody_else_my_check_ins(cast: Cast, login, person: str) -> None:
    alice = login(cast.alice, Client())
    created = _json(alice, "post", "/api/v1/self-care/check-ins/", {"energy": 2, "note": "mine"})
    assert created.status_code == 201
    pk = created.json()["id"]
    other = login(cast.by_name(person), Client())
    assert other.get(f"/api/v1/self-care/check-ins/{pk}/").status_code == 404
    assert other.delete(f"/api/v1/self-care/check-ins/{pk}/").status_code == 404
    assert other.get("/api/v1/self-care/check-ins/").json()["count"] == 0
    assert CheckIn.objects.filter(pk=pk).exists()


def test_it_validates_check_ins_and_deletes_them(cast: Cast, login) -> None:
    alice = login(cast.alice, Client())
    bad = _json(alice, "post", "/api/v1/self-care/check-ins/", {"energy": 9, "note": "x" * 2001})
    assert bad.status_code == 400 and {"energy", "note"} <= set(errors(bad))
    pk = _json(alice, "post", "/api/v1/self-care/check-ins/", {"calm": 4}).json()["id"]
    assert alice.delete(f"/api/v1/self-care/check-ins/{pk}/").status_code == 204
    assert not CheckIn.objects.exists()


def test_it_gives_managers_only_aggregates(cast: Cast, login) -> None:
    body = login(cast.mia, Client()).get("/api/v1/self-care/team-wellbeing/").json()
    assert body["minimum_group"] == 5 and body["organization"]["key"] == "organization"
    assert login(cast.hana, Client()).get("/api/v1/self-care/team-wellbeing/").status_code == 404
