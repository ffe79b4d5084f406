"""Peer support groups through the API: the same rules as the pages."""

from __future__ import annotations

from groups.models import Facilitation, Liaison, Meeting, SupportGroup
from tests.api.errors import errors
from tests.conftest import Cast

AFTER_FIRST = "2027-01-08T03:00:00Z"


def _first(group) -> Meeting:
    return Meeting.objects.filter(group=group).order_by("starts_at").first()


def _body(cast: Cast, **changes) -> dict:
    from groups.models import GroupModel, Venue
    from groups.services import group_models_ensure

    group_models_ensure(cast.harbor.pk)
    venue, _ = Venue.objects.get_or_create(organization=cast.harbor, name="Library", area="East")
    body = {
        "name": "Women's Wednesday Circle",
        "model": GroupModel.objects.get(organization=cast.harbor, key="women-for-sobriety").pk,
        "who_for": "Women in recovery",
        "languages": ["en", "es"],
        "format": "hybrid",
        "venue": venue.pk,
        "online_details": "Ask the facilitator for the link.",
        "weekday": 2,
        "start_time": "18:00",
        "duration_minutes": 90,
        "timezone": "America/Chicago",
        "starts_on": "2027-01-06",
        "status": "meeting",
    }
    body.update(changes)
    return body


def test_a_manager_sets_up_a_group(cast: Cast, login, client, time_machine) -> None:
    time_machine.move_to("2027-01-04T15:00:00Z", tick=False)
    login(cast.mia)
    response = client.post("/api/v1/groups/", _body(cast), content_type="application/json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["model"]["gender_specific"] is True
    assert data["records"]["agreement"]["number"] == 1
    assert len(data["records"]["upcoming"]) == 6
    group = SupportGroup.objects.get(pk=data["id"])
    response = client.put(
        f"/api/v1/groups/{group.pk}/people/",
        {"facilitators": [cast.alice.pk], "lead": cast.alice.pk, "liaisons": [cast.sid.pk]},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["records"]["facilitators"] == [
        {"person": cast.alice.pk, "name": "Alice", "lead": True}
    ]


def test_bad_input_gets_field_errors_and_saves_nothing(cast: Cast, login, client) -> None:
    login(cast.mia)
    for changes, field in (
        ({"venue": None}, "venue"),
        ({"languages": []}, "languages"),
        ({"duration_minutes": 10}, "duration_minutes"),
        ({"timezone": "Nowhere/Else"}, "timezone"),
        ({"weekday": 9}, "weekday"),
    ):
        response = client.post(
            "/api/v1/groups/", _body(cast, **changes), content_type="application/json"
        )
        assert response.status_code == 400 and field in errors(response), (field, response.json())
    assert not SupportGroup.objects.exists()


def test_another_organizations_venue_is_not_there(cast: Cast, login, client) -> None:
    from groups.models import Venue

    theirs = Venue.objects.create(organization=cast.elsewhere, name="Theirs", area="North")
    login(cast.mia)
    response = client.post(
        "/api/v1/groups/", _body(cast, venue=theirs.pk), content_type="application/json"
    )
    assert response.status_code == 400 and "venue" in errors(response)


def test_the_liaison_rule_answers_with_its_code(cast: Cast, group, login, client) -> None:
    login(cast.mia)
    response = client.put(
        f"/api/v1/groups/{group.pk}/people/",
        {"facilitators": [cast.alice.pk], "lead": cast.alice.pk, "liaisons": [cast.alice.pk]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "Alice facilitates this group" in errors(response)["liaisons"][0]
    assert list(Liaison.objects.values_list("person", flat=True)) == [cast.sid.pk]


def test_logging_through_the_api_once(cast: Cast, group, login, client, time_machine) -> None:
    time_machine.move_to(AFTER_FIRST, tick=False)
    login(cast.alice)
    meeting = _first(group)
    url = f"/api/v1/groups/meetings/{meeting.pk}/log/"
    body = {"held": True, "attended": 3, "newcomers": 1, "agreement_read": True}
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 200, response.json()
    assert (response.json()["attended"], response.json()["hidden"]) == (3, False)
    again = client.post(url, body, content_type="application/json")
    assert again.status_code == 400
    assert Facilitation.objects.count() == 1
    client.logout()
    login(cast.mia)  # a manager sees "fewer than 5" as null, hidden
    seen = client.get(f"/api/v1/groups/meetings/{meeting.pk}/").json()
    assert (seen["attended"], seen["newcomers"], seen["hidden"]) == (None, None, True)


def test_impossible_counts_are_400s(cast: Cast, group, login, client, time_machine) -> None:
    time_machine.move_to(AFTER_FIRST, tick=False)
    login(cast.alice)
    url = f"/api/v1/groups/meetings/{_first(group).pk}/log/"
    for body, field in (
        ({"held": True, "attended": -1, "agreement_read": True}, "attended"),
        ({"held": True, "attended": 100000, "agreement_read": True}, "attended"),
        ({"held": True, "attended": 2, "newcomers": 3, "agreement_read": True}, "newcomers"),
        ({"held": True, "attended": "many", "agreement_read": True}, "attended"),
        ({"held": True, "attended": 4}, "agreement_read"),
    ):
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 400 and field in errors(response), response.json()
    assert _first(group).logged_at is None


def test_hr_reads_the_listing_and_hours_only(cast: Cast, group, login, client) -> None:
    login(cast.hana)
    data = client.get(f"/api/v1/groups/{group.pk}/").json()
    assert data["records"] is None and data["name"] == group.name
    assert client.get(f"/api/v1/groups/{group.pk}/agreement/").status_code == 404
    assert client.get("/api/v1/groups/meetings/").json()["results"] == []
    assert client.get("/api/v1/groups/hours/").status_code == 200


def test_the_list_filters_by_the_models_facts(cast: Cast, group, login, client) -> None:
    login(cast.hana)
    names = lambda q: {g["name"] for g in client.get(f"/api/v1/groups/?{q}").json()["results"]}  # noqa: E731
    assert names("approach=secular") == {group.name}
    assert names("approach=spiritual") == set()
    assert names("language=es") == {group.name}
    assert names("language=vi") == set()
    assert names("gender_specific=yes") == set()


def test_the_list_runs_a_constant_number_of_queries(
    cast: Cast, group, login, client, django_assert_num_queries
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_group

    login(cast.mia)
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/groups/")
    for n in range(5):
        make_group(cast, name=f"Group {n}")
    with CaptureQueriesContext(connection) as six:
        assert len(client.get("/api/v1/groups/").json()["results"]) == 6
    assert len(six) == len(one)


def test_not_a_number_is_not_found(cast: Cast, group, login, client) -> None:
    login(cast.adam)
    assert client.get("/api/v1/groups/abc/").status_code == 404
    assert client.get("/api/v1/groups/meetings/abc/").status_code == 404


def test_venues_with_addresses_are_for_managers(cast: Cast, group, login, client) -> None:
    for person, seen in ((cast.alice, 0), (cast.hana, 0), (cast.sid, 0), (cast.mia, 1)):
        client.logout()
        login(person)
        rows = client.get("/api/v1/groups/venues/").json()["results"]
        assert len(rows) == seen, person
    client.logout()
    login(cast.alice)  # the group's own page still says where it meets
    assert client.get(f"/api/v1/groups/{group.pk}/").json()["venue"]["area"] == "Eastside"


def test_a_write_without_the_right_is_404_before_any_validation(cast: Cast, group, login, client):
    from groups.models import GroupModel

    login(cast.alice)
    model = GroupModel.objects.filter(organization=cast.harbor).first()
    assert (
        client.post("/api/v1/groups/venues/", {}, content_type="application/json").status_code
        == 404
    )
    response = client.put(f"/api/v1/groups/models/{model.pk}/", {}, content_type="application/json")
    assert response.status_code == 404


def test_a_write_answers_even_with_list_filters_in_the_url(
    cast: Cast, group, login, client, time_machine
) -> None:
    time_machine.move_to(AFTER_FIRST, tick=False)
    login(cast.alice)
    url = f"/api/v1/groups/meetings/{_first(group).pk}/log/?status=scheduled"
    body = {"held": True, "attended": 6, "agreement_read": True}
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "held"


def test_referrals_through_the_api_keep_only_a_count(cast: Cast, group, login, client) -> None:
    from groups.models import ReferralCount

    login(cast.hana)
    fits = client.get("/api/v1/groups/referrals/fits/?approach=secular&language=es").json()
    assert [(f["group"]["name"], f["reasons"]) for f in fits] == [
        ("Thursday Evening Peer Support", ["Secular", "in English, Spanish"])
    ]
    bad = client.get("/api/v1/groups/referrals/fits/?weekday=9")
    assert bad.status_code == 400 and "weekday" in errors(bad)
    response = client.post(
        "/api/v1/groups/referrals/", {"groups": [group.pk]}, content_type="application/json"
    )
    assert response.status_code == 201 and "Thursday Evening" in response.json()["text"]
    assert ReferralCount.objects.get().count == 1
    too_many = client.post(
        "/api/v1/groups/referrals/", {"groups": [1, 2, 3, 4]}, content_type="application/json"
    )
    assert too_many.status_code == 400 and ReferralCount.objects.get().count == 1


def test_a_liaison_reads_and_answers_a_report_through_the_api(cast: Cast, group, login, client):
    from django.core.cache import cache

    from groups.models import ReportRead
    from groups.reports import ReportInput, report_submit

    cache.clear()
    report = report_submit(group=group, data=ReportInput(what="The door was locked.")).report
    login(cast.sid)
    (row,) = client.get("/api/v1/groups/reports/").json()["results"]
    assert row["what"] == "The door was locked."
    reply = client.post(
        f"/api/v1/groups/reports/{report.ref}/reply/",
        {"text": "Fixed it."},
        content_type="application/json",
    )
    assert reply.status_code == 201 and reply.json()["author_name"] == "Sid"
    closed = client.post(
        f"/api/v1/groups/reports/{report.ref}/status/",
        {"status": "closed"},
        content_type="application/json",
    )
    assert closed.status_code == 400 and "closing_summary" in errors(closed)
    assert ReportRead.objects.filter(reader=cast.sid).count() == 1
    client.logout()
    login(cast.alice)  # she facilitates it: the report doesn't exist for her
    assert client.get(f"/api/v1/groups/reports/{report.ref}/").status_code == 404
    assert client.get("/api/v1/groups/reports/").json()["results"] == []
