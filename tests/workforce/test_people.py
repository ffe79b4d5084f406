"""Adding, inviting, editing and switching off people."""

from __future__ import annotations

import re

from django.core import mail
from django.test import Client

from tests.conftest import Cast
from tests.factories import ProfileFactory
from workforce.models import Role, RoleGrant, StaffProfile, User

NEW = {
    "email": "Nia@Harbor.example",
    "chosen_name": "Nia",
    "pronouns": "she/her",
    "roles": ["specialist"],
    "timezone": "America/Chicago",
    "language": "en",
    "send_invitation": "on",
}


def test_it_adds_a_person_and_invites_them(
    cast: Cast, login, client, django_capture_on_commit_callbacks
) -> None:
    login(cast.adam)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/people/new/", NEW)
    person = StaffProfile.objects.get(user__email="nia@harbor.example")
    assert response["Location"] == f"/people/{person.pk}/"
    assert person.organization == cast.harbor
    assert person.roles == {Role.PEER_SPECIALIST}
    assert not person.user.has_usable_password()

    (invitation,) = mail.outbox
    assert invitation.to == ["nia@harbor.example"]
    assert invitation.subject == "You're invited to PeerWell"
    link = re.search(r"http://testserver(\S+)", invitation.body).group(1)

    newcomer = Client()
    form = newcomer.get(link, follow=True)
    set_url = form.redirect_chain[-1][0]
    newcomer.post(
        set_url,
        {
            "new_password1": "quiet harbor morning light",
            "new_password2": "quiet harbor morning light",
        },
    )
    signed_in = newcomer.post(
        "/accounts/login/",
        {"username": "nia@harbor.example", "password": "quiet harbor morning light"},
    )
    assert signed_in["Location"] == "/dashboard/"


def test_it_refuses_bad_input_and_saves_nothing(cast: Cast, login, client) -> None:
    login(cast.adam)
    before = (User.objects.count(), StaffProfile.objects.count(), RoleGrant.objects.count())
    cases = [
        ({"email": "not-an-email"}, "email"),
        ({"chosen_name": ""}, "chosen_name"),
        ({"roles": []}, "roles"),
        ({"roles": ["emperor"]}, "roles"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"email": "alice@harbor.example"}, "email"),  # already has an account
        ({"email": "carol@elsewhere.example"}, "email"),  # in another organization
        ({"chosen_name": "x" * 121}, "chosen_name"),
    ]
    for change, field in cases:
        response = client.post("/people/new/", {**NEW, **change})
        assert response.status_code == 200, change
        assert field in response.context["form"].errors, (change, response.context["form"].errors)
        assert "Please check the following" in response.content.decode()
    assert (User.objects.count(), StaffProfile.objects.count(), RoleGrant.objects.count()) == before


def test_it_lets_hr_edit_work_details_but_not_roles(cast: Cast, login, client) -> None:
    login(cast.hana)
    response = client.post(
        f"/people/{cast.alice.pk}/edit/",
        {
            "chosen_name": "Alice R.",
            "pronouns": "she/her",
            "legal_name": "",
            "job_title": "Lead peer",
            "phone": "",
            "emergency_contact": "Robin, 555-0101",
            "timezone": "America/Chicago",
            "language": "en",
            "employment_status": "on_leave",
            "start_date": "2024-02-29",
        },
    )
    assert response.status_code == 302
    cast.alice.refresh_from_db()
    assert (cast.alice.chosen_name, cast.alice.job_title, cast.alice.employment_status) == (
        "Alice R.",
        "Lead peer",
        "on_leave",
    )
    assert client.get(f"/people/{cast.alice.pk}/roles/").status_code == 404


def test_it_lets_people_edit_their_own_contact_details_only(cast: Cast, login, client) -> None:
    login(cast.alice)
    page = client.get("/me/edit/")
    fields = set(page.context["form"].fields)
    assert fields == {
        "chosen_name",
        "pronouns",
        "phone",
        "emergency_contact",
        "timezone",
        "language",
    }
    response = client.post(
        "/me/edit/",
        {
            "chosen_name": "Ali",
            "pronouns": "they/them",
            "phone": "555-0199",
            "emergency_contact": "",
            "timezone": "Europe/London",
            "language": "es",
            "job_title": "Director",
        },
    )
    assert response["Location"] == "/me/"
    cast.alice.refresh_from_db()
    assert (cast.alice.chosen_name, cast.alice.timezone, cast.alice.job_title) == (
        "Ali",
        "Europe/London",
        "",
    )


def test_it_speaks_the_persons_preferred_language(cast: Cast, login, client) -> None:
    cast.alice.language = "es"
    cast.alice.save()
    login(cast.alice)
    assert client.get("/dashboard/")["Content-Language"] == "es"


def test_it_keeps_one_active_org_admin(cast: Cast, login, client) -> None:
    login(cast.adam)
    response = client.post(f"/people/{cast.adam.pk}/roles/", {"roles": ["hr"]})
    assert "Someone else needs the org admin role" in response.content.decode()
    assert cast.adam.role_grants.filter(role=Role.ORG_ADMIN).exists()
    response = client.post(f"/people/{cast.adam.pk}/deactivate/", follow=True)
    assert "can&#x27;t switch off your own access" in response.content.decode()
    cast.adam.user.refresh_from_db()
    assert cast.adam.user.is_active


def test_it_keeps_history_when_access_is_switched_off_and_back_on(
    cast: Cast, login, client
) -> None:
    login(cast.adam)
    client.post(f"/people/{cast.alice.pk}/deactivate/")
    cast.alice.refresh_from_db()
    cast.alice.user.refresh_from_db()
    assert not cast.alice.user.is_active
    assert StaffProfile.objects.filter(pk=cast.alice.pk).exists()
    page = client.get("/people/").content.decode()
    assert "access off" in page
    client.post(f"/people/{cast.alice.pk}/reactivate/")
    cast.alice.user.refresh_from_db()
    assert cast.alice.user.is_active


def test_it_lists_people_in_a_constant_number_of_queries(
    cast: Cast, login, client, django_assert_num_queries
) -> None:
    login(cast.adam)
    client.get("/people/")  # warm up
    # session, user with profile and roles, count, the page with each person's roles, unread
    # notifications (the session is written at most once a minute, not here)
    with django_assert_num_queries(5):
        small = client.get("/people/")
    ProfileFactory.create_batch(
        30, organization=cast.harbor, roles=[Role.PEER_SPECIALIST, Role.SUPERVISOR]
    )
    with django_assert_num_queries(5):
        large = client.get("/people/")
    assert small.status_code == large.status_code == 200
    assert large.context["page"].paginator.count == 36


def test_it_filters_the_people_list(cast: Cast, login, client) -> None:
    login(cast.hana)
    names = lambda r: [p.chosen_name for p in r.context["page"]]  # noqa: E731
    assert names(client.get("/people/?role=supervisor")) == ["Bob"]
    assert names(client.get("/people/?q=ali")) == ["Alice"]
    assert names(client.get("/people/?status=left")) == []


def test_with_roles_reads_each_persons_roles_in_the_same_query(
    cast: Cast, django_assert_num_queries
) -> None:
    nobody = ProfileFactory(organization=cast.harbor, roles=[])
    two = ProfileFactory(organization=cast.harbor, roles=[Role.SUPERVISOR, Role.HR])
    with django_assert_num_queries(1):
        people = {p.pk: p.roles for p in StaffProfile.objects.with_roles()}
    assert people[nobody.pk] == frozenset()
    assert people[two.pk] == {Role.SUPERVISOR, Role.HR}
    assert people[cast.alice.pk] == {Role.PEER_SPECIALIST}
    # Filtering on a role keeps every role of the people it finds.
    with django_assert_num_queries(1):
        (found,) = StaffProfile.objects.with_roles().filter(pk=two.pk, role_grants__role=Role.HR)
        assert found.roles == {Role.SUPERVISOR, Role.HR}
