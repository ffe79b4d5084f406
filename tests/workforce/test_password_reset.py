"""Invitations and password resets: a link by email, nothing else in it."""

from __future__ import annotations

import re

from django.core import mail

from tests.conftest import Cast

LINK = re.compile(r"http://testserver(/accounts/password/set/[^/\s]+/[^/\s]+/)")


def _link_from(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def _set_password(client, link: str, password: str):
    page = client.get(link, follow=True)
    assert page.status_code == 200
    set_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    return client.post(set_url, {"new_password1": password, "new_password2": password})


def test_it_emails_a_reset_link_that_sets_a_new_password(
    cast: Cast, client, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": "Alice@harbor.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@harbor.example"]
    assert message.subject == "Reset your PeerWell password"
    assert "Harbor" not in message.body  # no organization details in the inbox

    response = _set_password(client, _link_from(message), "a river runs past the old mill")
    assert response.status_code == 302
    cast.alice.user.refresh_from_db()
    assert cast.alice.user.check_password("a river runs past the old mill")

    # The link works once.
    again = client.get(_link_from(message), follow=True)
    assert "already been used or has expired" in again.content.decode()


def test_it_says_the_same_for_unknown_addresses(
    cast: Cast, client, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": "nobody@nowhere.example"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_it_sends_nothing_to_someone_switched_off(
    cast: Cast, client, django_capture_on_commit_callbacks
) -> None:
    cast.alice.user.is_active = False
    cast.alice.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": "alice@harbor.example"})
    assert mail.outbox == []
