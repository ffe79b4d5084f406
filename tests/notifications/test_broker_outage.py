"""A broker that can't be reached delays emails and never turns into an error page.

The web side here points at a port nothing listens on (as when Redis is down); then the broker
comes back (eager, as in the rest of the unit tests) and the dispatch sweep sends each waiting
email once. tests/integration/test_broker_outage.py does the same with a real worker.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

from django.core import mail
from django.test import Client

from notifications.models import Delivery, DeliveryStatus
from notifications.services import dispatch_run
from tests.conftest import Cast
from workforce.models import StaffProfile

ROOT = Path(__file__).resolve().parents[2]
NEW = {
    "email": "nia@harbor.example",
    "chosen_name": "Nia",
    "roles": ["specialist"],
    "timezone": "America/Chicago",
    "language": "en",
    "send_invitation": "on",
}


def _broker_back() -> None:
    """The broker answers again (here: tasks run in this process, as in other unit tests)."""
    from config.celery_app import app

    app.conf.task_always_eager = True


def test_an_invitation_waits_in_the_ledger_and_is_sent_once_when_the_broker_is_back(
    cast: Cast, login, client, broker_down, django_capture_on_commit_callbacks
) -> None:
    login(cast.adam)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/people/new/", NEW)
    person = StaffProfile.objects.get(user__email="nia@harbor.example")
    assert response.status_code == 302 and response["Location"] == f"/people/{person.pk}/"
    assert mail.outbox == []
    (waiting,) = Delivery.objects.filter(kind="account-email")
    assert waiting.status == DeliveryStatus.QUEUED
    again = client.post("/people/new/", NEW)  # a retry says the address is taken, as it should
    assert again.status_code == 200 and "already has a PeerWell account" in again.content.decode()

    _broker_back()
    dispatch_run()
    dispatch_run()
    (invitation,) = mail.outbox
    assert invitation.to == ["nia@harbor.example"]
    assert Delivery.objects.get(pk=waiting.pk).status == DeliveryStatus.SENT


def test_the_api_answers_201_with_the_broker_down(
    cast: Cast, login, broker_down, django_capture_on_commit_callbacks
) -> None:
    api = login(cast.adam, Client())
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            "/api/v1/people/",
            {"email": "ola@harbor.example", "chosen_name": "Ola", "roles": ["specialist"]},
            content_type="application/json",
        )
    assert response.status_code == 201, response.content
    _broker_back()
    dispatch_run()
    assert [m.to for m in mail.outbox] == [["ola@harbor.example"]]


def test_a_password_reset_waits_too(
    cast: Cast, client, broker_down, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": "alice@harbor.example"})
    assert response.status_code == 302 and mail.outbox == []
    _broker_back()
    dispatch_run()
    dispatch_run()
    (message,) = mail.outbox
    assert message.subject == "Reset your PeerWell password"


def test_a_support_request_waits_too(
    cast: Cast, login, client, broker_down, django_capture_on_commit_callbacks
) -> None:
    login(cast.alice)
    client.post("/self-care/support/", {"contact": cast.bob.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/self-care/check-in/",
            {"energy": "1", "calm": "2", "sleep": "1", "connection": "3", "boundaries": "2"}
            | {"support_requested": "on"},
        )
    assert response.status_code in (200, 302)
    (signal,) = Delivery.objects.filter(recipient=cast.bob.user)
    assert signal.status == DeliveryStatus.QUEUED
    _broker_back()
    dispatch_run()
    assert Delivery.objects.get(pk=signal.pk).status == DeliveryStatus.SENT


def test_healthz_tells_the_database_and_the_broker_apart(client, db, broker_down) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "broker": "unreachable"}
    assert client.get("/healthz/ready").status_code == 200


def test_healthz_says_ok_when_both_answer(client, db) -> None:
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_readiness_is_503_while_the_database_is_down(client, db, monkeypatch) -> None:
    from django.db import DatabaseError

    from workforce.views import pages

    class DatabaseDown:  # what the health views see; the test's own connection stays up
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr(pages, "connection", DatabaseDown())
    response = client.get("/healthz/ready")
    assert response.status_code == 503 and response.json() == {"database": "unreachable"}
    assert client.get("/healthz").json()["database"] == "unreachable"


def test_the_embedded_broker_folders_exist_before_any_worker_ran(tmp_path) -> None:
    """A web process started on its own (no worker has ever run) can queue work at once:
    Django's start-up makes the embedded broker's folders."""
    import subprocess
    import sys

    env = {
        **os.environ,
        "PEERWELL_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "CELERY_BROKER_URL": "filesystem://",
    }
    subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=60,
    )
    assert (tmp_path / "broker").is_dir() and (tmp_path / "broker-control").is_dir()


def _enqueue_sites() -> list[str]:
    """Every call of .delay() or .apply_async() in the project's own code."""
    sites = []
    for folder in ("api", "config", "notifications", "selfcare", "supervision", "workforce"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(), filename=str(path))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in {"delay", "apply_async"}
                ):
                    sites.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return sites


def test_nothing_hands_work_to_the_broker_but_the_guarded_publish() -> None:
    """Requests enqueue through notifications.services.publish_on_commit (which catches broker
    errors) and beat/workers through publish; nothing else calls .delay() or .apply_async()."""
    sites = _enqueue_sites()
    assert {site.split(":")[0] for site in sites} == {"notifications/services.py"}, sites
