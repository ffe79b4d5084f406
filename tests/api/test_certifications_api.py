"""The certifications API: types and presets, certifications held (with renewals, HR's checks,
readiness and evidence), the CE ledger, the roster and the missing list. The same rules as the
pages: another organization's things are 404, writes someone may not make are 404, evidence
files open only for their holder, HR and org admins, bad input is a 400 with field errors and
leaves nothing behind, and lists cost the same queries however long they are."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from reportlab.pdfgen.canvas import Canvas
from rest_framework.authtoken.models import Token

from tests.api.errors import errors
from tests.conftest import Cast
from tests.factories import ProfileFactory
from workforce.certifications.services import (
    ce_entry_add,
    certification_add,
    certification_presets_install,
    certification_revoke,
    certification_type_save,
    evidence_add,
)
from workforce.models import (
    CEEntry,
    Certification,
    CertificationEvidence,
    CertificationType,
    CESource,
    CEStatus,
    Role,
    StaffProfile,
)

TODAY = date(2026, 11, 26)
API = "/api/v1/certifications"
EVERYONE = ["alice", "bob", "sid", "mia", "hana", "adam", "charlie", "carol"]


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel("2026-11-26 15:00Z", tick=False):
        yield


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def peer(cast: Cast) -> CertificationType:
    """IC&RC Peer Recovery: 24 months, 20 CE hours of which 6 in ethics, required for peer
    specialists, a 90-day renewal window."""
    certification_presets_install(actor=cast.hana.user, keys=["icrc-peer-recovery"])
    return CertificationType.objects.get(organization=cast.harbor, preset_key="icrc-peer-recovery")


@pytest.fixture
def cpr(cast: Cast) -> CertificationType:
    return certification_type_save(
        actor=cast.hana.user, data={"name": "CPR and first aid", "validity_months": 24}
    )


def _bearer(profile: StaffProfile) -> Client:
    token, _created = Token.objects.get_or_create(user=profile.user)
    return Client(headers={"Authorization": f"Bearer {token.key}"})


def _post(client: Client, path: str, body: object = None):
    return client.post(path, body if body is not None else {}, content_type="application/json")


def _pdf(text: str = "Peer Recovery credential") -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _pdf_with_javascript() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_open_action(JavaScript("app.alert('hello');"))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _upload(name: str = "credential.pdf", data: bytes | None = None, kind: str = "") -> object:
    return SimpleUploadedFile(name, _pdf() if data is None else data, kind or "application/pdf")


BAD_FILES = {
    "renamed executable": lambda: _upload("credential.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200),
    "pdf with javascript": lambda: _upload("credential.pdf", _pdf_with_javascript()),
    "wrong type": lambda: _upload("credential.txt", b"just some words", "text/plain"),
    "empty": lambda: _upload("credential.pdf", b""),
}


def _media_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _hold(cast: Cast, person: StaffProfile, type: CertificationType, issued_on: date, **extra):
    """A certification HR recorded (verified at once)."""
    return certification_add(
        actor=cast.hana.user, person=person, type=type, issued_on=issued_on, **extra
    )


def _with_file(cast: Cast, certification: Certification) -> CertificationEvidence:
    return evidence_add(
        actor=cast.hana.user, certification=certification, file=_upload(), description="Card"
    )


def _ce(cast: Cast, person: StaffProfile, earned_on: date, hours: str, **extra) -> CEEntry:
    fields = {"title": "Motivational interviewing", "provider": "County", "category": "general"}
    return ce_entry_add(
        actor=extra.pop("actor", cast.hana.user),
        person=person,
        earned_on=earned_on,
        hours=hours,
        **{**fields, **extra},
    )


# --- types -----------------------------------------------------------------------------------


def test_everyone_in_the_organization_reads_the_types(cast: Cast, peer, cpr) -> None:
    cpr.archived_at = cpr.created_at
    cpr.save()
    alice = _bearer(cast.alice)
    body = alice.get(f"{API}/types/").json()
    assert [t["name"] for t in body["results"]] == ["IC&RC Peer Recovery (PR)"]
    listed = body["results"][0]
    assert listed["required_for"] == ["specialist"]
    assert listed["minimums"] == {"ethics": "6.00"}
    assert listed["ce_hours_required"] == "20.00" and listed["validity_months"] == 24
    assert listed["milestones"] == [90, 60, 30, 7, 0]
    assert listed["preset_key"] == "icrc-peer-recovery"
    # Archived types: only HR and org admins may ask for them; a record still opens one.
    assert alice.get(f"{API}/types/?include_archived=true").json()["count"] == 1
    assert _bearer(cast.hana).get(f"{API}/types/?include_archived=true").json()["count"] == 2
    assert alice.get(f"{API}/types/{cpr.pk}/").json()["archived_at"] is not None
    # Another organization's types do not exist for Harbor, nor Harbor's for them.
    carol = _bearer(cast.carol)
    assert carol.get(f"{API}/types/").json()["count"] == 0
    assert carol.get(f"{API}/types/{peer.pk}/").status_code == 404


def _type_body(**extra: object) -> dict:
    return {
        "name": "Certified Peer Specialist (Texas)",
        "issuing_body": "Texas Certification Board",
        "validity_months": 24,
        "ce_hours_required": "20",
        "renewal_window_days": 90,
        "required_for": ["specialist"],
        "minimums": {"ethics": "6"},
        **extra,
    }


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("alice", 404),
        ("bob", 404),
        ("sid", 404),
        ("mia", 404),
        ("hana", 201),
        ("adam", 201),
        ("charlie", 201),
        ("carol", 404),
    ],
)
def test_only_hr_and_org_admins_add_types(cast: Cast, person: str, expected: int) -> None:
    client = _bearer(cast.by_name(person))
    response = _post(client, f"{API}/types/", _type_body(organization=cast.harbor.pk))
    assert response.status_code == expected, response.content
    if expected == 201:
        created = CertificationType.objects.get(pk=response.json()["id"])
        assert created.organization == cast.by_name(person).organization  # never from input
        assert response.json()["required_for"] == ["specialist"]
        assert response.json()["minimums"] == {"ethics": "6.00"}
    else:
        assert not CertificationType.objects.exists()


def test_hr_changes_archives_and_restores_a_type(cast: Cast, peer) -> None:
    held = _hold(cast, cast.alice, peer, date(2025, 11, 26))
    hana = _bearer(cast.hana)
    path = f"{API}/types/{peer.pk}/"
    changed = hana.patch(path, {"issuing_body": "Texas board"}, content_type="application/json")
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert body["issuing_body"] == "Texas board"
    # Left out of a change: roles and minimums stay as they were.
    assert body["required_for"] == ["specialist"] and body["minimums"] == {"ethics": "6.00"}
    # An earlier first reminder moves "expiring soon" for everyone who holds it.
    changed = hana.patch(path, {"milestones": [0, 400, 30]}, content_type="application/json")
    assert changed.json()["milestones"] == [400, 30, 0]
    alice = _bearer(cast.alice).get(f"{API}/held/{held.pk}/").json()
    assert alice["certification_status"] == "expiring"

    replaced = hana.put(
        path,
        _type_body(name="Peer Recovery", required_for=[], minimums={}),
        content_type="application/json",
    )
    assert replaced.status_code == 200
    assert replaced.json()["required_for"] == [] and replaced.json()["minimums"] == {}
    assert _post(hana, f"{path}archive/").json()["archived_at"] is not None
    assert _bearer(cast.alice).get(f"{API}/types/").json()["count"] == 0
    assert _post(hana, f"{path}restore/").json()["archived_at"] is None


@pytest.mark.parametrize("person", ["alice", "bob", "mia", "charlie", "carol"])
def test_others_cannot_change_archive_or_restore_a_type(cast: Cast, peer, person: str) -> None:
    client = _bearer(cast.by_name(person))
    path = f"{API}/types/{peer.pk}/"
    assert client.patch(path, {"name": "Mine"}, content_type="application/json").status_code == 404
    assert client.put(path, _type_body(), content_type="application/json").status_code == 404
    assert _post(client, f"{path}archive/").status_code == 404
    assert _post(client, f"{path}restore/").status_code == 404
    peer.refresh_from_db()
    assert peer.name == "IC&RC Peer Recovery (PR)" and peer.archived_at is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "name"),
        ({"validity_months": 0}, "validity_months"),
        ({"ce_hours_required": "-1"}, "ce_hours_required"),
        ({"milestones": [-1]}, "milestones.0"),  # the list's first item
        ({"milestones": [800]}, "milestones.0"),
        ({"required_for": ["boss"]}, "required_for"),
        ({"minimums": {"astrology": "1"}}, "minimums"),
        ({"minimums": {"ethics": "-2"}}, "minimums.ethics"),
        ({"minimums": {"ethics": "30"}}, "minimums"),  # more than the cycle's 20 hours
        ({"provisional_months": 6}, "provisional_months"),  # without its supervised hours
        ({"name": "CPR and first aid"}, "non_field_errors"),  # the name is taken
    ],
)
def test_bad_type_input_is_refused_with_field_errors(
    cast: Cast, peer, cpr, change: dict, field: str
) -> None:
    hana = _bearer(cast.hana)
    response = _post(hana, f"{API}/types/", _type_body(**change))
    assert response.status_code == 400
    assert field in errors(response), response.json()
    assert CertificationType.objects.count() == 2
    # The same refused as a change (with a new name: it must all go or nothing does).
    change = {"name": "Changed", **change}
    path = f"{API}/types/{peer.pk}/"
    response = hana.patch(path, change, content_type="application/json")
    assert response.status_code == 400 and field in errors(response), response.json()
    peer.refresh_from_db()
    assert peer.name == "IC&RC Peer Recovery (PR)" and peer.category_minimums.count() == 1


def test_hr_lists_and_installs_presets(cast: Cast) -> None:
    hana = _bearer(cast.hana)
    listed = hana.get(f"{API}/types/presets/")
    assert listed.status_code == 200
    presets = {p["key"]: p for p in listed.json()}
    assert set(presets) == {"icrc-peer-recovery", "state-cps", "cpr-first-aid", "mandated-reporter"}
    assert presets["icrc-peer-recovery"]["minimums"] == {"ethics": "6.00"}
    assert presets["mandated-reporter"]["validity_months"] is None
    assert not any(p["installed"] for p in presets.values())

    body = {"keys": ["icrc-peer-recovery", "cpr-first-aid"], "organization": cast.elsewhere.pk}
    installed = _post(hana, f"{API}/types/presets/", body)
    assert installed.status_code == 201 and installed.json() == {"added": 2}
    assert _post(hana, f"{API}/types/presets/", body).json() == {"added": 0}
    names = set(CertificationType.objects.values_list("organization__slug", "name"))
    assert names == {("harbor", "IC&RC Peer Recovery (PR)"), ("harbor", "CPR and first aid")}
    presets = {p["key"]: p["installed"] for p in hana.get(f"{API}/types/presets/").json()}
    assert presets == {
        "icrc-peer-recovery": True,
        "state-cps": False,
        "cpr-first-aid": True,
        "mandated-reporter": False,
    }
    for bad, field in (({"keys": ["astrology"]}, "keys.0"), ({"keys": []}, "keys"), ({}, "keys")):
        response = _post(hana, f"{API}/types/presets/", bad)
        assert response.status_code == 400 and field in errors(response)
    assert CertificationType.objects.count() == 2


@pytest.mark.parametrize("person", ["alice", "bob", "mia"])
def test_presets_are_for_hr_and_org_admins(cast: Cast, person: str) -> None:
    client = _bearer(cast.by_name(person))
    assert client.get(f"{API}/types/presets/").status_code == 404
    assert _post(client, f"{API}/types/presets/", {"keys": ["state-cps"]}).status_code == 404
    assert not CertificationType.objects.exists()


# --- certifications held ---------------------------------------------------------------------


def test_hr_records_a_certification_with_its_evidence(cast: Cast, peer, settings) -> None:
    hana = _bearer(cast.hana)
    response = hana.post(
        f"{API}/held/",
        {
            "person": cast.alice.pk,
            "type": peer.pk,
            "issued_on": "2025-11-26",
            "credential_number": " PR-1234 ",
            "evidence": _upload(),
            "organization": cast.elsewhere.pk,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["person"] == cast.alice.pk and body["person_name"] == "Alice"
    assert body["type_name"] == "IC&RC Peer Recovery (PR)"
    assert body["credential_number"] == "PR-1234"
    assert body["expires_on"] == "2027-11-26"  # from the type's 24 months
    assert body["certification_status"] == "active" and body["days_left"] == 365
    assert body["verified_by"] == cast.hana.pk and body["renewed_by"] is None
    certification = Certification.objects.get(pk=body["id"])
    assert certification.organization == cast.harbor  # never from input
    [evidence] = body["evidence"]
    assert evidence["description"] == "Credential"
    assert evidence["download"] == f"{API}/evidence/{evidence['id']}/"
    for person in ("alice", "hana", "adam"):
        download = _bearer(cast.by_name(person)).get(evidence["download"])
        assert download.status_code == 200
        assert b"".join(download.streaming_content).startswith(b"%PDF-")
        assert download["X-Content-Type-Options"] == "nosniff"
        assert download["Content-Disposition"].startswith("attachment;")
    asked = hana.get(evidence["download"], HTTP_ACCEPT="application/pdf")
    assert asked.status_code == 200
    assert len(_media_files(settings)) == 1


def test_a_holder_adds_their_own_certification_and_it_waits_for_hr(cast: Cast, cpr) -> None:
    alice = _bearer(cast.alice)
    response = alice.post(
        f"{API}/held/", {"type": cpr.pk, "issued_on": "2026-10-01", "evidence": _upload()}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["person"] == cast.alice.pk and body["certification_status"] == "pending"
    assert body["verified_at"] is None and body["added_by"] == cast.alice.pk
    download = alice.get(body["evidence"][0]["download"])
    assert download.status_code == 200
    # Naming herself is the same as leaving it out.
    again = alice.post(
        f"{API}/held/", {"person": cast.alice.pk, "type": cpr.pk, "issued_on": "2026-09-01"}
    )
    assert again.status_code == 201

    verified = _post(_bearer(cast.hana), f"{API}/held/{body['id']}/verify/")
    assert verified.status_code == 200
    assert verified.json()["certification_status"] == "active"
    assert verified.json()["verified_by"] == cast.hana.pk


@pytest.mark.parametrize(
    ("person", "holder", "expected"),
    [
        ("sid", "alice", 404),
        ("bob", "alice", 404),  # her supervisor reads, never writes
        ("mia", "alice", 404),
        ("carol", "alice", 404),
        ("charlie", "alice", 400),  # may write, but not for Harbor's people
        ("hana", "carol", 400),
    ],
)
def test_nobody_else_adds_a_certification_for_someone(
    cast: Cast, peer, person: str, holder: str, expected: int
) -> None:
    body = {"person": cast.by_name(holder).pk, "type": peer.pk, "issued_on": "2026-01-05"}
    response = _bearer(cast.by_name(person)).post(f"{API}/held/", body)  # multipart
    assert response.status_code == expected, response.content
    if expected == 400:
        assert "person" in errors(response)
    assert not Certification.objects.exists()


@pytest.mark.parametrize(
    ("viewer", "listed", "file"),
    [
        ("alice", True, 200),
        ("bob", True, 404),  # her supervisor reads the certification, not the file
        ("sid", False, 404),  # a peer colleague: it does not exist
        ("mia", True, 404),
        ("hana", True, 200),
        ("adam", True, 200),
        ("charlie", False, 404),
        ("carol", False, 404),
    ],
)
def test_certifications_and_their_files_by_role(
    cast: Cast, peer, viewer: str, listed: bool, file: int
) -> None:
    certification = _hold(cast, cast.alice, peer, date(2025, 11, 26))
    evidence = _with_file(cast, certification)
    client = _bearer(cast.by_name(viewer))
    ids = {c["id"] for c in client.get(f"{API}/held/").json()["results"]}
    assert (certification.pk in ids) is listed
    detail = client.get(f"{API}/held/{certification.pk}/")
    assert detail.status_code == (200 if listed else 404)
    if listed:
        # Only those who may open the files see them listed.
        assert [e["id"] for e in detail.json()["evidence"]] == (
            [evidence.pk] if file == 200 else []
        )
    download = client.get(f"{API}/evidence/{evidence.pk}/")
    assert download.status_code == file
    asked = client.get(f"{API}/evidence/{evidence.pk}/", HTTP_ACCEPT="application/pdf")
    assert asked.status_code == file
    if file == 404:
        assert asked["Content-Type"] == "application/json" and "detail" in errors(asked)


@pytest.mark.parametrize("person", ["alice", "bob", "sid", "mia", "charlie", "carol"])
def test_only_hr_and_org_admins_renew_verify_and_revoke(cast: Cast, peer, person: str) -> None:
    certification = certification_add(
        actor=cast.alice.user, person=cast.alice, type=peer, issued_on=date(2025, 11, 26)
    )
    client = _bearer(cast.by_name(person))
    path = f"{API}/held/{certification.pk}"
    renew = client.post(f"{path}/renew/", {"issued_on": "2026-11-20", "evidence": _upload()})
    assert renew.status_code == 404
    assert _post(client, f"{path}/verify/").status_code == 404
    assert _post(client, f"{path}/revoke/", {"reason": "Lapsed"}).status_code == 404
    certification.refresh_from_db()
    assert certification.verified_at is None and certification.revoked_at is None
    assert Certification.objects.count() == 1 and not CertificationEvidence.objects.exists()


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("alice", 201),  # her own
        ("bob", 404),
        ("sid", 404),
        ("mia", 404),
        ("hana", 201),
        ("adam", 201),
        ("charlie", 404),
        ("carol", 404),
    ],
)
def test_the_holder_hr_and_org_admins_add_evidence(
    cast: Cast, peer, settings, person: str, expected: int
) -> None:
    certification = _hold(cast, cast.alice, peer, date(2025, 11, 26))
    response = _bearer(cast.by_name(person)).post(
        f"{API}/held/{certification.pk}/evidence/",
        {"file": _upload(), "description": "Renewal letter"},
    )
    assert response.status_code == expected, response.content
    if expected == 201:
        body = response.json()
        assert body["description"] == "Renewal letter"
        assert body["uploaded_by"] == cast.by_name(person).pk
        assert certification.evidence.get().pk == body["id"]
        assert len(_media_files(settings)) == 1
    else:
        assert not CertificationEvidence.objects.exists() and _media_files(settings) == []


def test_hr_renews_a_certification_and_the_old_cycle_stays_as_history(cast: Cast, peer) -> None:
    old = _hold(cast, cast.alice, peer, date(2024, 12, 1), credential_number="PR-1")
    hana = _bearer(cast.hana)
    response = hana.post(
        f"{API}/held/{old.pk}/renew/", {"issued_on": "2026-11-20", "evidence": _upload()}
    )
    assert response.status_code == 201, response.content
    new = response.json()
    assert new["previous"] == old.pk and new["credential_number"] == "PR-1"
    assert new["expires_on"] == "2028-11-20" and new["certification_status"] == "active"
    assert len(new["evidence"]) == 1
    assert hana.get(f"{API}/held/{old.pk}/").json()["renewed_by"] == new["id"]
    current = hana.get(f"{API}/held/?current=true").json()["results"]
    assert [c["id"] for c in current] == [new["id"]]
    assert hana.get(f"{API}/held/").json()["count"] == 2

    again = hana.post(f"{API}/held/{old.pk}/renew/", {"issued_on": "2026-11-21"})
    assert again.status_code == 400 and "non_field_errors" in errors(again)
    early = hana.post(f"{API}/held/{new['id']}/renew/", {"issued_on": "2026-01-01"})
    assert early.status_code == 400 and "issued_on" in errors(early)
    assert Certification.objects.count() == 2


def test_hr_revokes_a_certification_with_a_reason(cast: Cast, peer) -> None:
    certification = _hold(cast, cast.alice, peer, date(2025, 11, 26))
    hana = _bearer(cast.hana)
    path = f"{API}/held/{certification.pk}/revoke/"
    for body in ({"reason": "   "}, {}):
        refused = _post(hana, path, body)
        assert refused.status_code == 400 and "reason" in errors(refused)
    assert Certification.objects.get().revoked_at is None
    revoked = _post(hana, path, {"reason": "Withdrawn by the board"})
    assert revoked.status_code == 200
    assert revoked.json()["certification_status"] == "revoked"
    assert revoked.json()["revoked_reason"] == "Withdrawn by the board"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"issued_on": "2026-12-01"}, "issued_on"),  # in the future
        ({"issued_on": "soon"}, "issued_on"),
        ({"issued_on": ""}, "issued_on"),
        ({"expires_on": "2025-01-01"}, "expires_on"),  # before it was issued
        ({"type": ""}, "type"),
        ({"type": 999999}, "type"),
        ({"type": "other organization"}, "type"),
        ({"type": "archived"}, "type"),
        ({"provisional": True}, "provisional"),  # the type has no provisional period
        ({"credential_number": "x" * 81}, "credential_number"),
        ({"person": 999999}, "person"),
    ],
)
def test_bad_certification_input_is_refused_and_nothing_is_kept(
    cast: Cast, peer, settings, change: dict, field: str
) -> None:
    if change.get("type") == "other organization":
        other = certification_type_save(actor=cast.charlie.user, data={"name": "Theirs"})
        change = {"type": other.pk}
    if change.get("type") == "archived":
        archived = certification_type_save(actor=cast.hana.user, data={"name": "Old"})
        archived.archived_at = archived.created_at
        archived.save()
        change = {"type": archived.pk}
    body = {
        "person": cast.alice.pk,
        "type": peer.pk,
        "issued_on": "2025-11-26",
        "evidence": _upload(),
        **change,
    }
    response = _bearer(cast.hana).post(f"{API}/held/", body)
    assert response.status_code == 400, response.content
    assert field in errors(response), response.json()
    assert not Certification.objects.exists() and not CertificationEvidence.objects.exists()
    assert _media_files(settings) == []


@pytest.mark.parametrize("bad", list(BAD_FILES))
def test_a_bad_file_is_refused_and_nothing_is_kept(cast: Cast, peer, settings, bad: str) -> None:
    body = {"type": peer.pk, "issued_on": "2025-11-26", "evidence": BAD_FILES[bad]()}
    response = _bearer(cast.alice).post(f"{API}/held/", body)
    assert response.status_code == 400
    assert set(errors(response)) == {"evidence"}, response.json()
    assert not Certification.objects.exists()

    certification = _hold(cast, cast.alice, peer, date(2025, 11, 26))
    path = f"{API}/held/{certification.pk}/evidence/"
    response = _bearer(cast.alice).post(path, {"file": BAD_FILES[bad]()})
    assert response.status_code == 400 and set(errors(response)) == {"file"}, response.json()
    renewed = _bearer(cast.hana).post(
        f"{API}/held/{certification.pk}/renew/",
        {"issued_on": "2026-11-20", "evidence": BAD_FILES[bad]()},
    )
    assert renewed.status_code == 400 and "evidence" in errors(renewed), renewed.json()
    assert Certification.objects.count() == 1
    assert not CertificationEvidence.objects.exists() and _media_files(settings) == []


def test_adding_evidence_needs_a_file(cast: Cast, peer) -> None:
    certification = _hold(cast, cast.alice, peer, date(2025, 11, 26))
    response = _bearer(cast.alice).post(f"{API}/held/{certification.pk}/evidence/", {})
    assert response.status_code == 400 and "file" in errors(response)


def test_certifications_are_filtered_by_person_type_status_and_cycle(cast: Cast, peer, cpr) -> None:
    _hold(cast, cast.alice, peer, date(2025, 11, 26))  # active
    _hold(cast, cast.sid, peer, date(2024, 12, 1))  # expires in 5 days: expiring
    _hold(cast, cast.bob, cpr, date(2024, 1, 10))  # expired
    certification_add(  # pending: she added it herself
        actor=cast.alice.user, person=cast.alice, type=cpr, issued_on=date(2026, 10, 1)
    )
    revoked = _hold(cast, cast.mia, cpr, date(2026, 1, 1))
    certification_revoke(actor=cast.hana.user, certification=revoked, reason="Withdrawn")
    mia = _bearer(cast.mia)

    def seen(query: str) -> set[tuple[str, str, str]]:
        body = mia.get(f"{API}/held/{query}").json()
        return {
            (c["person_name"], c["type_name"][:3], c["certification_status"])
            for c in body["results"]
        }

    assert len(seen("")) == 5
    assert seen("?status=active") == {("Alice", "IC&", "active")}
    assert seen("?status=expiring") == {("Sid", "IC&", "expiring")}
    assert seen("?status=expired") == {("Bob", "CPR", "expired")}
    assert seen("?status=pending") == {("Alice", "CPR", "pending")}
    assert seen("?status=revoked") == {("Mia", "CPR", "revoked")}
    assert seen(f"?person={cast.alice.pk}") == {
        ("Alice", "IC&", "active"),
        ("Alice", "CPR", "pending"),
    }
    assert {name for name, *_ in seen(f"?type={peer.pk}")} == {"Alice", "Sid"}
    # A supervisor sees himself and his supervisees; a specialist only herself.
    bob = _bearer(cast.bob).get(f"{API}/held/").json()["results"]
    assert {c["person_name"] for c in bob} == {"Alice", "Bob"}
    sid = _bearer(cast.sid).get(f"{API}/held/").json()["results"]
    assert {c["person_name"] for c in sid} == {"Sid"}
    assert _bearer(cast.charlie).get(f"{API}/held/").json()["count"] == 0


def test_a_certification_shows_its_renewal_readiness(cast: Cast, peer) -> None:
    certification = _hold(cast, cast.alice, peer, date(2025, 11, 26))
    ethics = {"title": "Ethics in peer work", "provider": "NAADAC", "category": "ethics"}
    first = _ce(cast, cast.alice, date(2026, 3, 1), "2", **ethics)
    general = _ce(cast, cast.alice, date(2026, 5, 1), "5")
    _ce(cast, cast.alice, date(2026, 9, 1), "2", **ethics)  # the same course again: once
    _ce(cast, cast.alice, date(2025, 6, 1), "4", title="Before the cycle")
    _ce(cast, cast.alice, date(2026, 10, 1), "3", title="Waiting", actor=cast.alice.user)
    body = _bearer(cast.bob).get(f"{API}/held/{certification.pk}/").json()
    assert body["days_left"] == 365
    readiness = body["readiness"]
    assert readiness["ready"] is False and readiness["in_window"] is False
    assert readiness["counted_entries"] == [general.pk, first.pk]
    # A year in, 7 of 20 hours: 13 more at 7 a year is 678 days; 4 ethics at 2 a year, 730.
    assert readiness["requirements"] == [
        {
            "label": "ce",
            "earned": "7.00",
            "required": "20.00",
            "missing": "13.00",
            "met": False,
            "percent": 35,
            "projected_on": "2028-10-04",
        },
        {
            "label": "ethics",
            "earned": "2.00",
            "required": "6.00",
            "missing": "4.00",
            "met": False,
            "percent": 33,
            "projected_on": "2028-11-25",
        },
    ]


def test_a_cycle_about_to_end_is_in_its_renewal_window(cast: Cast, peer) -> None:
    certification = _hold(cast, cast.sid, peer, date(2024, 12, 1))
    body = _bearer(cast.sid).get(f"{API}/held/{certification.pk}/").json()
    assert body["days_left"] == 5 and body["certification_status"] == "expiring"
    assert body["readiness"]["in_window"] is True


# --- the CE ledger ---------------------------------------------------------------------------


def _ce_body(**extra: object) -> dict:
    return {
        "title": "Ethics in peer work",
        "provider": "NAADAC",
        "earned_on": "2026-11-02",
        "hours": "3",
        "ce_category": "ethics",
        **extra,
    }


def test_a_holder_adds_ce_hours_that_wait_for_hr(cast: Cast, settings) -> None:
    alice = _bearer(cast.alice)
    body = _ce_body(evidence=_upload(), organization=cast.elsewhere.pk)
    response = alice.post(f"{API}/ce/", body)
    assert response.status_code == 201, response.content
    entry = response.json()
    assert entry["person"] == cast.alice.pk and entry["review_status"] == "pending"
    assert entry["ce_category"] == "ethics" and entry["hours"] == "3.00"
    assert entry["source"] == "external" and entry["has_evidence"] is True
    assert CEEntry.objects.get().organization == cast.harbor
    download = alice.get(f"{API}/ce/{entry['id']}/evidence/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert download["Content-Disposition"].startswith("attachment;")
    assert len(_media_files(settings)) == 1

    hana = _bearer(cast.hana)
    path = f"{API}/ce/{entry['id']}/review/"
    refused = _post(hana, path, {"approve": False, "reason": " "})
    assert refused.status_code == 400 and "reason" in errors(refused)
    assert _post(hana, path, {}).status_code == 400
    assert CEEntry.objects.get().status == CEStatus.PENDING
    declined = _post(hana, path, {"approve": False, "reason": "Please add the certificate page"})
    assert declined.status_code == 200 and declined.json()["review_status"] == "declined"
    mine = alice.get(f"{API}/ce/{entry['id']}/").json()
    assert mine["decline_reason"] == "Please add the certificate page"
    approved = _post(hana, path, {"approve": True})
    assert approved.json()["review_status"] == "approved"
    assert (
        approved.json()["decline_reason"] == "" and approved.json()["reviewed_by"] == cast.hana.pk
    )


def test_hr_adds_ce_hours_for_someone_and_they_are_approved(cast: Cast) -> None:
    body = _ce_body(person=cast.alice.pk)
    response = _bearer(cast.hana).post(f"{API}/ce/", body)  # multipart
    assert response.status_code == 201, response.content
    assert response.json()["person"] == cast.alice.pk
    assert response.json()["review_status"] == "approved"
    assert response.json()["has_evidence"] is False


@pytest.mark.parametrize(
    ("person", "holder", "expected"),
    [
        ("sid", "alice", 404),
        ("bob", "alice", 404),
        ("mia", "alice", 404),
        ("charlie", "alice", 400),
        ("hana", "carol", 400),
    ],
)
def test_nobody_else_adds_ce_hours_for_someone(
    cast: Cast, person: str, holder: str, expected: int
) -> None:
    body = _ce_body(person=cast.by_name(holder).pk)
    response = _bearer(cast.by_name(person)).post(f"{API}/ce/", body)  # multipart
    assert response.status_code == expected, response.content
    assert not CEEntry.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"hours": "0"}, "hours"),
        ({"hours": "100.5"}, "hours"),
        ({"hours": "lots"}, "hours"),
        ({"earned_on": "2026-12-01"}, "earned_on"),  # in the future
        ({"earned_on": ""}, "earned_on"),
        ({"title": ""}, "title"),
        ({"ce_category": "astrology"}, "ce_category"),
        *(({"evidence": bad}, "evidence") for bad in BAD_FILES),
    ],
)
def test_bad_ce_input_is_refused_and_nothing_is_kept(
    cast: Cast, settings, change: dict, field: str
) -> None:
    if "evidence" in change:
        change = {"evidence": BAD_FILES[change["evidence"]]()}
    response = _bearer(cast.alice).post(f"{API}/ce/", _ce_body(**change))
    assert response.status_code == 400
    assert field in errors(response), response.json()
    assert not CEEntry.objects.exists() and _media_files(settings) == []


@pytest.mark.parametrize(
    ("viewer", "listed", "file"),
    [
        ("alice", True, 200),
        ("bob", True, 404),
        ("sid", False, 404),
        ("mia", True, 404),
        ("hana", True, 200),
        ("adam", True, 200),
        ("charlie", False, 404),
        ("carol", False, 404),
    ],
)
def test_ce_entries_and_their_files_by_role(
    cast: Cast, viewer: str, listed: bool, file: int
) -> None:
    entry = _ce(cast, cast.alice, TODAY, "2", actor=cast.alice.user, evidence=_upload())
    client = _bearer(cast.by_name(viewer))
    ids = {e["id"] for e in client.get(f"{API}/ce/").json()["results"]}
    assert (entry.pk in ids) is listed
    assert client.get(f"{API}/ce/{entry.pk}/").status_code == (200 if listed else 404)
    assert client.get(f"{API}/ce/{entry.pk}/evidence/").status_code == file
    review = _post(client, f"{API}/ce/{entry.pk}/review/", {"approve": True})
    assert review.status_code == (200 if viewer in ("hana", "adam") else 404)
    if review.status_code == 404:
        assert CEEntry.objects.get().status == CEStatus.PENDING


def test_ce_entries_are_filtered_by_person_and_status(cast: Cast) -> None:
    _ce(cast, cast.alice, TODAY, "2")
    _ce(cast, cast.alice, TODAY, "1", title="Waiting", actor=cast.alice.user)
    _ce(cast, cast.sid, TODAY, "3")
    hana = _bearer(cast.hana)

    def seen(query: str) -> list[tuple[str, str]]:
        body = hana.get(f"{API}/ce/{query}").json()
        return sorted((e["person_name"], e["review_status"]) for e in body["results"])

    assert seen("") == [("Alice", "approved"), ("Alice", "pending"), ("Sid", "approved")]
    assert seen("?status=pending") == [("Alice", "pending")]
    assert seen(f"?person={cast.sid.pk}") == [("Sid", "approved")]
    assert seen(f"?person={cast.alice.pk}&status=approved") == [("Alice", "approved")]


def test_hours_from_training_done_here_cannot_be_declined(cast: Cast) -> None:
    entry = _ce(cast, cast.alice, TODAY, "2")
    CEEntry.objects.filter(pk=entry.pk).update(source=CESource.TRAINING)
    response = _post(
        _bearer(cast.hana), f"{API}/ce/{entry.pk}/review/", {"approve": False, "reason": "No"}
    )
    assert response.status_code == 400
    entry.refresh_from_db()
    assert entry.status == "approved"


# --- the roster and the missing list ---------------------------------------------------------


def _roster_cast(cast: Cast, peer: CertificationType, cpr: CertificationType) -> None:
    old = _hold(cast, cast.alice, peer, date(2023, 11, 1))
    _hold(cast, cast.alice, peer, date(2025, 11, 26), previous=old)
    _ce(cast, cast.alice, date(2026, 3, 1), "4", category="ethics", title="Ethics")
    _ce(cast, cast.alice, date(2026, 5, 1), "6")
    _hold(cast, cast.sid, peer, date(2024, 12, 1))
    _hold(cast, cast.bob, cpr, date(2024, 1, 10))
    theirs = certification_type_save(actor=cast.charlie.user, data={"name": "Theirs"})
    certification_add(actor=cast.charlie.user, person=cast.carol, type=theirs, issued_on=TODAY)


def test_the_roster_shows_each_current_cycle_with_its_readiness(cast: Cast, peer, cpr) -> None:
    _roster_cast(cast, peer, cpr)
    hana = _bearer(cast.hana)
    body = hana.get(f"{API}/roster/").json()
    rows = {(r["person_name"], r["type_name"][:3]): r for r in body["results"]}
    assert body["count"] == 3 and set(rows) == {("Alice", "IC&"), ("Sid", "IC&"), ("Bob", "CPR")}
    # Soonest expiry first.
    assert [r["person_name"] for r in body["results"]] == ["Bob", "Sid", "Alice"]
    alice = rows[("Alice", "IC&")]
    assert alice["certification_status"] == "active" and alice["days_left"] == 365
    assert alice["ce_earned"] == "10.00" and alice["ce_required"] == "20.00"
    assert alice["ce_by_category"] == {
        "general": "6.00",
        "ethics": "4.00",
        "trauma": "0.00",
        "cultural": "0.00",
    }
    assert alice["readiness"] == "50.00"
    assert rows[("Bob", "CPR")]["certification_status"] == "expired"
    assert rows[("Bob", "CPR")]["readiness"] == "100.00"  # no CE hours required

    def names(query: str) -> list[str]:
        return [r["person_name"] for r in hana.get(f"{API}/roster/{query}").json()["results"]]

    assert names("?status=expiring") == ["Sid"]
    assert names("?role=supervisor") == ["Bob"]
    assert names(f"?type={peer.pk}&sort=name") == ["Alice", "Sid"]
    assert names("?expiring_within=10") == ["Sid"]
    assert names("?sort=readiness") == ["Sid", "Alice", "Bob"]
    page = hana.get(f"{API}/roster/?page_size=2").json()
    assert page["count"] == 3 and len(page["results"]) == 2 and page["next"]
    assert _bearer(cast.mia).get(f"{API}/roster/").json()["count"] == 3
    assert _bearer(cast.charlie).get(f"{API}/roster/").json()["count"] == 1


@pytest.mark.parametrize("person", ["alice", "bob", "sid", "carol"])
def test_the_roster_and_missing_list_are_for_hr_admins_and_managers(
    cast: Cast, peer, person: str
) -> None:
    _hold(cast, cast.alice, peer, date(2025, 11, 26))
    client = _bearer(cast.by_name(person))
    assert client.get(f"{API}/roster/").status_code == 404
    assert client.get(f"{API}/missing/").status_code == 404


def test_the_missing_list_shows_who_lacks_a_required_credential(cast: Cast, peer, cpr) -> None:
    mia = _bearer(cast.mia)
    body = mia.get(f"{API}/missing/").json()
    assert body["count"] == 2
    assert [(m["person_name"], m["type_name"]) for m in body["results"]] == [
        ("Alice", "IC&RC Peer Recovery (PR)"),
        ("Sid", "IC&RC Peer Recovery (PR)"),
    ]
    _hold(cast, cast.alice, peer, date(2025, 11, 26))
    _hold(cast, cast.sid, peer, date(2024, 1, 1))  # expired
    certification_type_save(
        actor=cast.hana.user, data={"name": "CPR and first aid"}, required_for=["hr"], type=cpr
    )
    body = mia.get(f"{API}/missing/").json()
    assert [(m["person_name"], m["type_name"][:3]) for m in body["results"]] == [
        ("Hana", "CPR"),
        ("Sid", "IC&"),
    ]
    only = mia.get(f"{API}/missing/?role=specialist").json()["results"]
    assert [m["person"] for m in only] == [cast.sid.pk]
    assert only[0]["type"] == peer.pk and "lapsed" in only[0]
    assert _bearer(cast.charlie).get(f"{API}/missing/").json()["count"] == 0


def test_the_missing_list_names_the_cycle_that_lapsed(cast: Cast, peer) -> None:
    lapsed = _hold(cast, cast.sid, peer, date(2024, 1, 1))
    results = _bearer(cast.hana).get(f"{API}/missing/?role=specialist").json()["results"]
    by_person = {m["person"]: (m["lapsed"], m["lapsed_status"]) for m in results}
    assert by_person[cast.sid.pk] == (lapsed.pk, "expired")


def test_it_refuses_anonymous_callers(cast: Cast, peer) -> None:
    for path in ["/types/", "/types/presets/", "/held/", "/ce/", "/roster/", "/missing/"]:
        assert Client().get(API + path).status_code == 401
    response = Client().post(f"{API}/held/", {"type": peer.pk, "issued_on": "2025-11-26"})
    assert response.status_code == 401
    assert not Certification.objects.exists()


# --- constant queries ------------------------------------------------------------------------


def _grow(cast: Cast, peer: CertificationType, cpr: CertificationType, n: int = 25) -> None:
    """Many people with certifications (some renewed, some with files, some with none) and CE
    entries."""
    for i in range(n):
        person = ProfileFactory(organization=cast.harbor, roles=[Role.PEER_SPECIALIST])
        _ce(cast, person, date(2026, 3, 1), "2", category="ethics", title=f"Course {i}")
        _ce(cast, person, date(2026, 4, 1), "1", actor=person.user)
        if i % 4 == 0:
            continue  # holds nothing yet: missing the credential their role requires
        held = _hold(cast, person, peer, date(2025, 1, 1) + timedelta(days=i))
        if i % 2:
            _hold(cast, person, peer, date(2026, 2, 1), previous=held)
            _with_file(cast, held)
        if i % 3:
            _hold(cast, person, cpr, date(2025, 6, 1))


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        # token, user, profile and own roles, count, page, the page's roles required, its minimums
        ("/types/", 5),
        # token, user, profile and own roles, count, page (with person and type; status
        # computed in SQL)
        ("/held/", 3),
        ("/ce/", 3),
        ("/roster/?page_size=200", 4),
        # token, user, profile and own roles, required types, their roles, people missing each one
        # (one query per required type: the types stay the same here)
        ("/missing/?role=specialist", 4),
    ],
)
def test_lists_run_a_constant_number_of_queries(
    cast: Cast, peer, cpr, django_assert_num_queries, path: str, queries: int
) -> None:
    client = _bearer(cast.hana)
    _hold(cast, cast.sid, peer, date(2025, 11, 26))
    _ce(cast, cast.sid, date(2026, 3, 1), "2")
    _grow(cast, peer, cpr, n=1)
    with django_assert_num_queries(queries):
        few = client.get(API + path).json()
    _grow(cast, peer, cpr)
    for i in range(10):
        certification_type_save(
            actor=cast.hana.user,
            data={"name": f"Extra {i}", "ce_hours_required": "4"},
            # More required types would mean more queries for the missing list (one each).
            required_for=[] if path.startswith("/missing/") else [Role.SUPERVISOR, Role.HR],
            minimums={"ethics": "1", "trauma": "2"},
        )
    with django_assert_num_queries(queries):
        many = client.get(API + path).json()
    assert many["count"] > few["count"] >= 1


# --- the OpenAPI schema ----------------------------------------------------------------------


def test_the_schema_has_the_certification_paths_and_no_warnings(tmp_path) -> None:
    import subprocess
    import sys

    out = tmp_path / "schema.json"
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "spectacular",
            "--fail-on-warn",
            "--format",
            "openapi-json",
            "--file",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    schema = json.loads(out.read_text())
    assert {
        "/api/v1/certifications/types/",
        "/api/v1/certifications/types/{id}/",
        "/api/v1/certifications/types/{id}/archive/",
        "/api/v1/certifications/types/{id}/restore/",
        "/api/v1/certifications/types/presets/",
        "/api/v1/certifications/held/",
        "/api/v1/certifications/held/{id}/",
        "/api/v1/certifications/held/{id}/renew/",
        "/api/v1/certifications/held/{id}/verify/",
        "/api/v1/certifications/held/{id}/revoke/",
        "/api/v1/certifications/held/{id}/evidence/",
        "/api/v1/certifications/evidence/{id}/",
        "/api/v1/certifications/ce/",
        "/api/v1/certifications/ce/{id}/",
        "/api/v1/certifications/ce/{id}/review/",
        "/api/v1/certifications/ce/{id}/evidence/",
        "/api/v1/certifications/roster/",
        "/api/v1/certifications/missing/",
    } <= set(schema["paths"])
    held = schema["paths"]["/api/v1/certifications/held/"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in held
