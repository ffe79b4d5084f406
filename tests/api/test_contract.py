"""The API's contract, case by case: query parameters checked, JSON types taken as written,
nothing empty stored, and errors in one shape even before a view runs."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from selfcare.models import CheckIn
from tests.api.errors import codes, errors
from tests.conftest import Cast
from workforce.models import StaffProfile


def _bearer(profile: StaffProfile) -> Client:
    token, _created = Token.objects.get_or_create(user=profile.user)
    return Client(headers={"Authorization": f"Bearer {token.key}"})


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/api/v1/people/?role=astronaut", "role"),
        ("/api/v1/people/?status=gone", "status"),
        ("/api/v1/training/assignments/?person=%C2%B8", "person"),
        ("/api/v1/training/assignments/?person=1.0", "person"),
        ("/api/v1/certifications/types/?include_archived=yes", "include_archived"),
        ("/api/v1/notifications/?unread=1", "unread"),
        ("/api/v1/people/?page_size=false", "page_size"),
        ("/api/v1/people/?page_size=0", "page_size"),
        ("/api/v1/people/?page_size=201", "page_size"),
        ("/api/v1/people/?page=0", "page"),
        ("/api/v1/supervision/sessions/?from=", "from"),
        ("/api/v1/supervision/compliance/?start=0245-07-26", "start"),
        ("/api/v1/groups/?format=underwater", "format"),
        ("/api/v1/supervision/compliance/?start=9999-12-01&end=9999-12-31", "start"),
        ("/api/v1/groups/hours/?to=0001-01-01", "to"),
        ("/api/v1/supervision/sessions/?to=9999-12-31T23:59:59", "to"),
    ],
)
def test_a_bad_query_parameter_is_a_400_naming_it(cast: Cast, path, parameter) -> None:
    response = _bearer(cast.mia).get(path)
    assert response.status_code == 400, response.content
    assert parameter in errors(response), response.json()


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/training/overdue/",
        "/api/v1/training/matrix/",
        "/api/v1/supervision/compliance/",
        "/api/v1/certifications/missing/",
    ],
)
def test_head_is_answered_like_get(cast: Cast, path) -> None:
    mia = _bearer(cast.mia)
    assert mia.head(path).status_code == mia.get(path).status_code == 200
    assert mia.head("/api/v1/people/?role=astronaut").status_code == 400


def test_good_parameters_still_filter(cast: Cast) -> None:
    mia = _bearer(cast.mia)
    everyone = mia.get("/api/v1/people/").json()["count"]
    managers = mia.get("/api/v1/people/?role=manager&page_size=200").json()
    assert 0 < managers["count"] < everyone
    assert mia.get("/api/v1/people/?page=999").status_code == 404  # past the last page


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"energy": 3, "note": 5}, "note"),
        ({"energy": 3, "support_requested": 0}, "support_requested"),
        ({"energy": "3"}, "energy"),
        ({"energy": True}, "energy"),
        ({"energy": 3.5}, "energy"),
    ],
)
def test_json_values_have_the_schemas_types(cast: Cast, body, field) -> None:
    response = _bearer(cast.alice).post(
        "/api/v1/self-care/check-ins/", body, content_type="application/json"
    )
    assert response.status_code == 400 and field in errors(response), response.content
    assert not CheckIn.objects.exists()


def test_an_id_is_a_whole_number_and_a_choice_its_own_type(cast: Cast) -> None:
    mia = _bearer(cast.mia)
    for supervisor in (cast.bob.pk + 0.9, str(cast.bob.pk)):  # not bob, nor anyone
        body = {"supervisor": supervisor, "participants": [cast.alice.pk]}
        response = mia.post("/api/v1/supervision/sessions/", body, content_type="application/json")
        assert response.status_code == 400 and "supervisor" in errors(response), response.content
    reminders = {"enabled": True, "frequency": "weekly", "weekdays": ["1"]}
    response = _bearer(cast.alice).put(
        "/api/v1/self-care/reminders/", reminders, content_type="application/json"
    )
    assert response.status_code == 400 and "weekdays.0" in errors(response), response.content


def test_an_empty_check_in_is_refused_at_both_doors(cast: Cast, login) -> None:
    api = _bearer(cast.alice).post(
        "/api/v1/self-care/check-ins/", {}, content_type="application/json"
    )
    assert api.status_code == 400 and codes(api) == {"non_field_errors": ["empty"]}
    page = login(cast.alice).post("/self-care/check-in/", {"note": "  "})
    assert page.status_code == 200 and "at least one answer" in page.content.decode()
    assert not CheckIn.objects.exists()
    kept = _bearer(cast.alice).post(
        "/api/v1/self-care/check-ins/", {"note": "Slept well"}, content_type="application/json"
    )
    assert kept.status_code == 201 and CheckIn.objects.count() == 1


def test_a_form_body_is_refused_where_json_is_expected(cast: Cast) -> None:
    response = _bearer(cast.alice).post("/api/v1/self-care/check-ins/", {"energy": "3"})
    assert response.status_code == 415
    assert codes(response) == {"detail": ["unsupported_media_type"]}


def test_errors_outside_the_views_have_the_same_shape(cast: Cast) -> None:
    mia = _bearer(cast.mia)
    unrouted = mia.get("/api/v1/training/modules/1.5/")  # no route matches
    assert unrouted.status_code == 404 and codes(unrouted) == {"detail": ["not_found"]}
    array = mia.post("/api/v1/self-care/check-ins/", "[]", content_type="application/json")
    assert array.status_code == 400 and "non_field_errors" in errors(array)
    anonymous = Client().get("/api/v1/people/")
    assert anonymous.status_code == 401 and codes(anonymous) == {"detail": ["not_authenticated"]}
