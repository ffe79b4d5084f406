"""Check-ins: private, optional, deletable; a support signal only to the person chosen."""

from __future__ import annotations

import json

from django.core import mail
from django.test import Client

from notifications.models import Delivery, Notification
from selfcare.models import CheckIn, SupportContact
from tests.conftest import Cast

LOW = {"energy": "1", "calm": "2", "sleep": "1", "connection": "3", "boundaries": "2"}


def test_it_saves_a_check_in_with_any_question_skipped(cast: Cast, login, client) -> None:
    login(cast.alice)
    response = client.post(
        "/self-care/check-in/", {"energy": "4", "note": "Good day with the group"}
    )
    assert response["Location"] == "/self-care/check-ins/"
    item = CheckIn.objects.get()
    assert (item.energy, item.calm, item.note) == (4, None, "Good day with the group")
    assert "Good day with the group" in client.get("/self-care/check-ins/").content.decode()


def test_it_rejects_scores_out_of_range_and_oversized_notes(cast: Cast, login, client) -> None:
    login(cast.alice)
    for body, field in [
        ({"energy": "6"}, "energy"),
        ({"sleep": "0"}, "sleep"),
        ({"note": "x" * 2001}, "note"),
    ]:
        response = client.post("/self-care/check-in/", body)
        assert response.status_code == 200
        assert field in response.context["form"].errors
    assert not CheckIn.objects.exists()


def test_it_points_gently_to_my_own_plan_and_tells_nobody(cast: Cast, login, client) -> None:
    login(cast.alice)
    client.post("/self-care/check-in/", LOW)
    page = client.get("/self-care/check-ins/").content.decode()
    assert "It sounds like things might be heavy right now" in page
    assert "/self-care/plan/#crisis_steps" in page
    assert "<svg" in page and "<polyline" in page
    assert mail.outbox == [] and not Notification.objects.exists() and not Delivery.objects.exists()
    client.post("/self-care/check-in/", {k: "4" for k in LOW})
    assert "heavy right now" not in client.get("/self-care/check-ins/").content.decode()


def test_it_offers_the_support_toggle_only_with_a_chosen_person(cast: Cast, login, client) -> None:
    login(cast.alice)
    assert "I&#x27;d like some support" not in client.get("/self-care/check-in/").content.decode()
    client.post("/self-care/check-in/", {**LOW, "support_requested": "on"})
    assert CheckIn.objects.get().support_requested is False  # nobody chosen: nobody told
    assert not Delivery.objects.exists()


def test_it_tells_only_the_chosen_person_that_support_was_asked_for(
    cast: Cast, login, client, django_capture_on_commit_callbacks
) -> None:
    login(cast.alice)
    client.post("/self-care/support/", {"contact": cast.sid.pk})
    assert SupportContact.objects.get(owner=cast.alice).contact == cast.sid
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/self-care/check-in/",
            {**LOW, "note": "Rough session today", "support_requested": "on"},
        )

    (email,) = mail.outbox
    assert email.to == ["sid@harbor.example"]
    assert (
        "Rough session" not in email.body and "Alice" not in email.body and "1" not in email.subject
    )
    (note,) = Notification.objects.all()
    assert note.recipient == cast.sid.user and "Alice would like some support" in note.title
    # Bob supervises alice but was not chosen: he hears nothing.
    assert not Notification.objects.filter(recipient=cast.bob.user).exists()


def test_it_refuses_a_support_person_from_another_organization(cast: Cast, login, client) -> None:
    login(cast.alice)
    response = client.post("/self-care/support/", {"contact": cast.carol.pk}, follow=True)
    assert "Choose a colleague from your organization." in response.content.decode()
    assert not SupportContact.objects.exists()


def test_it_deletes_check_ins_for_real_and_only_my_own(cast: Cast, login) -> None:
    alice, sid = login(cast.alice, Client()), login(cast.sid, Client())
    alice.post("/self-care/check-in/", {"energy": "3"})
    alice.post("/self-care/check-in/", {"energy": "2"})
    sid.post("/self-care/check-in/", {"energy": "5"})
    mine = CheckIn.objects.filter(owner=cast.alice).first()
    assert sid.post(f"/self-care/check-ins/{mine.pk}/delete/").status_code == 404
    alice.post(f"/self-care/check-ins/{mine.pk}/delete/")
    assert not CheckIn.objects.filter(pk=mine.pk).exists()
    alice.post("/self-care/my-data/", {"delete": "checkins"})
    assert list(CheckIn.objects.values_list("owner", flat=True)) == [cast.sid.pk]


def test_it_exports_all_my_self_care_data_and_nobody_elses(cast: Cast, login) -> None:
    alice, sid = login(cast.alice, Client()), login(cast.sid, Client())
    alice.post("/self-care/check-in/", {"energy": "3", "note": "mine"})
    sid.post("/self-care/check-in/", {"energy": "5", "note": "SID-NOTE"})
    alice.post(
        "/self-care/plan/edit/", {"goals": "Walk", "people-count": "0", "crisis_lines-count": "0"}
    )
    response = alice.get("/self-care/my-data/export.json")
    assert response["Content-Disposition"] == 'attachment; filename="my-self-care-data.json"'
    data = json.loads(response.content)
    assert [c["note"] for c in data["checkins"]] == ["mine"]
    assert data["plan"]["versions"][0]["content"]["goals"] == "Walk"
    assert "SID-NOTE" not in response.content.decode()


def test_it_keeps_check_ins_out_of_every_employer_page(cast: Cast, login) -> None:
    alice = login(cast.alice, Client())
    alice.post("/self-care/check-in/", {"energy": "1", "note": "SECRET-NOTE"})
    for person in ("bob", "mia", "hana", "adam"):
        client = login(cast.by_name(person), Client())
        for path in (
            "/dashboard/",
            f"/people/{cast.alice.pk}/",
            "/people/",
            "/self-care/check-ins/",
            f"/api/v1/people/{cast.alice.pk}/",
        ):
            body = client.get(path).content.decode()
            assert "SECRET-NOTE" not in body, (person, path)


def test_it_shows_my_history_in_a_constant_number_of_queries(
    cast: Cast, login, client, django_assert_num_queries
) -> None:
    login(cast.alice)
    CheckIn.objects.create(organization=cast.harbor, owner=cast.alice, energy=3)
    client.get("/self-care/check-ins/")
    with django_assert_num_queries(5):
        client.get("/self-care/check-ins/")
    CheckIn.objects.bulk_create(
        CheckIn(organization=cast.harbor, owner=cast.alice, energy=i % 5 + 1) for i in range(80)
    )
    with django_assert_num_queries(5):
        assert client.get("/self-care/check-ins/").status_code == 200


def test_it_deletes_the_support_signal_with_the_check_in(
    cast: Cast, login, client, django_capture_on_commit_callbacks
) -> None:
    login(cast.alice)
    client.post("/self-care/support/", {"contact": cast.sid.pk})
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/self-care/check-in/", {**LOW, "support_requested": "on"})
    assert Notification.objects.filter(recipient=cast.sid.user).exists()
    client.post("/self-care/my-data/", {"delete": "checkins"})
    assert not Notification.objects.exists() and not Delivery.objects.exists()


def test_the_check_in_scales_speak_the_persons_language(cast: Cast, login, client) -> None:
    # The fields are built when the module loads; their help must still follow the reader.
    cast.alice.language = "es"
    cast.alice.save()
    login(cast.alice)
    page = client.get("/self-care/check-in/").content.decode()
    assert "1 = sin fuerzas, 5 = con mucha energía. Puedes saltarla." in page
    assert "You can skip this" not in page
    english = login(cast.sid, Client()).get("/self-care/check-in/").content.decode()
    assert "1 = running on empty, 5 = plenty in the tank. You can skip this." in english
