"""The people API: token authentication, validation, constant queries, the OpenAPI schema."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from tests.api.errors import errors
from tests.conftest import Cast
from tests.factories import ProfileFactory
from workforce.models import Role, StaffProfile, User


def _bearer(profile: StaffProfile) -> Client:
    token = Token.objects.create(user=profile.user)
    return Client(headers={"Authorization": f"Bearer {token.key}"})


def test_it_authenticates_with_a_bearer_token(cast: Cast) -> None:
    client = _bearer(cast.mia)
    response = client.get("/api/v1/me/")
    assert response.status_code == 200
    assert response.json()["chosen_name"] == "Mia"
    assert Client(headers={"Authorization": "Bearer nope"}).get("/api/v1/me/").status_code == 401


def test_it_deletes_tokens_when_access_is_switched_off(cast: Cast, login) -> None:
    client = _bearer(cast.alice)
    login(cast.adam, Client()).post(f"/people/{cast.alice.pk}/deactivate/")
    assert client.get("/api/v1/me/").status_code == 401
    assert not Token.objects.filter(user=cast.alice.user).exists()


def test_it_creates_a_person_in_the_callers_organization(cast: Cast) -> None:
    response = _bearer(cast.adam).post(
        "/api/v1/people/",
        {
            "email": "new@x.example",
            "chosen_name": "Noor",
            "roles": ["specialist", "supervisor"],
            "organization": cast.elsewhere.pk,
            "send_invitation": False,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["roles"] == ["specialist", "supervisor"]
    person = StaffProfile.objects.get(pk=body["id"])
    assert person.organization == cast.harbor  # never taken from input
    assert person.timezone == "America/Chicago"  # the organization's, by default


def test_it_answers_bad_input_with_field_errors_and_saves_nothing(cast: Cast) -> None:
    client = _bearer(cast.adam)
    before = (User.objects.count(), StaffProfile.objects.count())
    cases = [
        ({"email": "bad", "chosen_name": "N", "roles": ["specialist"]}, "email"),
        ({"email": "n@x.example", "chosen_name": "", "roles": ["specialist"]}, "chosen_name"),
        ({"email": "n@x.example", "chosen_name": "N", "roles": []}, "roles"),
        (
            {
                "email": "n@x.example",
                "chosen_name": "N",
                "roles": ["specialist"],
                "timezone": "Nowhere/City",
            },
            "timezone",
        ),
        ({"email": "ALICE@harbor.example", "chosen_name": "N", "roles": ["specialist"]}, "email"),
    ]
    for body, field in cases:
        response = client.post("/api/v1/people/", body, content_type="application/json")
        assert response.status_code == 400, (body, response.content)
        assert field in errors(response), response.json()
    assert (User.objects.count(), StaffProfile.objects.count()) == before


def test_it_changes_nothing_when_part_of_an_update_is_refused(cast: Cast) -> None:
    client = _bearer(cast.adam)
    response = client.patch(
        f"/api/v1/people/{cast.alice.pk}/",
        {"roles": ["supervisor"], "timezone": "Not/AZone"},
        content_type="application/json",
    )
    assert response.status_code == 400
    response = client.patch(
        f"/api/v1/people/{cast.alice.pk}/",
        {"roles": ["supervisor"], "chosen_name": "x" * 121},
        content_type="application/json",
    )
    assert response.status_code == 400
    cast.alice.refresh_from_db()
    assert cast.alice.roles == {Role.PEER_SPECIALIST}


def test_it_lists_people_in_a_constant_number_of_queries(
    cast: Cast, django_assert_num_queries
) -> None:
    client = _bearer(cast.hana)
    client.get("/api/v1/people/")
    # token, user, profile and own roles, count, the page with each person's roles
    with django_assert_num_queries(3):
        assert client.get("/api/v1/people/").json()["count"] == 6
    added = ProfileFactory.create_batch(
        40, organization=cast.harbor, roles=[Role.PEER_SPECIALIST, Role.HR]
    )
    with django_assert_num_queries(3):
        page = client.get("/api/v1/people/?page_size=100").json()
    assert page["count"] == 46
    roles = {row["id"]: row["roles"] for row in page["results"]}
    assert all(roles[person.pk] == sorted([Role.HR, Role.PEER_SPECIALIST]) for person in added)
    assert roles[cast.hana.pk] == sorted(cast.hana.roles)


def test_it_refuses_self_promotion_through_me(cast: Cast) -> None:
    response = _bearer(cast.alice).patch(
        "/api/v1/me/", {"roles": ["admin"]}, content_type="application/json"
    )
    assert response.status_code == 400
    assert cast.alice.roles == {Role.PEER_SPECIALIST}


def test_it_serves_the_openapi_schema_and_local_docs(cast: Cast, login, client) -> None:
    login(cast.alice)
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/v1/people/",
        "/api/v1/people/{id}/",
        "/api/v1/me/",
        "/api/v1/organizations/",
    } <= set(schema["paths"])
    docs = client.get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in docs and "cdn" not in docs.lower()


def test_it_generates_the_schema_without_warnings() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "manage.py", "spectacular", "--fail-on-warn", "--file", "/dev/null"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_the_base_viewset_keeps_other_organizations_out_whatever_a_subclass_returns(
    cast: Cast,
) -> None:
    """A careless scoped_queryset() that returns everything still shows only the caller's
    organization: the tenant filter lives in the base, not in each subclass."""
    from rest_framework.test import APIRequestFactory, force_authenticate

    from api.views import PersonSerializer
    from api.viewsets import ScopedReadOnlyViewSet
    from workforce.models import StaffProfile

    class Careless(ScopedReadOnlyViewSet):
        serializer_class = PersonSerializer
        tenant_field = "organization_id"

        def scoped_queryset(self):
            return StaffProfile.objects.all().order_by("pk")

    request = APIRequestFactory().get("/")
    force_authenticate(request, user=cast.carol.user)
    response = Careless.as_view({"get": "list"})(request)
    names = {row["chosen_name"] for row in response.data["results"]}
    assert names == {"Carol", "Charlie"}


def test_a_viewset_that_names_no_tenant_field_fails_when_it_is_defined() -> None:
    from api.viewsets import ScopedReadOnlyViewSet

    with pytest.raises(TypeError, match="names no tenant_field"):

        class Forgetful(ScopedReadOnlyViewSet):
            def scoped_queryset(self):
                raise AssertionError("never reached")


def test_the_list_runs_three_queries_and_reads_only_what_it_shows(
    cast: Cast, django_assert_num_queries
) -> None:
    """The token with its person and roles, the count, the page: whatever the size. The page
    reads the columns it shows, never anyone's legal name, phone, emergency contact or
    password hash."""
    mia = _bearer(cast.mia)
    with django_assert_num_queries(3):
        small = mia.get("/api/v1/people/").json()
    ProfileFactory.create_batch(30, organization=cast.harbor, legal_name="Kept Private")
    with django_assert_num_queries(3) as queries:
        large = mia.get("/api/v1/people/").json()
    assert large["count"] == small["count"] + 30 and len(large["results"]) == large["count"]
    page = queries.captured_queries[-1]["sql"]
    assert '"chosen_name"' in page and '"email"' in page
    for private in ("legal_name", "phone", "emergency_contact", "password"):
        assert f'"{private}"' not in page
