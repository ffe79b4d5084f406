"""Training journeys in a real browser: a specialist takes a module over two visits and
downloads her certificate; a program manager assigns a module to a role and follows it in the
team matrix; HR records attendance at a live session."""

from __future__ import annotations

import io
from datetime import date, timedelta

from playwright.sync_api import Page, expect
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from core import dates
from tests.browser.menus import open_menu, team_link
from workforce.models import (
    Assignment,
    Choice,
    Completion,
    Question,
    TrainingFormat,
    TrainingModule,
)
from workforce.training.catalogue import library_load, module_save

VICARIOUS_TRAUMA = "Understanding vicarious trauma and secondary traumatic stress"
SELF_CARE_PLAN = "Building your self-care plan"
LIVE_SESSION = "Grounding techniques (live session)"


def _harbor_today():
    """Harbor House's own date (the cast's organization is in Chicago): what its rules use,
    at any hour the suite runs."""
    return dates.date_in("America/Chicago")


def _library(cast) -> dict[str, TrainingModule]:
    library_load(organization=cast.harbor)
    return {m.library_key: m for m in TrainingModule.objects.filter(organization=cast.harbor)}


def _open_my_training(page: Page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Training").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My training")


def _sign_out(page: Page) -> None:
    open_menu(page, "Account").get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")


def _expect_section(page: Page, title: str, position: int) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_text(f"Section {position} of 5")).to_be_visible()


def _answer(page: Page, module: TrainingModule, *, wrong: int) -> None:
    """Answer every question, the first `wrong` of them with a wrong answer."""
    questions = Question.objects.filter(module=module).order_by("position")
    for number, question in enumerate(questions, start=1):
        choices = Choice.objects.filter(question=question, correct=number > wrong)
        group = page.get_by_role("group", name=f"{number}. {question.text}")
        group.get_by_label(choices.order_by("position").first().text).check()
    page.get_by_role("button", name="Check my answers").click()


def test_it_lets_a_specialist_take_a_module_over_two_visits(
    page, cast, sign_in, axe_check, tmp_path
):
    module = _library(cast)["vicarious-trauma"]

    # Visit 1: start, read, meet two content notes (read one, skip the other), stop.
    sign_in(page, cast.alice)
    _open_my_training(page)
    page.get_by_role("link", name=VICARIOUS_TRAUMA).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(VICARIOUS_TRAUMA)
    axe_check(page)
    page.get_by_role("button", name="Start this module").click()

    _expect_section(page, "Why this matters in peer work", 1)
    expect(page.get_by_test_id("content-note")).to_have_count(0)
    page.get_by_role("button", name="Done — next section").click()

    _expect_section(page, "What the words mean", 2)
    note = page.get_by_test_id("content-note")
    expect(note).to_contain_text("This section names common reactions")
    body = page.get_by_text("is a stress reaction to hearing about")
    expect(body).to_have_count(0)
    axe_check(page)
    note.get_by_role("link", name="Continue to this section").click()
    expect(body).to_be_visible()
    page.get_by_role("button", name="Done — next section").click()

    _expect_section(page, "How it can show up", 3)
    page.get_by_test_id("content-note").get_by_role("button", name="Skip ahead for now").click()
    _expect_section(page, "When someone's story sounds like yours", 4)
    expect(page.get_by_test_id("content-note")).to_be_visible()
    _sign_out(page)
    page.close()

    # Visit 2, another day: My training remembers the place; carry on from section 4.
    page = page.context.new_page()
    sign_in(page, cast.alice)
    _open_my_training(page)
    item = page.get_by_test_id("training-item").filter(has_text=VICARIOUS_TRAUMA)
    expect(item).to_contain_text("3 of 5 sections")
    item.get_by_role("link", name=VICARIOUS_TRAUMA).click()
    sections = page.get_by_role("region", name="Sections").get_by_role("listitem")
    expect(sections).to_have_count(5)
    expect(sections.nth(1)).to_contain_text("read")
    expect(sections.nth(2)).to_contain_text("skipped for now")
    expect(sections.nth(3)).not_to_contain_text("read")
    axe_check(page)
    page.get_by_role("link", name="Continue where I left off").click()

    _expect_section(page, "When someone's story sounds like yours", 4)
    page.get_by_test_id("content-note").get_by_role("link", name="Continue to this section").click()
    axe_check(page)
    page.get_by_role("button", name="Done — next section").click()
    _expect_section(page, "What helps — for you, your team and the organization", 5)
    page.get_by_role("button", name="Done", exact=True).click()

    # The knowledge check: a first try that falls short is met kindly; a second one passes.
    expect(page.get_by_role("heading", level=1)).to_have_text("Knowledge check")
    axe_check(page)
    # The pass mark is 75% of four questions: one wrong answer still passes, two fall short.
    _answer(page, module, wrong=2)
    result = page.get_by_test_id("check-result")
    expect(result).to_contain_text("You scored 50%; the pass mark is 75%.")
    expect(result).to_contain_text("have another look at the explanations below")
    expect(result).not_to_contain_text("fail", ignore_case=True)
    expect(page.get_by_text("Vicarious trauma builds up over time")).to_be_visible()
    axe_check(page)
    _answer(page, module, wrong=0)
    expect(result).to_contain_text("You scored 100% — well done.")
    expect(result).to_contain_text("You've completed this module.")

    # The certificate, from My training.
    _open_my_training(page)
    done = page.get_by_role("region", name="Done")
    row = done.get_by_role("row").filter(has_text=VICARIOUS_TRAUMA)
    expect(row.get_by_role("cell").nth(2)).to_have_text("1")  # CE hours
    axe_check(page)
    with page.expect_download() as download_info:
        row.get_by_role("link", name="Download (PDF)").click()
    saved = tmp_path / "certificate.pdf"
    download_info.value.save_as(saved)
    text = " ".join(p.extract_text() for p in PdfReader(saved).pages)
    assert "Alice" in text
    assert VICARIOUS_TRAUMA in text
    assert "Harbor House" in text


def _assign_to_peer_specialists(page: Page, *, module_title: str, due: date) -> None:
    """On the assign form: the module, to everyone with the peer specialist role, by `due`."""
    page.get_by_label("Module").select_option(label=module_title)
    assign_to = page.get_by_role("group", name="Assign to")
    assign_to.get_by_label("Chosen people").check()
    expect(page.get_by_role("group", name="People")).to_be_visible()
    expect(page.get_by_label("Role", exact=True)).to_be_hidden()
    assign_to.get_by_label("Everyone with a role").check()
    expect(page.get_by_role("group", name="People")).to_be_hidden()  # only for chosen people
    page.get_by_label("Role", exact=True).select_option(label="Peer specialist")
    page.get_by_label("Due date").fill(due.isoformat())
    page.get_by_role("button", name="Assign").click()


def _filter_matrix(page: Page, *, role: str, status: str) -> None:
    page.get_by_label("Role", exact=True).select_option(label=role)
    page.get_by_label("Status", exact=True).select_option(label=status)
    page.get_by_role("button", name="Filter").click()


def _day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def test_it_lets_a_program_manager_assign_a_module_to_a_role(page, cast, sign_in, axe_check):
    _library(cast)
    due = _harbor_today() + timedelta(days=21)

    sign_in(page, cast.mia)
    team_link(page, "Team training").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Team training")
    page.get_by_role("link", name="Assign training").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Assign training")
    axe_check(page)
    _assign_to_peer_specialists(page, module_title=SELF_CARE_PLAN, due=due)

    expect(page.get_by_role("heading", level=1)).to_have_text("Team training")
    expect(page.get_by_role("status")).to_have_text("Assigned to 2 people.")
    assert set(
        Assignment.objects.filter(module__library_key="self-care-plan").values_list(
            "person__chosen_name", "due_on"
        )
    ) == {("Alice", due), ("Sid", due)}
    _filter_matrix(page, role="Peer specialist", status="Something not started")
    matrix = page.get_by_test_id("training-matrix")
    expect(matrix.get_by_role("caption")).to_have_text("2 people")
    expect(matrix.locator("tbody th[scope=row] a")).to_have_text(["Alice", "Sid"])
    axe_check(page)

    page.get_by_role("link", name="Overdue list").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overdue training")
    expect(page.get_by_test_id("overdue-list")).to_contain_text("Nothing is past its due date.")
    axe_check(page)


def test_it_shows_a_module_assigned_to_a_role_in_the_matrix(page, cast, sign_in):
    _library(cast)
    due = _harbor_today() + timedelta(days=21)
    sign_in(page, cast.mia)
    page.goto("/training/team/assign/")
    _assign_to_peer_specialists(page, module_title=SELF_CARE_PLAN, due=due)
    _filter_matrix(page, role="Peer specialist", status="Something not started")

    matrix = page.get_by_test_id("training-matrix")
    headers = matrix.locator("thead th")
    expect(headers.filter(has_text=SELF_CARE_PLAN)).to_have_count(1)
    column = headers.all_inner_texts().index(SELF_CARE_PLAN)
    for name in ("Alice", "Sid"):
        cell = matrix.get_by_role("row").filter(has_text=name).locator("th, td").nth(column)
        expect(cell).to_contain_text("Not started")
        expect(cell).to_contain_text(f"due {_day(due)}")


def _attendance_sheet() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Attendance: grounding techniques. Alice, Sid")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _live_session(cast) -> TrainingModule:
    return module_save(
        actor=cast.adam.user,
        data={
            "title": LIVE_SESSION,
            "summary": "A live group session on grounding.",
            "category": "other",
            "format": TrainingFormat.LIVE,
            "estimated_minutes": 90,
            "ce_hours": "1.50",
            "ce_category": "general",
        },
        required_for=[],
    )


def _record_attendance(page: Page, *, day: date, people: list[str]) -> None:
    """On the attendance form: the live session on `day`, these people, a signed sheet."""
    page.get_by_label("Course or session").select_option(label=LIVE_SESSION)
    page.get_by_label("Date of the session").fill(day.isoformat())
    for name in people:
        page.get_by_role("group", name="Who attended").get_by_label(name, exact=True).check()
    page.get_by_label("Attendance sheet (PDF or photo)").set_input_files(
        files=[{"name": "sheet.pdf", "mimeType": "application/pdf", "buffer": _attendance_sheet()}]
    )
    page.get_by_role("button", name="Record attendance").click()


def test_it_lets_hr_record_attendance_at_a_live_session(
    page, cast, sign_in, axe_check, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    _live_session(cast)
    session_day = _harbor_today() - timedelta(days=1)

    sign_in(page, cast.hana)
    team_link(page, "Team training").click()
    page.get_by_role("link", name="Record attendance").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record attendance")
    axe_check(page)
    _record_attendance(page, day=session_day, people=["Alice", "Sid"])
    expect(page.get_by_role("heading", level=1)).to_have_text("Team training")
    expect(page.get_by_role("status")).to_have_text("Recorded for 2 people.")
    _sign_out(page)

    sign_in(page, cast.alice)
    _open_my_training(page)
    row = page.get_by_role("region", name="Done").get_by_role("row").filter(has_text=LIVE_SESSION)
    expect(row).to_contain_text(_day(session_day))
    expect(row).to_contain_text("1.50")
    expect(row.get_by_role("link", name="Download (PDF)")).to_be_visible()
    axe_check(page)


def test_it_keeps_the_attendance_sheet_between_hr_and_admins(
    page, cast, sign_in, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    _live_session(cast)
    sign_in(page, cast.hana)
    page.goto("/training/team/attendance/")
    _record_attendance(page, day=_harbor_today(), people=["Alice", "Sid"])
    expect(page.get_by_role("status")).to_have_text("Recorded for 2 people.")
    _sign_out(page)

    sign_in(page, cast.alice)
    _open_my_training(page)
    row = page.get_by_role("region", name="Done").get_by_role("row").filter(has_text=LIVE_SESSION)
    expect(row.get_by_role("link", name="Download (PDF)")).to_be_visible()
    expect(row.get_by_role("link", name="Your uploaded file")).to_have_count(0)
    completion = Completion.objects.get(person=cast.alice, module__title=LIVE_SESSION)
    assert page.request.get(f"/training/completions/{completion.pk}/evidence/").status == 404
