"""Certification pages: the holder's own page, HR's roster, types and presets, adding,
verifying, renewing and revoking, evidence files and the CE review queue."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from reportlab.pdfgen.canvas import Canvas

from tests.conftest import Cast
from workforce.certifications import services
from workforce.models import CEEntry, Certification, CertificationEvidence, CertificationType

TODAY = date(2026, 11, 26)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel("2026-11-26 15:00Z", tick=False):
        yield


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def pr(cast: Cast) -> CertificationType:
    services.certification_presets_install(actor=cast.hana.user, keys=["icrc-peer-recovery"])
    return CertificationType.objects.get(organization=cast.harbor)


def _pdf() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Credential")
    canvas.showPage()
    canvas.save()
    return SimpleUploadedFile("credential.pdf", buffer.getvalue(), content_type="application/pdf")


def test_hr_adds_a_type_and_a_verified_certification_with_evidence(cast: Cast, login) -> None:
    hana = login(cast.hana)
    response = hana.post(
        "/certifications/types/new/",
        {
            "name": "Harm reduction specialist",
            "issuing_body": "State board",
            "validity_months": "24",
            "ce_hours_required": "12",
            "supervised_hours_required": "0",
            "milestones_text": "60, 30, 0",
            "minimum_ethics": "3",
            "required_for": ["specialist"],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    kind = CertificationType.objects.get(name="Harm reduction specialist")
    assert kind.milestones == [60, 30, 0]
    assert [(m.category, m.hours) for m in kind.category_minimums.all()] == [("ethics", 3)]
    response = hana.post(
        "/certifications/add/",
        {
            "person": cast.alice.pk,
            "type": kind.pk,
            "credential_number": "HR-1234",
            "issued_on": "2026-01-31",
            "evidence": _pdf(),
        },
    )
    assert response.status_code == 302
    held = Certification.objects.get(person=cast.alice)
    assert (held.expires_on, held.verified_by) == (date(2028, 1, 31), cast.hana)
    assert held.evidence.count() == 1
    page = hana.get(f"/certifications/people/{cast.alice.pk}/").content.decode()
    assert "HR-1234" in page and "Active" in page


def test_a_specialist_adds_their_own_and_sees_readiness_in_plain_words(
    cast: Cast, login, pr
) -> None:
    alice = login(cast.alice)
    assert "Your role asks for" in alice.get("/certifications/").content.decode()
    alice.post("/certifications/add/", {"type": pr.pk, "issued_on": "2025-06-01"})
    held = Certification.objects.get(person=cast.alice)
    assert held.verified_at is None  # HR checks it
    alice.post(
        "/certifications/ce/add/",
        {
            "title": "Ethics in peer work",
            "provider": "State board",
            "earned_on": "2025-09-01",
            "hours": "3",
            "category": "ethics",
        },
    )
    entry = CEEntry.objects.get(person=cast.alice)
    assert entry.status == "pending"
    services.ce_entry_review(actor=cast.hana.user, entry=entry, approve=True)
    page = " ".join(alice.get("/certifications/").content.decode().split())
    assert "Waiting for HR to verify" in page
    assert "3 of 20" in page and "17 to go" in page
    assert "Of which Ethics: 3 of 6" in page
    assert "At this pace" in page
    assert "Your role asks for" not in page


def test_hr_verifies_renews_and_revokes(cast: Cast, login, pr) -> None:
    held = services.certification_add(
        actor=cast.alice.user, person=cast.alice, type=pr, issued_on=date(2025, 1, 10)
    )
    hana = login(cast.hana)
    hana.post(f"/certifications/{held.pk}/action/", {"action": "verify"})
    held.refresh_from_db()
    assert held.verified_by == cast.hana
    response = hana.post(f"/certifications/{held.pk}/renew/", {"issued_on": "2026-11-01"})
    assert response.status_code == 302
    new = Certification.objects.get(previous=held)
    assert new.expires_on == date(2028, 11, 1)
    page = hana.get(f"/certifications/people/{cast.alice.pk}/").content.decode()
    assert "Earlier cycles" in page
    hana.post(f"/certifications/{new.pk}/action/", {"action": "revoke", "reason": ""})
    new.refresh_from_db()
    assert new.revoked_at is None  # a reason is needed
    hana.post(f"/certifications/{new.pk}/action/", {"action": "revoke", "reason": "Board notice"})
    new.refresh_from_db()
    assert new.revoked_reason == "Board notice"


def test_the_roster_filters_and_exports(cast: Cast, login, pr) -> None:
    for person, issued in ((cast.alice, date(2025, 6, 1)), (cast.sid, date(2024, 12, 20))):
        services.certification_add(actor=cast.hana.user, person=person, type=pr, issued_on=issued)
    hana = login(cast.hana)
    rows = hana.get("/certifications/roster/", {"expiring_within": "60"}).context["page"]
    assert [r.person.chosen_name for r in rows] == ["Sid"]  # expires 20 Dec 2026
    assert rows[0].state == "expiring" and rows[0].days_left == 24
    rows = hana.get("/certifications/roster/", {"sort": "name"}).context["page"]
    assert [r.person.chosen_name for r in rows] == ["Alice", "Sid"]
    assert hana.get("/certifications/missing/").context["missing"] == []


def test_the_roster_shows_what_changed_since_it_was_last_read(cast: Cast, login, pr) -> None:
    """Its pages are kept between requests (core.versions) until certifications or staff
    change: CE hours added, a revocation, someone switched off all show at once."""
    from workforce.services import person_deactivate

    for person in (cast.alice, cast.sid):
        services.certification_add(
            actor=cast.hana.user, person=person, type=pr, issued_on=date(2025, 6, 1)
        )
    hana = login(cast.hana)

    def roster() -> list[tuple[str, str, object]]:
        rows = hana.get("/certifications/roster/", {"sort": "name"}).context["page"]
        return [(r.person.chosen_name, r.state, r.ce_earned) for r in rows]

    assert roster() == [("Alice", "active", 0), ("Sid", "active", 0)]
    services.ce_entry_add(
        actor=cast.hana.user,
        person=cast.alice,
        title="Peer ethics",
        provider="State board",
        earned_on=date(2026, 11, 2),
        hours="6",
        category="ethics",
        evidence=None,
    )
    sid = Certification.objects.get(person=cast.sid)
    services.certification_revoke(actor=cast.hana.user, certification=sid, reason="Board notice")
    assert roster() == [("Alice", "active", 6), ("Sid", "revoked", 0)]
    person_deactivate(actor=cast.adam.user, person=cast.sid)
    assert roster() == [("Alice", "active", 6)]
    page = hana.get("/certifications/roster/", {"sort": "name"}).content.decode()
    assert ">Alice</a>" in page and ">Sid</a>" not in page  # the kept table too
    with CaptureQueriesContext(connection) as kept:
        hana.get("/certifications/roster/", {"sort": "name"})
    assert len(kept) == 4  # the session, who is asking, the credential filter, unread notes


def test_the_missing_list_says_where_each_stands(cast: Cast, login, pr) -> None:
    services.certification_add(
        actor=cast.alice.user, person=cast.alice, type=pr, issued_on=date(2026, 10, 1)
    )
    page = login(cast.hana).get("/certifications/missing/").content.decode()
    cells = re.findall(r'data-testid="missing-state">([^<]*)<', page)
    assert cells == ["Added on 26 Nov 2026, waiting for HR to verify", "Not recorded"]


@pytest.mark.parametrize(
    "viewer, page, file",
    [
        ("alice", 200, 200),
        ("hana", 200, 200),
        ("adam", 200, 200),
        ("bob", 200, 404),  # her supervisor reads the certification, not the file
        ("mia", 200, 404),
        ("sid", 404, 404),
        ("charlie", 404, 404),
    ],
)
def test_who_sees_a_certification_and_its_file(cast: Cast, login, pr, viewer, page, file) -> None:
    held = services.certification_add(
        actor=cast.hana.user,
        person=cast.alice,
        type=pr,
        issued_on=date(2025, 1, 10),
        evidence=_pdf(),
    )
    evidence = CertificationEvidence.objects.get(certification=held)
    client = login(cast.by_name(viewer), Client())
    assert client.get(f"/certifications/people/{cast.alice.pk}/").status_code in (page, 302)
    assert client.get(f"/certifications/files/{evidence.pk}/").status_code == file


@pytest.mark.parametrize("person", ["alice", "bob", "mia", "charlie"])
def test_only_hr_and_admins_manage(cast: Cast, login, pr, person) -> None:
    held = services.certification_add(
        actor=cast.hana.user, person=cast.sid, type=pr, issued_on=date(2025, 1, 10)
    )
    client = login(cast.by_name(person))
    own_org_pages = (
        "/certifications/types/",
        "/certifications/types/new/",
        "/certifications/ce/pending/",
    )
    for url in (
        *(own_org_pages if person != "charlie" else ()),  # charlie is HR-like in his own org
        f"/certifications/types/{pr.pk}/",
        f"/certifications/{held.pk}/renew/",
        f"/certifications/add/?person={cast.sid.pk}",
    ):
        assert client.get(url).status_code == 404, url
    client.post(f"/certifications/{held.pk}/action/", {"action": "revoke", "reason": "x"})
    held.refresh_from_db()
    assert held.revoked_at is None


def test_a_bad_file_changes_nothing(cast: Cast, login, pr) -> None:
    renamed = SimpleUploadedFile("credential.pdf", b"MZ\x90\x00" + b"\x00" * 300)
    response = login(cast.alice).post(
        "/certifications/add/", {"type": pr.pk, "issued_on": "2025-06-01", "evidence": renamed}
    )
    assert response.status_code == 200 and "evidence" in response.context["form"].errors
    assert not Certification.objects.exists()


def test_hr_reviews_outside_ce_hours(cast: Cast, login) -> None:
    entry = services.ce_entry_add(
        actor=cast.alice.user,
        person=cast.alice,
        title="Trauma basics",
        provider="County",
        earned_on=date(2026, 10, 1),
        hours="2",
        category="trauma",
    )
    hana = login(cast.hana)
    assert list(hana.get("/certifications/ce/pending/").context["page"]) == [entry]
    hana.post(f"/certifications/ce/{entry.pk}/review/", {"action": "decline", "reason": ""})
    entry.refresh_from_db()
    assert entry.status == "pending"  # a reason is needed
    hana.post(
        f"/certifications/ce/{entry.pk}/review/", {"action": "decline", "reason": "No certificate"}
    )
    entry.refresh_from_db()
    assert (entry.status, entry.decline_reason) == ("declined", "No certificate")
    assert "No certificate" in login(cast.alice, Client()).get("/certifications/").content.decode()


def test_the_email_switch_on_the_certifications_page_comes_back_here(cast: Cast, login) -> None:
    client = login(cast.alice)
    response = client.post("/training/emails/", {"next": "/certifications/"})
    assert response["Location"] == "/certifications/"
    cast.alice.refresh_from_db()
    assert not cast.alice.work_emails
    away = client.post("/training/emails/", {"next": "https://example.com/"})
    assert away["Location"] == "/training/"


def test_hr_is_told_on_the_home_page_that_ce_hours_wait(cast: Cast, login) -> None:
    services.ce_entry_add(
        actor=cast.alice.user,
        person=cast.alice,
        title="Trauma basics",
        provider="County",
        earned_on=date(2026, 10, 1),
        hours="2",
        category="trauma",
    )
    page = login(cast.hana).get("/dashboard/").content.decode()
    assert "1 CE entry waiting for you to look at it" in page
    response = login(cast.hana, Client()).post(
        f"/certifications/ce/{CEEntry.objects.get().pk}/review/",
        {"action": "approve", "next": "https://evil.example/"},
    )
    assert response["Location"] == "/certifications/ce/pending/"


def test_the_person_page_offers_only_what_the_reader_may_do(cast: Cast, login, client) -> None:
    """A program manager reads alice's certifications but records nothing for her: the page
    offers no link that would answer 404, and the forms refuse her by the same rule."""
    login(cast.mia)
    page = client.get(f"/certifications/people/{cast.alice.pk}/").content.decode()
    assert "?person=" not in page
    assert client.get(f"/certifications/add/?person={cast.alice.pk}").status_code == 404
    assert client.get(f"/certifications/ce/add/?person={cast.alice.pk}").status_code == 404
    client.logout()
    login(cast.hana)
    page = client.get(f"/certifications/people/{cast.alice.pk}/").content.decode()
    assert f"/certifications/add/?person={cast.alice.pk}" in page
    assert client.get(f"/certifications/add/?person={cast.alice.pk}").status_code == 200
