"""Account emails really travel through the broker to a separate worker process."""

from __future__ import annotations

import re

from django.test import Client

from tests.conftest import Cast
from tests.integration.conftest import Worker


def test_it_delivers_an_invitation_through_a_real_worker(cast: Cast, login, worker: Worker) -> None:
    admin = login(cast.adam, Client())
    response = admin.post(
        "/api/v1/people/",
        {"email": "ren@harbor.example", "chosen_name": "Ren", "roles": ["specialist"]},
        content_type="application/json",
    )
    assert response.status_code == 201
    (email,) = worker.wait_for_emails(1)
    assert "To: ren@harbor.example" in email
    assert "Subject: You're invited to PeerWell" in email
    assert re.search(r"http://testserver/accounts/password/set/\S+/\S+/", email)
    assert "Harbor" not in email


def test_it_sends_one_email_per_request_under_a_burst(cast: Cast, worker: Worker) -> None:
    client = Client()
    for _ in range(5):
        client.post("/accounts/password/reset/", {"email": "alice@harbor.example"})
    emails = worker.wait_for_emails(5)
    assert all("To: alice@harbor.example" in e for e in emails)
