"""The in-app notification list."""

from __future__ import annotations

from notifications.models import Notification
from tests.conftest import Cast


def _note(cast: Cast, who, title: str) -> Notification:
    return Notification.objects.create(
        organization=who.organization,
        recipient=who.user,
        kind="checkin",
        title=title,
        link="/self-care/check-in/",
    )


def test_it_lists_opens_and_marks_my_notifications(cast: Cast, login, client) -> None:
    first, second = _note(cast, cast.alice, "First"), _note(cast, cast.alice, "Second")
    theirs = _note(cast, cast.carol, "Carol's")
    login(cast.alice)
    page = client.get("/notifications/").content.decode()
    assert "First" in page and "Second" in page and "Carol" not in page
    assert 'data-testid="unread-count">2' in page

    opened = client.post(f"/notifications/{first.pk}/open/")
    assert opened["Location"] == "/self-care/check-in/"
    first.refresh_from_db()
    assert first.read_at is not None

    assert client.post(f"/notifications/{theirs.pk}/open/").status_code == 404
    client.post("/notifications/read-all/")
    second.refresh_from_db()
    theirs.refresh_from_db()
    assert second.read_at is not None and theirs.read_at is None
    assert "unread-count" not in client.get("/notifications/").content.decode()


def test_it_never_follows_a_link_off_site(cast: Cast, login, client) -> None:
    note = _note(cast, cast.alice, "Odd")
    Notification.objects.filter(pk=note.pk).update(link="https://elsewhere.example/")
    login(cast.alice)
    assert client.post(f"/notifications/{note.pk}/open/")["Location"] == "/notifications/"
