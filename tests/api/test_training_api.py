"""The training API: the catalogue, assignments, a learner's way through a module, completions
with certificates and evidence, the team views. The same rules as the pages: another
organization's things are 404, reflections are only ever their owner's, learners are never
told which answer is right, and lists cost the same queries however long they are."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas
from rest_framework.authtoken.models import Token

from tests.api.errors import errors
from tests.conftest import Cast
from tests.factories import ProfileFactory
from workforce.models import (
    Assignment,
    CEEntry,
    Completion,
    Reflection,
    Role,
    StaffProfile,
    TrainingFormat,
    TrainingModule,
)
from workforce.training.assignments import assignments_create
from workforce.training.catalogue import library_load, module_save, section_save
from workforce.training.learning import completion_create

TODAY = date(2026, 11, 26)
API = "/api/v1/training"
CAST = ["alice", "bob", "sid", "mia", "hana", "adam", "charlie", "carol"]
SECRET = "I noticed my own story coming back up after the call with J."


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel("2026-11-26 15:00Z", tick=False):
        yield


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def library(cast: Cast) -> dict[str, TrainingModule]:
    library_load(organization=cast.harbor)
    return {m.library_key: m for m in TrainingModule.objects.filter(organization=cast.harbor)}


@pytest.fixture
def course(cast: Cast) -> TrainingModule:
    """An outside course: completed elsewhere, recorded here with its certificate."""
    return module_save(
        actor=cast.adam.user,
        data={
            "title": "Naloxone training (county health)",
            "summary": "An outside course.",
            "category": "harm_reduction",
            "format": TrainingFormat.EXTERNAL,
            "estimated_minutes": 120,
            "ce_hours": "2.00",
            "ce_category": "general",
        },
        required_for=[],
    )


def _bearer(profile: StaffProfile) -> Client:
    token, _created = Token.objects.get_or_create(user=profile.user)
    return Client(headers={"Authorization": f"Bearer {token.key}"})


def _post(client: Client, path: str, body: object = None):
    return client.post(path, body if body is not None else {}, content_type="application/json")


def _pdf(text: str = "Certificate of attendance") -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _upload(name: str = "certificate.pdf", data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, _pdf() if data is None else data, "application/pdf")


def _answers(module: TrainingModule, right: bool) -> dict[str, int]:
    return {str(q.pk): q.choices.filter(correct=right).first().pk for q in module.questions.all()}


def _media_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


# --- the catalogue ---------------------------------------------------------------------------


def test_it_lists_the_catalogue_to_everyone_in_the_organization(cast: Cast, library) -> None:
    library["self-care-plan"].archived_at = library["self-care-plan"].updated_at
    library["self-care-plan"].save()
    alice = _bearer(cast.alice)
    body = alice.get(f"{API}/modules/").json()
    assert body["count"] == 3
    vt = next(m for m in body["results"] if m["id"] == library["vicarious-trauma"].pk)
    assert vt["required_for"] == ["specialist", "supervisor"]
    assert vt["section_count"] == library["vicarious-trauma"].sections.count()
    assert vt["has_knowledge_check"] is True and vt["format"] == "in_app"
    # Archived modules: only org admins may ask for them.
    assert alice.get(f"{API}/modules/?include_archived=true").json()["count"] == 3
    assert _bearer(cast.adam).get(f"{API}/modules/?include_archived=true").json()["count"] == 4
    # Another organization's catalogue does not exist for Harbor, nor Harbor's for them.
    carol = _bearer(cast.carol)
    assert carol.get(f"{API}/modules/").json()["count"] == 0
    assert carol.get(f"{API}/modules/{vt['id']}/").status_code == 404
    assert carol.get(f"{API}/modules/{vt['id']}/content/").status_code == 404


def _module_body(**extra: object) -> dict:
    return {
        "title": "Working with interpreters",
        "summary": "Three short sections.",
        "category": "trauma_informed",
        "format": "in_app",
        "estimated_minutes": 30,
        "ce_hours": "0.50",
        "required_for": ["specialist"],
        **extra,
    }


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("alice", 404),
        ("bob", 404),
        ("sid", 404),
        ("mia", 404),
        ("hana", 404),
        ("adam", 201),
        ("charlie", 201),
    ],
)
def test_only_org_admins_add_modules(cast: Cast, person: str, expected: int) -> None:
    response = _post(
        _bearer(cast.by_name(person)),
        f"{API}/modules/",
        _module_body(organization=cast.harbor.pk),
    )
    assert response.status_code == expected, response.content
    if expected == 201:
        module = TrainingModule.objects.get(pk=response.json()["id"])
        assert module.organization == cast.by_name(person).organization  # never from input
    else:
        assert not TrainingModule.objects.exists()


@pytest.mark.parametrize("person", ["alice", "bob", "mia", "hana", "charlie"])
def test_others_cannot_change_archive_or_delete_a_module(cast: Cast, library, person: str) -> None:
    module = library["boundaries"]
    client = _bearer(cast.by_name(person))
    path = f"{API}/modules/{module.pk}/"
    patch = client.patch(path, {"title": "Mine now"}, content_type="application/json")
    assert patch.status_code == 404
    assert client.put(path, _module_body(), content_type="application/json").status_code == 404
    assert _post(client, f"{path}archive/").status_code == 404
    assert _post(client, f"{path}restore/").status_code == 404
    assert client.delete(path).status_code == 404
    module.refresh_from_db()
    assert module.title == "Boundaries in peer support work" and module.archived_at is None


def test_an_admin_creates_changes_archives_restores_and_deletes_a_module(
    cast: Cast, library
) -> None:
    adam = _bearer(cast.adam)
    created = _post(adam, f"{API}/modules/", _module_body())
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["required_for"] == ["specialist"] and body["section_count"] == 0
    module = TrainingModule.objects.get(pk=body["id"])
    # People already in a newly required role are assigned it (the service's rule).
    assert set(module.assignments.values_list("person__chosen_name", flat=True)) == {
        "Alice",
        "Sid",
    }
    path = f"{API}/modules/{module.pk}/"
    changed = adam.patch(path, {"title": "Interpreters"}, content_type="application/json")
    assert changed.status_code == 200
    assert changed.json()["title"] == "Interpreters"
    assert changed.json()["required_for"] == ["specialist"]  # left out: kept
    replaced = adam.put(path, _module_body(required_for=[]), content_type="application/json")
    assert replaced.status_code == 200 and replaced.json()["required_for"] == []

    assert _post(adam, f"{path}archive/").json()["archived_at"] is not None
    assert module.pk not in {
        m["id"] for m in _bearer(cast.alice).get(f"{API}/modules/").json()["results"]
    }
    assert _post(adam, f"{path}restore/").json()["archived_at"] is None
    assert adam.delete(path).status_code == 204
    assert not TrainingModule.objects.filter(pk=module.pk).exists()

    done = library["boundaries"]
    completion_create(person=cast.sid, module=done, completed_on=TODAY, source="in_app")
    refused = adam.delete(f"{API}/modules/{done.pk}/")
    assert refused.status_code == 400 and "non_field_errors" in errors(refused)
    assert TrainingModule.objects.filter(pk=done.pk).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"category": "astrology"}, "category"),
        ({"estimated_minutes": 0}, "estimated_minutes"),
        ({"pass_mark": 101}, "pass_mark"),
        ({"ce_hours": "-1"}, "ce_hours"),
        ({"required_for": ["boss"]}, "required_for"),
    ],
)
def test_bad_module_input_is_refused_with_field_errors(
    cast: Cast, change: dict, field: str
) -> None:
    response = _post(_bearer(cast.adam), f"{API}/modules/", _module_body(**change))
    assert response.status_code == 400
    assert field in errors(response), response.json()
    assert not TrainingModule.objects.exists() and not Assignment.objects.exists()


# --- module content --------------------------------------------------------------------------


def test_content_never_tells_a_learner_which_answer_is_right(cast: Cast, library) -> None:
    module = library["boundaries"]
    section_save(
        actor=cast.adam.user,
        module=module,
        data={"title": "Extra", "body": "Hi <script>alert(1)</script> **there**"},
    )
    learner = _bearer(cast.alice).get(f"{API}/modules/{module.pk}/content/")
    assert learner.status_code == 200
    text = learner.content.decode()
    assert '"correct"' not in text and '"explanation"' not in text and '"body"' not in text
    body = learner.json()
    assert [s["position"] for s in body["sections"]] == list(range(1, len(body["sections"]) + 1))
    assert "<script>" not in body["sections"][-1]["html"]
    assert "<strong>there</strong>" in body["sections"][-1]["html"]
    assert all(
        set(c) == {"id", "position", "text"} for q in body["questions"] for c in q["choices"]
    )
    assert body["progress"] is None

    admin = _bearer(cast.adam).get(f"{API}/modules/{module.pk}/content/").json()
    assert all("correct" in c for q in admin["questions"] for c in q["choices"])
    assert admin["sections"][-1]["body"].startswith("Hi <script>")


def test_content_is_for_in_app_modules(cast: Cast, library, course) -> None:
    alice = _bearer(cast.alice)
    assert alice.get(f"{API}/modules/{course.pk}/content/").status_code == 404
    assert _post(alice, f"{API}/modules/{course.pk}/start/").status_code == 404
    assert alice.get(f"{API}/modules/{course.pk}/reflection/").status_code == 404


# --- a learner's way through a module --------------------------------------------------------


def test_a_learner_completes_a_module_over_the_api_and_gets_the_certificate(
    cast: Cast, library
) -> None:
    module = library["boundaries"]
    alice = _bearer(cast.alice)
    path = f"{API}/modules/{module.pk}"
    early = _post(alice, f"{path}/sections/1/finish/")
    assert early.status_code == 400 and "non_field_errors" in errors(early)

    started = _post(alice, f"{path}/start/")
    assert started.status_code == 200
    positions = list(module.sections.values_list("position", flat=True))
    assert started.json()["sections_left"] == positions
    for position in positions:
        skipped = position == 2  # content notes let a learner skip; it still counts
        progress = _post(alice, f"{path}/sections/{position}/finish/", {"skipped": skipped})
        assert progress.status_code == 200
    assert progress.json()["sections_left"] == [] and progress.json()["completion"] is None
    assert {"position": 2, "skipped": True} in progress.json()["sections_done"]
    assert _post(alice, f"{path}/sections/99/finish/").status_code == 404

    wrong = _post(alice, f"{path}/check/", {"answers": _answers(module, right=False)})
    assert wrong.status_code == 200
    assert wrong.json()["passed"] is False and wrong.json()["completion"] is None
    assert wrong.json()["explanations"] and '"correct"' not in wrong.content.decode()
    right = _post(alice, f"{path}/check/", {"answers": _answers(module, right=True)})
    assert right.json()["passed"] is True and right.json()["score"] == 100
    completion = Completion.objects.get(pk=right.json()["completion"])
    assert completion.person == cast.alice and completion.source == "in_app"
    assert CEEntry.objects.filter(completion=completion).exists()

    mine = alice.get(f"{API}/my/").json()
    assert [c["id"] for c in mine["completions"]] == [completion.pk]
    assert module.pk not in {item["module"] for item in mine["open"]}

    response = alice.get(f"{API}/completions/{completion.pk}/certificate/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Alice" in text and "Boundaries in peer support work" in text
    # A client that asks for a PDF by its type gets one too.
    asked = alice.get(
        f"{API}/completions/{completion.pk}/certificate/", HTTP_ACCEPT="application/pdf"
    )
    assert asked.status_code == 200 and asked.content.startswith(b"%PDF-")


def test_the_knowledge_check_answers_bad_input_with_field_errors(cast: Cast, library) -> None:
    module = library["vicarious-trauma"]
    alice = _bearer(cast.alice)
    path = f"{API}/modules/{module.pk}"
    before = _post(alice, f"{path}/check/", {"answers": _answers(module, right=True)})
    assert before.status_code == 400  # not started yet
    _post(alice, f"{path}/start/")
    answers = _answers(module, right=True)
    first = module.questions.first()
    answers.pop(str(first.pk))
    missing = _post(alice, f"{path}/check/", {"answers": answers})
    assert missing.status_code == 400 and f"question_{first.pk}" in errors(missing)
    assert errors(_post(alice, f"{path}/check/", {"answers": {"x": 1}})).keys() == {"answers"}
    assert _post(alice, f"{path}/check/", {}).status_code == 400
    assert not Assignment.objects.get(person=cast.alice, module=module).knowledge_checks.exists()
    no_check = library["self-care-plan"]
    _post(alice, f"{API}/modules/{no_check.pk}/start/")
    assert _post(alice, f"{API}/modules/{no_check.pk}/check/", {"answers": {}}).status_code == 404


def test_another_organizations_learner_cannot_start_our_modules(cast: Cast, library) -> None:
    carol = _bearer(cast.carol)
    module = library["boundaries"]
    assert _post(carol, f"{API}/modules/{module.pk}/start/").status_code == 404
    assert _post(carol, f"{API}/modules/{module.pk}/sections/1/finish/").status_code == 404
    assert _post(carol, f"{API}/modules/{module.pk}/check/", {"answers": {}}).status_code == 404
    assert not Assignment.objects.exists()


# --- private reflections ---------------------------------------------------------------------


def test_a_reflection_is_saved_and_read_back_only_by_its_owner(cast: Cast, library) -> None:
    module = library["vicarious-trauma"]
    alice = _bearer(cast.alice)
    path = f"{API}/modules/{module.pk}/reflection/"
    empty = alice.get(path)
    assert empty.status_code == 200 and empty.json()["text"] == ""
    assert empty.json()["prompt"] == module.reflection_prompt
    saved = alice.put(path, {"text": SECRET}, content_type="application/json")
    assert saved.status_code == 200 and saved.json()["text"] == SECRET
    read = alice.get(path)
    assert read.json()["text"] == SECRET
    assert "no-store" in read["Cache-Control"] and "no-store" in saved["Cache-Control"]

    too_long = alice.put(path, {"text": "x" * 5001}, content_type="application/json")
    assert too_long.status_code == 400 and "text" in errors(too_long)
    assert Reflection.objects.get(owner=cast.alice).text == SECRET


@pytest.mark.parametrize("person", ["bob", "sid", "mia", "hana", "adam", "charlie", "carol"])
def test_nobody_else_gets_a_reflection_through_any_endpoint(
    cast: Cast, library, person: str
) -> None:
    module = library["vicarious-trauma"]
    alice = _bearer(cast.alice)
    _post(alice, f"{API}/modules/{module.pk}/start/")
    alice.put(
        f"{API}/modules/{module.pk}/reflection/",
        {"text": SECRET},
        content_type="application/json",
    )
    for section in module.sections.all():
        _post(alice, f"{API}/modules/{module.pk}/sections/{section.position}/finish/")
    _post(alice, f"{API}/modules/{module.pk}/check/", {"answers": _answers(module, right=True)})
    completion = Completion.objects.get(person=cast.alice)
    assignment = Assignment.objects.get(person=cast.alice)

    other = _bearer(cast.by_name(person))
    reflection = other.get(f"{API}/modules/{module.pk}/reflection/")
    if person in ("charlie", "carol"):
        assert reflection.status_code == 404
    else:
        assert reflection.status_code == 200 and reflection.json()["text"] == ""
    for path in [
        f"{API}/modules/",
        f"{API}/modules/{module.pk}/",
        f"{API}/modules/{module.pk}/content/",
        f"{API}/my/",
        f"{API}/assignments/",
        f"{API}/assignments/{assignment.pk}/",
        f"{API}/completions/",
        f"{API}/completions/{completion.pk}/",
        f"{API}/matrix/",
        f"{API}/overdue/",
        f"/api/v1/people/{cast.alice.pk}/",
    ]:
        response = other.get(path)
        assert SECRET not in response.content.decode(errors="replace"), path
    # Their own reflection is theirs: saving it leaves alice's as it was.
    if person not in ("charlie", "carol"):
        other.put(
            f"{API}/modules/{module.pk}/reflection/",
            {"text": "mine"},
            content_type="application/json",
        )
    assert Reflection.objects.get(owner=cast.alice).text == SECRET


# --- assignments -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("alice", 404),
        ("bob", 404),
        ("sid", 404),
        ("mia", 201),
        ("hana", 201),
        ("adam", 201),
        ("charlie", 400),  # may assign, but not Harbor's module
        ("carol", 404),
    ],
)
def test_managers_hr_and_admins_assign_training(
    cast: Cast, library, person: str, expected: int
) -> None:
    response = _post(
        _bearer(cast.by_name(person)),
        f"{API}/assignments/",
        {"module": library["self-care-plan"].pk, "role": "specialist", "due_on": "2026-12-20"},
    )
    assert response.status_code == expected, response.content
    if expected == 201:
        assert response.json() == {"created": 2, "already": 0}
    else:
        assert not Assignment.objects.exists()
    if person == "charlie":
        assert "module" in errors(response)


def test_assigning_again_leaves_open_assignments_alone(cast: Cast, library) -> None:
    mia = _bearer(cast.mia)
    body = {"module": library["boundaries"].pk, "people": [cast.alice.pk], "due_on": None}
    assert _post(mia, f"{API}/assignments/", body).json() == {"created": 1, "already": 0}
    body = {"module": library["boundaries"].pk, "everyone": True}
    assert _post(mia, f"{API}/assignments/", body).json() == {"created": 5, "already": 1}
    assigned = Assignment.objects.get(person=cast.alice)
    assert assigned.assigned_by == cast.mia and assigned.source == "person"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"role": "specialist", "everyone": True}, "non_field_errors"),
        ({}, "non_field_errors"),
        ({"role": "boss"}, "role"),
        ({"role": "specialist", "due_on": "2026-11-01"}, "due_on"),
        ({"role": "specialist", "due_on": "soon"}, "due_on"),
        ({"people": ["carol"]}, "people"),
        ({"module": None, "everyone": True}, "module"),
        ({"module": 999999, "everyone": True}, "module"),
    ],
)
def test_bad_assignments_are_refused_with_field_errors(
    cast: Cast, library, change: dict, field: str
) -> None:
    if change.get("people") == ["carol"]:
        change = {"people": [cast.carol.pk]}
    body = {"module": library["boundaries"].pk, **change}
    response = _post(_bearer(cast.hana), f"{API}/assignments/", body)
    assert response.status_code == 400
    assert field in errors(response), response.json()
    assert not Assignment.objects.exists()


def test_an_archived_module_cannot_be_assigned(cast: Cast, library) -> None:
    module = library["boundaries"]
    _post(_bearer(cast.adam), f"{API}/modules/{module.pk}/archive/")
    response = _post(
        _bearer(cast.mia), f"{API}/assignments/", {"module": module.pk, "everyone": True}
    )
    assert response.status_code == 400 and "module" in errors(response)
    assert not Assignment.objects.exists()


def test_assignments_are_scoped_and_filtered(cast: Cast, library) -> None:
    vt, bd = library["vicarious-trauma"], library["boundaries"]
    for person in (cast.alice, cast.sid, cast.bob):
        assignments_create(actor=cast.mia.user, module=vt, due_on=TODAY, people=[person.pk])
    assignments_create(actor=cast.mia.user, module=bd, due_on=None, people=[cast.alice.pk])
    Assignment.objects.filter(person=cast.sid).update(due_on=TODAY - timedelta(days=2))
    _post(_bearer(cast.alice), f"{API}/modules/{bd.pk}/start/")
    completion_create(person=cast.bob, module=vt, completed_on=TODAY, source="in_app")

    def seen(person: str, query: str = "") -> set[tuple[str, str, str]]:
        body = _bearer(cast.by_name(person)).get(f"{API}/assignments/{query}").json()
        return {(a["person_name"], a["module_title"][:10], a["status"]) for a in body["results"]}

    assert seen("alice") == {
        ("Alice", "Understand", "not_started"),
        ("Alice", "Boundaries", "in_progress"),
    }
    assert {name for name, *_ in seen("bob")} == {"Alice", "Bob"}
    assert len(seen("mia")) == 4 and seen("carol") == set()
    assert seen("mia", "?status=overdue") == {("Sid", "Understand", "overdue")}
    assert seen("mia", "?status=completed") == {("Bob", "Understand", "completed")}
    assert seen("mia", "?status=in_progress") == {("Alice", "Boundaries", "in_progress")}
    assert seen("mia", "?status=not_started") == {("Alice", "Understand", "not_started")}
    assert {a[0] for a in seen("mia", f"?person={cast.alice.pk}")} == {"Alice"}
    assert {a[1] for a in seen("mia", f"?module={bd.pk}")} == {"Boundaries"}
    sids = Assignment.objects.get(person=cast.sid)
    assert _bearer(cast.bob).get(f"{API}/assignments/{sids.pk}/").status_code == 404
    assert _bearer(cast.charlie).get(f"{API}/assignments/{sids.pk}/").status_code == 404
    assert _bearer(cast.mia).get(f"{API}/assignments/{sids.pk}/").json()["status"] == "overdue"
    # Sid's own view says the date passed, never "overdue" (that word is for managers and HR).
    sid = _bearer(cast.sid)
    assert sid.get(f"{API}/assignments/{sids.pk}/").json()["status"] == "due_date_passed"
    mine = sid.get(f"{API}/my/").json()
    assert [item["status"] for item in mine["open"]] == ["due_date_passed"]


# --- completions, certificates, evidence -----------------------------------------------------


def _record(client: Client, course: TrainingModule, **extra: object):
    data = {"module": course.pk, "completed_on": "2026-11-20", "evidence": _upload(), **extra}
    return client.post(f"{API}/completions/", data)


def test_a_learner_records_an_outside_course_with_its_certificate(cast: Cast, course) -> None:
    alice = _bearer(cast.alice)
    response = _record(alice, course, person=cast.bob.pk, organization=cast.elsewhere.pk)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["person"] == cast.alice.pk and body["has_evidence"] is True
    assert body["source"] == "self_reported"
    completion = Completion.objects.get(pk=body["id"])
    assert completion.organization == cast.harbor
    assert CEEntry.objects.get(completion=completion).status == "pending"
    download = alice.get(f"{API}/completions/{completion.pk}/evidence/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment;")
    asked = alice.get(f"{API}/completions/{completion.pk}/evidence/", HTTP_ACCEPT="application/pdf")
    assert asked.status_code == 200


@pytest.mark.parametrize(
    ("upload", "field"),
    [
        (lambda: _upload("cert.pdf", b"MZ\x90\x00" + b"\x00" * 200), "evidence"),
        (lambda: _upload("cert.pdf", b""), "evidence"),
        (None, "evidence"),
    ],
)
def test_a_bad_certificate_is_refused_and_nothing_is_kept(
    cast: Cast, course, settings, upload, field: str
) -> None:
    data = {"module": course.pk, "completed_on": "2026-11-20"}
    if upload:
        data["evidence"] = upload()
    response = _bearer(cast.alice).post(f"{API}/completions/", data)
    assert response.status_code == 400
    assert field in errors(response), response.json()
    assert not Completion.objects.exists() and not CEEntry.objects.exists()
    assert _media_files(settings) == []


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"completed_on": "2026-12-01"}, "completed_on"),
        ({"completed_on": ""}, "completed_on"),
        ({"module": 999999}, "module"),
    ],
)
def test_a_bad_record_is_refused_with_field_errors(
    cast: Cast, course, data: dict, field: str
) -> None:
    response = _record(_bearer(cast.alice), course, **data)
    assert response.status_code == 400 and field in errors(response), response.content
    assert not Completion.objects.exists()


def test_in_app_modules_are_not_recorded_by_hand(cast: Cast, library) -> None:
    response = _record(_bearer(cast.alice), library["boundaries"])
    assert response.status_code == 400 and "module" in errors(response)


@pytest.mark.parametrize(
    # A course the learner reported has no PeerWell certificate (its own is the evidence).
    ("viewer", "listed", "certificate", "evidence"),
    [
        ("alice", True, 404, 200),
        ("bob", True, 404, 404),  # her supervisor sees the record, not the file
        ("sid", False, 404, 404),
        ("mia", True, 404, 404),
        ("hana", True, 404, 200),
        ("adam", True, 404, 200),
        ("charlie", False, 404, 404),
        ("carol", False, 404, 404),
    ],
)
def test_completions_certificates_and_evidence_by_role(
    cast: Cast, course, viewer: str, listed: bool, certificate: int, evidence: int
) -> None:
    pk = _record(_bearer(cast.alice), course).json()["id"]
    client = _bearer(cast.by_name(viewer))
    ids = {c["id"] for c in client.get(f"{API}/completions/").json()["results"]}
    assert (pk in ids) is listed
    assert client.get(f"{API}/completions/{pk}/").status_code == (200 if listed else 404)
    assert client.get(f"{API}/completions/{pk}/certificate/").status_code == certificate
    assert client.get(f"{API}/completions/{pk}/evidence/").status_code == evidence
    # Asking for a PDF by its type changes nothing; a refusal still comes back as JSON.
    asked = client.get(f"{API}/completions/{pk}/certificate/", HTTP_ACCEPT="application/pdf")
    assert asked.status_code == certificate
    if certificate == 404:
        assert asked["Content-Type"] == "application/json" and "detail" in errors(asked)


def test_hr_records_attendance_for_a_group(cast: Cast, course) -> None:
    hana = _bearer(cast.hana)
    data = {
        "module": course.pk,
        "completed_on": "2026-11-25",
        "people": [cast.alice.pk, cast.sid.pk],
        "evidence": _upload("sheet.pdf"),
    }
    response = hana.post(f"{API}/attendance/", data)
    assert response.status_code == 201, response.content
    assert response.json() == {"recorded": 2, "already": 0}
    assert {c.person.chosen_name for c in Completion.objects.all()} == {"Alice", "Sid"}
    again = hana.post(
        f"{API}/attendance/",
        {"module": course.pk, "completed_on": "2026-11-25", "people": [cast.alice.pk]},
    )
    assert again.json() == {"recorded": 0, "already": 1}


@pytest.mark.parametrize(
    ("person", "body", "expected", "field"),
    [
        ("mia", {}, 404, None),
        ("alice", {}, 404, None),
        ("hana", {"people": ["carol"]}, 400, "people"),
        ("hana", {"people": []}, 400, "people"),
        ("hana", {"completed_on": "2027-01-01"}, 400, "completed_on"),
        ("charlie", {}, 400, "module"),
    ],
)
def test_attendance_is_for_hr_and_admins_and_their_own_people(
    cast: Cast, course, person: str, body: dict, expected: int, field: str | None
) -> None:
    data = {
        "module": course.pk,
        "completed_on": "2026-11-25",
        "people": [cast.alice.pk],
        **body,
    }
    if data["people"] == ["carol"]:
        data["people"] = [cast.carol.pk]
    response = _bearer(cast.by_name(person)).post(f"{API}/attendance/", data)  # multipart
    assert response.status_code == expected, response.content
    if field:
        assert field in errors(response)
    assert not Completion.objects.exists()


# --- the matrix and the overdue list ---------------------------------------------------------


def test_the_matrix_shows_each_required_module_with_its_status(cast: Cast, library) -> None:
    vt, sup = library["vicarious-trauma"], library["supportive-supervision"]
    assignments_create(actor=cast.mia.user, module=vt, due_on=TODAY, people=[cast.alice.pk])
    Assignment.objects.filter(module=vt).update(due_on=TODAY - timedelta(days=3))
    completion_create(person=cast.sid, module=vt, completed_on=TODAY, source="in_app")
    body = _bearer(cast.mia).get(f"{API}/matrix/").json()
    columns = [m["id"] for m in body["modules"]]
    cells = {
        row["name"]: {c["module"]: c["state"] for c in row["cells"]} for row in body["results"]
    }
    assert body["count"] == 6 and set(cells) == {"Adam", "Alice", "Bob", "Hana", "Mia", "Sid"}
    assert all([c["module"] for c in row["cells"]] == columns for row in body["results"])
    assert cells["Alice"][vt.pk] == "overdue"
    assert cells["Alice"][sup.pk] == "not_assigned"
    assert cells["Sid"][vt.pk] == "completed"
    assert cells["Mia"][vt.pk] == "not_required"

    def names(person: str, query: str = "") -> set[str]:
        rows = _bearer(cast.by_name(person)).get(f"{API}/matrix/{query}").json()["results"]
        return {row["name"] for row in rows}

    assert names("hana", "?status=overdue") == {"Alice"}
    assert names("hana", "?role=supervisor") == {"Bob"}
    assert names("bob") == {"Alice", "Bob"}
    assert names("charlie") == {"Charlie", "Carol"}
    page = _bearer(cast.adam).get(f"{API}/matrix/?page_size=2").json()
    assert page["count"] == 6 and len(page["results"]) == 2 and page["next"]


@pytest.mark.parametrize("person", ["alice", "sid", "carol"])
def test_specialists_have_no_matrix_or_overdue_list(cast: Cast, library, person: str) -> None:
    client = _bearer(cast.by_name(person))
    assert client.get(f"{API}/matrix/").status_code == 404
    assert client.get(f"{API}/overdue/").status_code == 404


def test_the_overdue_list_shows_only_what_is_past_due(cast: Cast, library) -> None:
    for person, days in ((cast.alice, 10), (cast.sid, -2), (cast.bob, 1)):
        assignments_create(
            actor=cast.mia.user, module=library["boundaries"], due_on=TODAY, people=[person.pk]
        )
        Assignment.objects.filter(person=person).update(due_on=TODAY - timedelta(days=days))
    body = _bearer(cast.mia).get(f"{API}/overdue/").json()
    assert [(a["person_name"], a["days_past_due"]) for a in body["results"]] == [
        ("Alice", 10),
        ("Bob", 1),
    ]
    bob = _bearer(cast.bob).get(f"{API}/overdue/").json()
    assert {a["person_name"] for a in bob["results"]} == {"Alice", "Bob"}
    assert _bearer(cast.charlie).get(f"{API}/overdue/").json()["count"] == 0
    only = _bearer(cast.mia).get(f"{API}/overdue/?role=supervisor").json()
    assert [a["person_name"] for a in only["results"]] == ["Bob"]


def test_it_refuses_anonymous_callers(cast: Cast, library) -> None:
    module = library["boundaries"]
    for path in ["/modules/", f"/modules/{module.pk}/reflection/", "/my/", "/matrix/"]:
        assert Client().get(API + path).status_code == 401
    assert Client().post(f"{API}/modules/{module.pk}/start/").status_code == 401
    assert not Assignment.objects.exists()


# --- constant queries ------------------------------------------------------------------------


def _grow(cast: Cast, library: dict[str, TrainingModule], n: int = 25) -> None:
    """Many people with assignments, progress and completions."""
    for i in range(n):
        person = ProfileFactory(organization=cast.harbor, roles=[Role.PEER_SPECIALIST])
        assignments_create(
            actor=cast.mia.user, module=library["boundaries"], due_on=TODAY, people=[person.pk]
        )
        if i % 2:
            completion_create(
                person=person,
                module=library["vicarious-trauma"],
                completed_on=TODAY,
                source="in_app",
            )
    Assignment.objects.filter(module=library["boundaries"]).update(due_on=TODAY - timedelta(days=1))


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        # token, user, profile and own roles, count, page, the page's role requirements
        ("/modules/?include_archived=true", 4),
        # token, user, profile and own roles, count, page (with person and module)
        ("/assignments/", 3),
        ("/completions/", 3),
        ("/overdue/", 3),
        # token, user, profile and own roles, count, page, the page's roles, columns, their roles,
        # open assignments, latest completions
        ("/matrix/?page_size=100", 8),
    ],
)
def test_lists_run_a_constant_number_of_queries(
    cast: Cast, library, django_assert_num_queries, path: str, queries: int
) -> None:
    client = _bearer(cast.hana)
    assignments_create(
        actor=cast.mia.user, module=library["boundaries"], due_on=TODAY, people=[cast.alice.pk]
    )
    Assignment.objects.update(due_on=TODAY - timedelta(days=1))
    completion_create(
        person=cast.sid, module=library["vicarious-trauma"], completed_on=TODAY, source="in_app"
    )
    with django_assert_num_queries(queries):
        few = client.get(API + path).json()
    _grow(cast, library)
    for i in range(10):
        module_save(
            actor=cast.adam.user,
            data={**_module_body(title=f"Extra {i}"), "category": "other"},
            required_for=[Role.PEER_SPECIALIST] if i % 2 else [],
        )
    with django_assert_num_queries(queries):
        many = client.get(API + path).json()
    assert many["count"] > few["count"] >= 1


def test_my_training_runs_a_constant_number_of_queries(
    cast: Cast, library, django_assert_num_queries
) -> None:
    client = _bearer(cast.alice)
    assignments_create(
        actor=cast.mia.user, module=library["boundaries"], due_on=TODAY, people=[cast.alice.pk]
    )
    # token, user, profile and own roles, open items, completions, modules available, their roles
    with django_assert_num_queries(5):
        client.get(f"{API}/my/")
    for module in library.values():
        completion_create(person=cast.alice, module=module, completed_on=TODAY, source="in_app")
    assignments_create(
        actor=cast.mia.user, module=library["boundaries"], due_on=TODAY, everyone=True
    )
    with django_assert_num_queries(5):
        body = client.get(f"{API}/my/").json()
    assert len(body["completions"]) == 4 and len(body["open"]) == 1


# --- the OpenAPI schema ----------------------------------------------------------------------


def test_the_schema_has_the_training_paths_and_no_warnings(tmp_path) -> None:
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
        "/api/v1/training/modules/",
        "/api/v1/training/modules/{id}/",
        "/api/v1/training/modules/{id}/archive/",
        "/api/v1/training/modules/{id}/restore/",
        "/api/v1/training/modules/{id}/content/",
        "/api/v1/training/modules/{id}/start/",
        "/api/v1/training/modules/{id}/sections/{position}/finish/",
        "/api/v1/training/modules/{id}/check/",
        "/api/v1/training/modules/{id}/reflection/",
        "/api/v1/training/my/",
        "/api/v1/training/assignments/",
        "/api/v1/training/assignments/{id}/",
        "/api/v1/training/completions/",
        "/api/v1/training/completions/{id}/",
        "/api/v1/training/completions/{id}/certificate/",
        "/api/v1/training/completions/{id}/evidence/",
        "/api/v1/training/attendance/",
        "/api/v1/training/matrix/",
        "/api/v1/training/overdue/",
    } <= set(schema["paths"])
    choice = schema["components"]["schemas"]["TrainingChoice"]
    assert "correct" not in choice.get("required", [])  # org admins only
