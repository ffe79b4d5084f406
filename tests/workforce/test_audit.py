"""Reads and changes of someone's sensitive information by anyone else are logged for them."""

from __future__ import annotations

from django.test import Client

from tests.conftest import Cast
from workforce.models import AuditEvent


def test_it_logs_hr_reading_an_emergency_contact_and_shows_the_owner(cast: Cast, login) -> None:
    hr = login(cast.hana, Client())
    hr.get(f"/people/{cast.alice.pk}/")
    hr.get(f"/api/v1/people/{cast.alice.pk}/")
    events = AuditEvent.objects.filter(subject=cast.alice)
    assert [(e.actor_id, e.action, e.target_type) for e in events] == [
        (cast.hana.user_id, "viewed", "profile.emergency_contact")
    ] * 2

    owner_page = login(cast.alice, Client()).get("/privacy/").content.decode()
    assert "Hana" in owner_page and "Your emergency contact" in owner_page


def test_it_does_not_log_the_owner_or_show_others_the_log(cast: Cast, login) -> None:
    alice = login(cast.alice, Client())
    alice.get("/me/")
    alice.post(
        "/me/edit/",
        {
            "chosen_name": "Alice",
            "pronouns": "",
            "phone": "",
            "emergency_contact": "Someone new",
            "timezone": "UTC",
            "language": "en",
        },
    )
    assert not AuditEvent.objects.exists()

    login(cast.adam, Client()).get(f"/people/{cast.alice.pk}/")
    assert AuditEvent.objects.count() == 1
    hr_privacy = login(cast.hana, Client()).get("/privacy/").content.decode()
    assert "Nobody else has opened your private information" in hr_privacy


def test_it_logs_an_admin_changing_an_emergency_contact(cast: Cast, login) -> None:
    admin = login(cast.adam, Client())
    admin.patch(
        f"/api/v1/people/{cast.alice.pk}/",
        {"emergency_contact": "New contact"},
        content_type="application/json",
    )
    actions = list(AuditEvent.objects.filter(subject=cast.alice).values_list("action", flat=True))
    assert sorted(actions) == ["changed", "viewed"]


def test_it_does_not_log_readers_who_cannot_see_the_field(cast: Cast, login) -> None:
    login(cast.mia, Client()).get(f"/people/{cast.alice.pk}/")
    login(cast.bob, Client()).get(f"/api/v1/people/{cast.alice.pk}/")
    assert not AuditEvent.objects.exists()
