"""Self-care plans: versions, sharing, privacy, PDFs."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.test import Client
from pypdf import PdfReader

from selfcare.models import CrisisLine, PlanShare, PlanVersion, SelfCarePlan
from tests.conftest import Cast
from workforce.models import AuditEvent


def _save(client: Client, **sections: str):
    body = {"people-count": "0", "crisis_lines-count": "0", **sections}
    return client.post("/self-care/plan/edit/", body)


def _plan(cast: Cast) -> SelfCarePlan:
    return SelfCarePlan.objects.get(owner=cast.alice)


def test_it_keeps_every_save_as_a_version_and_restores(cast: Cast, login, client) -> None:
    login(cast.alice)
    assert _save(client, warning_signs="I stop answering friends")["Location"] == "/self-care/plan/"
    # A second visit: the form comes back filled in.
    assert "I stop answering friends" in client.get("/self-care/plan/edit/").content.decode()
    _save(client, warning_signs="I stop answering friends", goals="Lunch away from my desk")
    assert list(_plan(cast).versions.values_list("number", flat=True)) == [2, 1]

    client.post("/self-care/plan/versions/1/restore/")
    current = _plan(cast).versions.first()
    assert (current.number, current.restored_from) == (3, 1)
    assert (
        current.data["goals"] == "" and current.data["warning_signs"] == "I stop answering friends"
    )
    assert "Version 1" in client.get("/self-care/plan/versions/").content.decode()


def test_it_saves_people_and_crisis_lines(cast: Cast, login, client) -> None:
    CrisisLine.objects.create(
        organization=cast.harbor, name="Warmline", number="555-0199", hours="24/7"
    )
    other = CrisisLine.objects.create(organization=cast.elsewhere, name="Not ours", number="1")
    login(cast.alice)
    client.post(
        "/self-care/plan/edit/",
        {
            "people-count": "2",
            "people-0-name": "Robin",
            "people-0-relationship": "sponsor",
            "people-0-contact": "555-0101",
            "people-0-when": "evenings",
            "crisis_lines-count": "0",
        },
    )
    line = CrisisLine.objects.get(name="Warmline")
    client.post(f"/self-care/plan/crisis-lines/{line.pk}/add/")
    assert client.post(f"/self-care/plan/crisis-lines/{other.pk}/add/").status_code == 404
    data = _plan(cast).versions.first().data
    assert data["people"] == [
        {"name": "Robin", "relationship": "sponsor", "contact": "555-0101", "when": "evenings"}
    ]
    assert data["crisis_lines"] == [{"name": "Warmline", "number": "555-0199", "hours": "24/7"}]


def test_it_refuses_oversized_text_and_saves_nothing(cast: Cast, login, client) -> None:
    login(cast.alice)
    response = _save(client, goals="x" * 4001)
    assert response.status_code == 400
    assert "Keep this under 4000 characters" in response.content.decode()
    assert not PlanVersion.objects.exists()


def test_it_stores_the_plan_encrypted(cast: Cast, login, client) -> None:
    from django.db import connection

    login(cast.alice)
    _save(client, warning_signs="Tight shoulders all day")
    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM selfcare_planversion")
        (raw,) = cursor.fetchone()
    assert "shoulders" not in raw and raw.startswith("gAAAA")


@pytest.mark.parametrize("person", ["bob", "sid", "mia", "hana", "adam", "charlie", "carol"])
def test_it_hides_an_unshared_plan_from_everyone_else(
    cast: Cast, login, client, person: str
) -> None:
    login(cast.alice, Client())
    alice = Client()
    login(cast.alice, alice)
    _save(alice, warning_signs="private words")
    login(cast.by_name(person))
    assert client.get(f"/self-care/shared/{_plan(cast).pk}/").status_code == 404
    assert client.get(f"/api/v1/self-care/shared-plans/{_plan(cast).pk}/").status_code == 404
    assert "private words" not in client.get("/self-care/plan/").content.decode()


def test_it_shares_read_only_logs_each_view_and_revokes(cast: Cast, login) -> None:
    alice = login(cast.alice, Client())
    _save(alice, warning_signs="I stop answering friends", avoid_contacts="My cousin")
    alice.post("/self-care/plan/share/", {"viewer": cast.bob.pk})
    page = alice.get("/self-care/plan/").content.decode()
    assert "Right now this plan can be seen by you and:" in page and "Bob" in page

    bob = login(cast.bob, Client())
    shared = bob.get(f"/self-care/shared/{_plan(cast).pk}/").content.decode()
    assert "I stop answering friends" in shared
    assert "My cousin" not in shared and "rather not contact" not in shared
    assert (
        AuditEvent.objects.filter(
            subject=cast.alice, actor=cast.bob.user, target_type="selfcare.plan"
        ).count()
        == 1
    )
    assert "Your self-care plan" in alice.get("/privacy/").content.decode()
    # Read only: bob has no way to write alice's plan.
    bob.post(
        "/self-care/plan/edit/",
        {"warning_signs": "changed", "people-count": "0", "crisis_lines-count": "0"},
    )
    assert _plan(cast).versions.count() == 1

    share = PlanShare.objects.get()
    alice.post(f"/self-care/plan/share/{share.pk}/stop/")
    assert bob.get(f"/self-care/shared/{_plan(cast).pk}/").status_code == 404
    assert "Right now only you can see this plan" in alice.get("/self-care/plan/").content.decode()


@pytest.mark.parametrize("viewer", ["carol", "alice", "nobody"])
def test_it_refuses_sharing_outside_the_organization_or_with_oneself(
    cast: Cast, login, client, viewer: str
) -> None:
    login(cast.alice)
    _save(client, goals="g")
    pk = "999999" if viewer == "nobody" else cast.by_name(viewer).pk
    response = client.post("/self-care/plan/share/", {"viewer": pk}, follow=True)
    assert "Choose a colleague from your organization." in response.content.decode()
    assert not PlanShare.objects.exists()


def test_a_plan_in_any_alphabet_prints_as_written(cast: Cast, login) -> None:
    alice = login(cast.alice, Client())
    _save(alice, crisis_steps="Выйти на воздух и дышать", goals="Đi bộ hai lần")
    response = alice.get("/self-care/plan/my-self-care-plan.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Выйти на воздух и дышать" in text and "Đi bộ hai lần" in text


def test_it_makes_pdfs_with_the_crisis_plan_first_and_nobody_elses_content(
    cast: Cast, login
) -> None:
    bob = login(cast.bob, Client())
    _save(bob, crisis_steps="BOB-ONLY-STEP")
    alice = login(cast.alice, Client())
    assert (
        alice.get("/self-care/plan/my-self-care-plan.pdf").status_code == 404
    )  # nothing saved yet
    alice.post(
        "/self-care/plan/edit/",
        {
            "crisis_steps": "Step outside and breathe",
            "warning_signs": "Short temper",
            "goals": "Walk twice",
            "people-count": "1",
            "people-0-name": "Robin",
            "people-0-contact": "555-0101",
            "crisis_lines-count": "1",
            "crisis_lines-0-name": "Warmline",
            "crisis_lines-0-number": "555-0199",
        },
    )
    response = alice.get("/self-care/plan/my-self-care-plan.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store, private"
    reader = PdfReader(io.BytesIO(response.content))
    first = reader.pages[0].extract_text()
    assert "My crisis plan" in first and "Step outside and breathe" in first
    assert "Warmline" in first and "Robin" in first
    rest = "".join(page.extract_text() for page in reader.pages[1:])
    assert "Short temper" in rest and "Walk twice" in rest
    everything = first + rest
    assert "BOB-ONLY-STEP" not in everything

    card = PdfReader(io.BytesIO(alice.get("/self-care/plan/my-emergency-card.pdf").content))
    text = "".join(page.extract_text() for page in card.pages)
    assert "Short temper" in text and "Warmline" in text and "Walk twice" not in text
    assert float(card.pages[0].mediabox.width) < 300  # A6: pocket-sized

    assert (
        login(cast.hana, Client()).get("/self-care/plan/my-self-care-plan.pdf").status_code == 404
    )


def test_the_plan_and_card_print_in_the_owners_language_and_on_their_day(
    cast: Cast, login, time_machine
) -> None:
    # 02:30 UTC on 5 January is still 4 January in Chicago, where alice lives.
    time_machine.move_to("2027-01-05T02:30:00Z", tick=False)
    cast.alice.language, cast.alice.timezone = "es", "America/Chicago"
    cast.alice.save()
    alice = login(cast.alice, Client())
    _save(alice, crisis_steps="Salir a respirar", warning_signs="Poca paciencia")
    plan = PdfReader(io.BytesIO(alice.get("/self-care/plan/my-self-care-plan.pdf").content))
    first = plan.pages[0].extract_text()
    assert "Mi plan de autocuidado — Alice" in first
    assert "Guardado el 4 de enero de 2027. Solo para mí." in first
    assert plan.metadata.title == "Mi plan de autocuidado"
    card = PdfReader(io.BytesIO(alice.get("/self-care/plan/my-emergency-card.pdf").content))
    text = " ".join(card.pages[0].extract_text().split())  # the title wraps on A6
    assert "Cuando las cosas se ponen difíciles" in text and "Poca paciencia" in text
    assert "When things get hard" not in text


def test_it_deletes_the_plan_for_real(cast: Cast, login, client) -> None:
    login(cast.alice)
    _save(client, goals="one")
    _save(client, goals="two")
    client.post("/self-care/plan/share/", {"viewer": cast.bob.pk})
    client.post("/self-care/my-data/", {"delete": "plan"})
    assert not SelfCarePlan.objects.exists()
    assert not PlanVersion.objects.exists() and not PlanShare.objects.exists()
    assert mail.outbox == []


def test_it_lets_org_admins_word_prompts_and_list_crisis_lines(cast: Cast, login) -> None:
    admin = login(cast.adam, Client())
    admin.post(
        "/organization/self-care/",
        {"action": "prompts", "goals": "What would feel good this week?"},
    )
    admin.post(
        "/organization/self-care/", {"action": "add-line", "name": "Warmline", "number": "555-0199"}
    )
    bad = admin.post("/organization/self-care/", {"action": "add-line", "name": "", "number": ""})
    assert bad.status_code == 400
    assert CrisisLine.objects.filter(organization=cast.harbor).count() == 1

    alice = login(cast.alice, Client())
    edit = alice.get("/self-care/plan/edit/").content.decode()
    assert "What would feel good this week?" in edit
    assert "Add Warmline to my plan" in alice.get("/self-care/plan/").content.decode()
    # Another organization's people see their own defaults and lines.
    carol = login(cast.carol, Client())
    assert (
        "What would feel good this week?" not in carol.get("/self-care/plan/edit/").content.decode()
    )
    assert "Warmline" not in carol.get("/self-care/plan/").content.decode()

    for person in ("alice", "hana", "mia", "charlie"):
        client = login(cast.by_name(person), Client())
        assert client.get("/organization/self-care/").status_code in (
            404,
            200 if person == "charlie" else 404,
        )
    line = CrisisLine.objects.get()
    login(cast.charlie, Client()).post(
        "/organization/self-care/", {"action": "remove-line", "line": line.pk}
    )
    assert CrisisLine.objects.filter(pk=line.pk).exists()  # another organization's line: untouched


def test_it_sends_a_gentle_review_reminder_in_app_only(cast: Cast, login, client) -> None:
    from datetime import UTC, datetime, timedelta

    import time_machine

    from notifications.models import Channel, Delivery, Notification
    from notifications.services import dispatch_run

    # A Wednesday afternoon in Harbor's zone; the 31 days below cross four Mondays, when other
    # kinds (the managers' supervision digest) send emails of their own to other people.
    start = datetime(2027, 3, 10, 15, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as traveller:
        login(cast.alice)
        _save(client, goals="Walk")
        client.post("/self-care/plan/review-reminder/", {"every": "30"})
        traveller.shift(timedelta(days=29))
        dispatch_run()
        assert not Notification.objects.exists()
        traveller.shift(timedelta(days=2))
        dispatch_run()
        dispatch_run()
    (note,) = Notification.objects.filter(recipient=cast.alice.user)
    assert note.link == "/self-care/plan/" and "whenever you'd like" in note.title
    assert not Delivery.objects.filter(kind="plan-review").exclude(channel=Channel.IN_APP)
    assert [m.subject for m in mail.outbox if cast.alice.user.email in m.to] == []
    assert _plan(cast).next_review_at > start + timedelta(days=60)
    client.post("/self-care/plan/review-reminder/", {"every": "7"}, follow=True)
    assert _plan(cast).review_every_days == 30


def test_the_plan_service_refuses_text_no_database_can_store(cast: Cast) -> None:
    """The API's parser refuses it first; the service refuses it for any other caller too."""
    from django.core.exceptions import ValidationError

    from selfcare.plans import plan_save

    for bad in ("before\x00after", "\ud800x"):
        with pytest.raises(ValidationError) as refusal:
            plan_save(actor=cast.alice.user, content={"crisis_steps": bad})
        assert "crisis_steps" in refusal.value.message_dict
    assert not PlanVersion.objects.exists()
