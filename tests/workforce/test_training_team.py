"""Training for managers and HR: the matrix (cells, filters, pages, CSV), the overdue list,
assigning from the page, HR's attendance lists; and learners recording outside courses."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from reportlab.pdfgen.canvas import Canvas

from tests.conftest import Cast
from tests.factories import ProfileFactory
from workforce.models import (
    Assignment,
    CEEntry,
    Completion,
    Role,
    TrainingFormat,
    TrainingModule,
)
from workforce.training.assignments import assignments_create
from workforce.training.catalogue import library_load, module_save
from workforce.training.learning import completion_create

TODAY = date(2026, 11, 26)


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


def _pdf() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Certificate of attendance")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _upload(name="certificate.pdf", data=None, content_type="application/pdf"):
    return SimpleUploadedFile(name, _pdf() if data is None else data, content_type=content_type)


def _rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


# --- the matrix ------------------------------------------------------------------------------


def test_it_shows_each_required_module_with_its_status(cast: Cast, login, library) -> None:
    vt, sup = library["vicarious-trauma"], library["supportive-supervision"]
    assignments_create(actor=cast.mia.user, module=vt, due_on=TODAY, people=[cast.alice.pk])
    Assignment.objects.filter(module=vt).update(due_on=TODAY - timedelta(days=3))
    completion_create(person=cast.sid, module=vt, completed_on=TODAY, source="in_app")
    response = login(cast.mia).get("/training/team/")
    assert response.status_code == 200
    rows = {row.person.chosen_name: row for row in response.context["rows"]}
    titles = [m.title for m in response.context["modules"]]
    cell = {
        name: dict(zip(titles, [c.state for c in row.cells], strict=True))
        for name, row in rows.items()
    }
    assert cell["Alice"][vt.title] == "overdue"
    assert cell["Alice"][sup.title] == "not_assigned"  # required for specialists, never assigned
    assert cell["Sid"][vt.title] == "completed"
    assert cell["Mia"][vt.title] == "not_required"
    assert "Charlie" not in rows and "Carol" not in rows


def test_it_renews_and_filters_by_status(cast: Cast, login, library) -> None:
    vt = library["vicarious-trauma"]  # renews every 12 months
    completion_create(person=cast.sid, module=vt, completed_on=date(2025, 10, 1), source="in_app")
    assignments_create(actor=cast.mia.user, module=vt, due_on=TODAY, people=[cast.alice.pk])
    client = login(cast.hana)
    first = client.get("/training/team/").context
    sid = next(r for r in first["rows"] if r.person == cast.sid)
    column = [m.pk for m in first["modules"]].index(vt.pk)
    assert sid.cells[column].state == "lapsed"  # completed 14 months ago, renews yearly

    def names(**params) -> set[str]:
        return {r.person.chosen_name for r in client.get("/training/team/", params).context["rows"]}

    assert names(status="not_started") == {"Alice"}
    assert names(status="overdue") == set()
    Assignment.objects.filter(person=cast.alice).update(due_on=TODAY - timedelta(days=1))
    assert names(status="overdue") == {"Alice"}
    assert "Bob" in names(status="not_assigned")
    assert names(role=Role.SUPERVISOR) == {"Bob"}
    assert "Mia" in names(status="complete")  # nothing required of a program manager
    assert "Alice" not in names(status="complete")


def test_a_supervisor_sees_only_their_team_and_specialists_see_nothing(
    cast: Cast, login, library
) -> None:
    rows = login(cast.bob).get("/training/team/").context["rows"]
    assert {r.person.chosen_name for r in rows} == {"Alice", "Bob"}
    for person in (cast.alice, cast.sid, cast.carol):
        client = login(person, Client())
        assert client.get("/training/team/").status_code == 404
        assert client.get("/training/team/overdue/").status_code == 404
        assert client.get("/training/team/assign/").status_code == 404


def test_the_matrix_runs_a_constant_number_of_queries(
    cast: Cast, login, library, django_assert_num_queries
) -> None:
    client = login(cast.mia)
    client.get("/training/team/")  # warm the session

    with django_assert_num_queries(10) as few:
        client.get("/training/team/")
    for i in range(30):
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
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get("/training/team/")
    assert len(response.context["rows"]) == 36


def test_the_matrix_csv_matches_the_filters_and_defuses_formulas(
    cast: Cast, login, library
) -> None:
    cast.sid.chosen_name = "=HYPERLINK(1)"
    cast.sid.save()
    completion_create(
        person=cast.alice, module=library["boundaries"], completed_on=TODAY, source="in_app"
    )
    response = login(cast.hana).get("/training/team/", {"format": "csv", "role": "specialist"})
    assert response["Content-Disposition"].startswith("attachment;")
    header, *rows = _rows(response)
    assert header[:2] == ["Name", "Roles"]
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert set(by_name) == {"Alice", "'=HYPERLINK(1)"}
    assert by_name["Alice"][library["boundaries"].title] == "Completed (2026-11-26)"


# --- the overdue list ------------------------------------------------------------------------


def test_the_overdue_list_shows_only_what_is_past_due(cast: Cast, login, library) -> None:
    for person, days in ((cast.alice, 10), (cast.sid, -2), (cast.bob, 1)):
        assignments_create(
            actor=cast.mia.user, module=library["boundaries"], due_on=TODAY, people=[person.pk]
        )
        Assignment.objects.filter(person=person).update(due_on=TODAY - timedelta(days=days))
    client = login(cast.mia)
    page = client.get("/training/team/overdue/").context["page"]
    assert [(a.person.chosen_name, a.days_late) for a in page] == [("Alice", 10), ("Bob", 1)]
    _header, *rows = _rows(client.get("/training/team/overdue/", {"format": "csv"}))
    assert rows[0][0] == "Alice" and rows[0][3] == "10"
    assert len(rows) == 2


# --- assigning from the page -----------------------------------------------------------------


def test_a_manager_assigns_to_a_role_from_the_page(cast: Cast, login, library) -> None:
    module = library["self-care-plan"]
    response = login(cast.mia).post(
        "/training/team/assign/",
        {"module": module.pk, "target": "role", "role": "specialist", "due_on": "2026-12-20"},
    )
    assert response.status_code == 302
    assert set(
        Assignment.objects.filter(module=module).values_list("person__chosen_name", flat=True)
    ) == {"Alice", "Sid"}


@pytest.mark.parametrize(
    "data, field",
    [
        ({"target": "role", "role": ""}, "role"),
        ({"target": "people"}, "people"),
        ({"target": "everyone", "due_on": "2020-01-01"}, "due_on"),
        ({"target": "role", "role": "specialist", "due_on": "not a date"}, "due_on"),
    ],
)
def test_bad_assignments_come_back_with_errors(cast: Cast, login, library, data, field) -> None:
    data = {"module": library["boundaries"].pk, **data}
    response = login(cast.hana).post("/training/team/assign/", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Assignment.objects.exists()


def test_another_organizations_module_or_people_cannot_be_assigned(cast: Cast, login) -> None:
    library_load(organization=cast.elsewhere)
    theirs = TrainingModule.objects.filter(organization=cast.elsewhere).first()
    client = login(cast.mia)
    response = client.post("/training/team/assign/", {"module": theirs.pk, "target": "everyone"})
    assert "module" in response.context["form"].errors
    library_load(organization=cast.harbor)
    ours = TrainingModule.objects.filter(organization=cast.harbor).first()
    response = client.post(
        "/training/team/assign/", {"module": ours.pk, "target": "people", "people": [cast.carol.pk]}
    )
    assert "people" in response.context["form"].errors
    assert not Assignment.objects.exists()


# --- recording outside courses ---------------------------------------------------------------


def test_a_learner_records_an_outside_course_with_its_certificate(
    cast: Cast, login, course
) -> None:
    assignments_create(actor=cast.mia.user, module=course, due_on=TODAY, people=[cast.alice.pk])
    client = login(cast.alice)
    response = client.post(
        "/training/record/",
        {"module": course.pk, "completed_on": "2026-11-20", "evidence": _upload()},
    )
    assert response.status_code == 302
    completion = Completion.objects.get(person=cast.alice, module=course)
    assert completion.source == "self_reported" and completion.evidence_type == "application/pdf"
    assert not completion.evidence.name.endswith("certificate.pdf")  # a random name, not theirs
    assert Assignment.objects.get(person=cast.alice, module=course).completion == completion
    entry = CEEntry.objects.get(completion=completion)
    assert (entry.hours, entry.status) == (course.ce_hours, "pending")  # HR approves outside CE
    download = client.get(f"/training/completions/{completion.pk}/evidence/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert download["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "upload, message",
    [
        (None, "certificate"),
        (lambda: _upload("cert.pdf", b"MZ\x90\x00" + b"\x00" * 200), "PDF or a photo"),
        (lambda: _upload("cert.pdf", b"just some text", "application/pdf"), "PDF or a photo"),
    ],
)
def test_a_bad_certificate_is_refused_and_nothing_is_saved(
    cast: Cast, login, course, upload, message
) -> None:
    data = {"module": course.pk, "completed_on": "2026-11-20"}
    if upload:
        data["evidence"] = upload()
    response = login(cast.alice).post("/training/record/", data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["evidence"])
    assert not Completion.objects.exists() and not CEEntry.objects.exists()


def test_an_oversize_certificate_is_refused(cast: Cast, login, course, settings) -> None:
    settings.EVIDENCE_MAX_BYTES = 1000
    response = login(cast.alice).post(
        "/training/record/",
        {"module": course.pk, "completed_on": "2026-11-20", "evidence": _upload()},
    )
    assert "evidence" in response.context["form"].errors
    assert not Completion.objects.exists()


def test_a_future_date_or_a_double_record_is_refused(cast: Cast, login, course) -> None:
    client = login(cast.alice)
    response = client.post(
        "/training/record/",
        {"module": course.pk, "completed_on": "2026-12-01", "evidence": _upload()},
    )
    assert "completed_on" in response.context["form"].errors
    data = {"module": course.pk, "completed_on": "2026-11-01"}
    assert client.post("/training/record/", {**data, "evidence": _upload()}).status_code == 302
    response = client.post("/training/record/", {**data, "evidence": _upload()})
    assert "completed_on" in response.context["form"].errors
    assert Completion.objects.count() == 1


@pytest.mark.parametrize(
    "viewer, status",
    [
        ("alice", 200),
        ("hana", 200),
        ("adam", 200),
        ("mia", 404),
        ("bob", 404),
        ("sid", 404),
        ("charlie", 404),
    ],
)
def test_only_the_holder_hr_and_admins_open_evidence(
    cast: Cast, login, course, viewer, status
) -> None:
    login(cast.alice).post(
        "/training/record/",
        {"module": course.pk, "completed_on": "2026-11-20", "evidence": _upload()},
    )
    completion = Completion.objects.get()
    response = login(cast.by_name(viewer), Client()).get(
        f"/training/completions/{completion.pk}/evidence/"
    )
    assert response.status_code == status


def test_hr_records_attendance_for_a_group(cast: Cast, login, course) -> None:
    client = login(cast.hana)
    data = {
        "module": course.pk,
        "completed_on": "2026-11-25",
        "people": [cast.alice.pk, cast.sid.pk],
    }
    response = client.post("/training/team/attendance/", {**data, "evidence": _upload("sheet.pdf")})
    assert response.status_code == 302
    done = Completion.objects.filter(module=course)
    assert {c.person.chosen_name for c in done} == {"Alice", "Sid"}
    assert len({c.evidence.name for c in done}) == 1  # one sheet, kept once
    assert set(CEEntry.objects.values_list("status", flat=True)) == {"approved"}
    again = client.post(
        "/training/team/attendance/", {**data, "people": [cast.alice.pk, cast.bob.pk]}
    )
    assert again.status_code == 302, again.context["form"].errors
    assert (
        Completion.objects.filter(module=course).count() == 3
    )  # alice already had it for that date: not twice


def test_attendance_is_for_hr_and_admins_and_their_own_people(cast: Cast, login, course) -> None:
    assert login(cast.mia).get("/training/team/attendance/").status_code == 404
    response = login(cast.hana, Client()).post(
        "/training/team/attendance/",
        {"module": course.pk, "completed_on": "2026-11-25", "people": [cast.carol.pk]},
    )
    assert response.status_code == 200
    assert not Completion.objects.exists()


def test_the_learners_page_links_outside_courses_to_recording(cast: Cast, login, course) -> None:
    assignments_create(actor=cast.mia.user, module=course, due_on=TODAY, people=[cast.alice.pk])
    body = login(cast.alice).get("/training/").content.decode()
    assert f"/training/record/?module={course.pk}" in body


def test_a_persons_page_shows_their_training_to_those_who_may_read_it(
    cast: Cast, login, library
) -> None:
    module = library["boundaries"]
    assignments_create(actor=cast.mia.user, module=module, due_on=TODAY, people=[cast.alice.pk])
    Assignment.objects.filter(person=cast.alice).update(due_on=TODAY - timedelta(days=2))
    completion_create(
        person=cast.alice, module=library["self-care-plan"], completed_on=TODAY, source="in_app"
    )
    url = f"/people/{cast.alice.pk}/"
    for viewer in (cast.mia, cast.hana, cast.bob):
        body = login(viewer, Client()).get(url).content.decode()
        assert "Overdue (was due 24 Nov 2026)" in body
        assert library["self-care-plan"].title in body
    own = login(cast.alice, Client()).get(url).content.decode()
    assert "Overdue" not in own and "you can still complete it" in own
    assert login(cast.sid, Client()).get(url).status_code == 404


def test_an_attendance_sheet_stays_with_hr(cast: Cast, login, course) -> None:
    login(cast.hana).post(
        "/training/team/attendance/",
        {
            "module": course.pk,
            "completed_on": "2026-11-25",
            "people": [cast.alice.pk, cast.sid.pk],
            "evidence": _upload("sheet.pdf"),
        },
    )
    completion = Completion.objects.get(person=cast.alice)
    url = f"/training/completions/{completion.pk}/evidence/"
    alice = login(cast.alice, Client())
    assert alice.get(url).status_code == 404  # it may list everyone who came
    assert url not in alice.get("/training/").content.decode()
    assert login(cast.hana, Client()).get(url).status_code == 200


def test_a_module_assigned_by_hand_gets_its_own_column(cast: Cast, login, library) -> None:
    module = library["self-care-plan"]  # required for nobody
    client = login(cast.mia)
    assert module not in client.get("/training/team/").context["modules"]
    assignments_create(actor=cast.mia.user, module=module, due_on=TODAY, role="specialist")
    context = client.get("/training/team/", {"role": "specialist"}).context
    column = context["modules"].index(module)
    cells = {row.person.chosen_name: row.cells[column].state for row in context["rows"]}
    assert cells == {"Alice": "not_started", "Sid": "not_started"}
    assert module not in client.get("/training/team/", {"role": "supervisor"}).context["modules"]


def test_installing_the_starter_library_assigns_what_roles_require(cast: Cast, login) -> None:
    client = login(cast.adam)
    assert "Add the starter modules" in client.get("/training/catalogue/").content.decode()
    client.post("/training/catalogue/library/")
    assert TrainingModule.objects.filter(organization=cast.harbor).count() == 4
    open_for = set(
        Assignment.objects.filter(person=cast.alice).values_list("module__library_key", flat=True)
    )
    assert open_for == {"boundaries", "vicarious-trauma", "supportive-supervision"}
    assert not Assignment.objects.filter(person__organization=cast.elsewhere).exists()
    client.post("/training/catalogue/library/")  # again: nothing new
    assert TrainingModule.objects.filter(organization=cast.harbor).count() == 4
    assert "Add the starter modules" not in client.get("/training/catalogue/").content.decode()
    assert login(cast.hana, Client()).post("/training/catalogue/library/").status_code == 404


def test_a_learner_switches_training_emails_off_and_on(cast: Cast, login) -> None:
    client = login(cast.alice)
    client.post("/training/emails/", {})
    cast.alice.refresh_from_db()
    assert not cast.alice.work_emails
    assert 'id="training_emails" checked' not in client.get("/training/").content.decode()
    client.post("/training/emails/", {"training_emails": "on"})
    cast.alice.refresh_from_db()
    assert cast.alice.work_emails


def test_the_home_page_says_what_training_is_waiting(cast: Cast, login, library) -> None:
    assignments_create(
        actor=cast.mia.user, module=library["boundaries"], due_on=TODAY, people=[cast.alice.pk]
    )
    Assignment.objects.update(due_on=TODAY - timedelta(days=1))
    alice = login(cast.alice).get("/dashboard/").content.decode()
    assert "1 module waiting for you." in alice
    assert "due date passed — you can still complete it" in alice and "Overdue" not in alice
    sid = login(cast.sid, Client()).get("/dashboard/").content.decode()
    assert "Nothing waiting for you right now." in sid
    mia = login(cast.mia, Client()).get("/dashboard/").content.decode()
    assert "1 assignment past its due date." in mia


def test_the_training_page_title_is_plain_text(cast: Cast, login) -> None:
    import re

    body = login(cast.alice).get("/training/").content.decode()
    title = re.search(r"<title>(.*?)</title>", body, re.S).group(1)
    assert "<" not in title and "My training" in title


# --- second read: what a reviewer found --------------------------------------------------------


def test_a_live_session_is_recorded_by_hr_not_self_reported(cast: Cast, login) -> None:
    live = module_save(
        actor=cast.adam.user,
        data={**_course_data(), "title": "Circle", "format": TrainingFormat.LIVE},
        required_for=[],
    )
    response = login(cast.alice).post(
        "/training/record/", {"module": live.pk, "completed_on": "2026-11-20"}
    )
    assert response.status_code == 200 and "module" in response.context["form"].errors
    assert not Completion.objects.exists()


def test_a_self_reported_course_gets_no_peerwell_certificate(cast: Cast, login, course) -> None:
    client = login(cast.alice)
    client.post(
        "/training/record/",
        {"module": course.pk, "completed_on": "2026-11-20", "evidence": _upload()},
    )
    completion = Completion.objects.get()
    assert client.get(f"/training/certificates/{completion.pk}.pdf").status_code == 404
    assert Client().get(f"/verify/{completion.verification_code}/").status_code == 404
    assert (
        f"/training/completions/{completion.pk}/evidence/"
        in client.get("/training/").content.decode()
    )


def test_an_old_completion_does_not_close_a_renewal(cast: Cast, library) -> None:
    vt = library["vicarious-trauma"]  # renews every 12 months
    assignments_create(actor=cast.mia.user, module=vt, due_on=TODAY, people=[cast.alice.pk])
    completion_create(person=cast.alice, module=vt, completed_on=date(2024, 1, 5), source="in_app")
    assert Assignment.objects.get(person=cast.alice, module=vt).completion is None
    completion_create(person=cast.alice, module=vt, completed_on=TODAY, source="in_app")
    assert Assignment.objects.get(person=cast.alice, module=vt).completion is not None


def test_a_reflection_stays_its_owners_when_the_prompt_goes(cast: Cast, login, library) -> None:
    from workforce.models import Reflection
    from workforce.training.catalogue import module_delete
    from workforce.training.learning import reflection_save

    module = library["vicarious-trauma"]
    reflection_save(actor=cast.alice.user, module=module, text="Mine alone")
    TrainingModule.objects.filter(pk=module.pk).update(reflection_prompt="")
    page = login(cast.alice).get(f"/training/modules/{module.pk}/reflection/")
    assert page.status_code == 200 and "Mine alone" in page.content.decode()
    assert (
        login(cast.sid, Client()).get(f"/training/modules/{module.pk}/reflection/").status_code
        == 404
    )
    with pytest.raises(ValidationError):
        module_delete(actor=cast.adam.user, module=module)
    assert Reflection.objects.filter(owner=cast.alice).exists()


def test_restoring_a_required_module_assigns_people_who_joined_meanwhile(
    cast: Cast, library
) -> None:
    from workforce.training.catalogue import module_archive

    module = library["boundaries"]  # required for specialists
    module_archive(actor=cast.adam.user, module=module)
    newcomer = ProfileFactory(organization=cast.harbor, roles=[Role.PEER_SPECIALIST])
    assert not Assignment.objects.filter(person=newcomer, module=module).exists()
    module_archive(actor=cast.adam.user, module=module, archived=False)
    assert Assignment.objects.filter(person=newcomer, module=module).exists()


def test_a_supervisor_sees_only_their_teams_columns(cast: Cast, login, library) -> None:
    private = library["self-care-plan"]  # required for nobody: a column only when assigned
    assignments_create(actor=cast.mia.user, module=private, due_on=TODAY, people=[cast.sid.pk])
    assert private in login(cast.mia).get("/training/team/").context["modules"]
    assert private not in login(cast.bob, Client()).get("/training/team/").context["modules"]


def test_the_matrix_csv_header_defuses_formula_titles(cast: Cast, login, library) -> None:
    TrainingModule.objects.filter(pk=library["boundaries"].pk).update(title="=cmd|' /C calc'!A0")
    header = _rows(login(cast.hana).get("/training/team/", {"format": "csv"}))[0]
    assert "'=cmd|' /C calc'!A0" in header


def test_the_role_filter_counts_only_that_roles_modules(cast: Cast, login, library) -> None:
    # Bob supervises and now also does peer work: the supervision module is required of
    # him as a supervisor, but the specialist view's columns are the specialist modules.
    from workforce.models import RoleGrant

    RoleGrant.objects.create(profile=cast.bob, role=Role.PEER_SPECIALIST)
    for key in ("boundaries", "vicarious-trauma", "supportive-supervision"):
        completion_create(person=cast.bob, module=library[key], completed_on=TODAY, source="in_app")
    client = login(cast.mia)
    names = {
        r.person.chosen_name
        for r in client.get(
            "/training/team/", {"role": "specialist", "status": "not_assigned"}
        ).context["rows"]
    }
    assert "Bob" not in names and {"Alice", "Sid"} <= names


def test_today_is_the_learners_own(cast: Cast, login, course) -> None:
    cast.alice.timezone = "Asia/Tokyo"
    cast.alice.save()
    # 2026-11-26 15:00 UTC is already the 27th in Tokyo: recording "today" is fine there.
    response = login(cast.alice).post(
        "/training/record/",
        {"module": course.pk, "completed_on": "2026-11-27", "evidence": _upload()},
    )
    assert response.status_code == 302
    assert Completion.objects.get().completed_on == date(2026, 11, 27)


def _course_data() -> dict:
    return {
        "title": "Outside course",
        "summary": "x",
        "category": "other",
        "format": TrainingFormat.EXTERNAL,
        "estimated_minutes": 60,
        "ce_hours": "1.00",
        "ce_category": "general",
    }
