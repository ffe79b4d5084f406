"""The training catalogue pages: org admins add and edit modules, sections and questions,
archive modules, and can delete only what nobody has completed."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client

from tests.conftest import Cast
from workforce.models import Assignment, ModuleSection, Question, TrainingModule
from workforce.training.catalogue import library_load
from workforce.training.learning import completion_create

MODULE = {
    "title": "Crisis follow-up basics",
    "summary": "What to do in the days after a crisis call.",
    "category": "crisis",
    "format": "in_app",
    "estimated_minutes": "30",
    "ce_hours": "0.5",
    "ce_category": "general",
    "renewal_months": "",
    "pass_mark": "80",
    "reflection_prompt": "",
}


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel("2026-11-26 15:00Z", tick=False):
        yield


@pytest.fixture
def admin(cast: Cast, login) -> Client:
    return login(cast.adam)


def test_an_admin_adds_a_module_required_for_a_role(cast: Cast, admin) -> None:
    response = admin.post("/training/catalogue/new/", {**MODULE, "required_for": ["specialist"]})
    module = TrainingModule.objects.get(title=MODULE["title"])
    assert (
        response.status_code == 302 and response["Location"] == f"/training/catalogue/{module.pk}/"
    )
    assert module.organization == cast.harbor
    assert list(module.requirements.values_list("role", flat=True)) == ["specialist"]
    # Everyone already in the role is assigned it, with a month to do it.
    assigned = Assignment.objects.filter(module=module)
    assert {a.person.chosen_name for a in assigned} == {"Alice", "Sid"}
    assert {str(a.due_on) for a in assigned} == {"2026-12-26"}


def test_bad_module_input_comes_back_with_errors(cast: Cast, admin) -> None:
    data = {**MODULE, "title": "", "estimated_minutes": "0", "required_for": ["pirate"]}
    response = admin.post("/training/catalogue/new/", data)
    assert response.status_code == 200
    assert {"title", "estimated_minutes", "required_for"} <= set(response.context["form"].errors)
    assert not TrainingModule.objects.exists()


def test_an_admin_writes_sections_and_reorders_them(cast: Cast, admin) -> None:
    admin.post("/training/catalogue/new/", MODULE)
    module = TrainingModule.objects.get()
    base = f"/training/catalogue/{module.pk}/sections/"
    for title in ("First", "Second", "Third"):
        note = "This section talks about self-harm." if title == "Second" else ""
        response = admin.post(
            base + "new/", {"title": title, "content_note": note, "body": f"## {title}\n\nText"}
        )
        assert response.status_code == 302
    second = ModuleSection.objects.get(title="Second")
    admin.post(f"{base}{second.pk}/action/", {"action": "up"})
    assert list(module.sections.values_list("title", flat=True)) == ["Second", "First", "Third"]
    admin.post(f"{base}{second.pk}/action/", {"action": "delete"})
    assert list(module.sections.values_list("title", "position")) == [("First", 1), ("Third", 2)]
    page = admin.get(f"{base}{ModuleSection.objects.get(title='First').pk}/")
    assert "<h2>First</h2>" in page.context["preview"]


def test_section_markdown_is_sanitized_in_the_preview(cast: Cast, admin) -> None:
    admin.post("/training/catalogue/new/", MODULE)
    module = TrainingModule.objects.get()
    admin.post(
        f"/training/catalogue/{module.pk}/sections/new/",
        {"title": "X", "body": "Hello <script>alert(1)</script> [a](javascript:alert(2))"},
    )
    section = module.sections.get()
    preview = admin.get(f"/training/catalogue/{module.pk}/sections/{section.pk}/").context[
        "preview"
    ]
    assert "<script" not in preview and "javascript:" not in preview


def test_an_admin_writes_a_question_with_answers(cast: Cast, admin) -> None:
    admin.post("/training/catalogue/new/", MODULE)
    module = TrainingModule.objects.get()
    url = f"/training/catalogue/{module.pk}/questions/new/"
    bad = admin.post(url, {"text": "Which?", "choice_0": "A", "choice_1": "B"})
    assert bad.status_code == 200 and bad.context["form"].non_field_errors()
    assert not Question.objects.exists()
    good = {"text": "Which?", "choice_0": "A", "choice_1": "B", "choice_2": "C", "correct_1": "on"}
    assert admin.post(url, good).status_code == 302
    question = Question.objects.get()
    assert [(c.text, c.correct) for c in question.choices.all()] == [
        ("A", False),
        ("B", True),
        ("C", False),
    ]
    edit = f"/training/catalogue/{module.pk}/questions/{question.pk}/"
    admin.post(edit, {**good, "choice_2": "", "correct_1": "", "correct_0": "on"})
    assert [(c.text, c.correct) for c in question.choices.all()] == [("A", True), ("B", False)]


def test_a_completed_module_is_archived_not_deleted(cast: Cast, admin) -> None:
    library_load(organization=cast.harbor)
    module = TrainingModule.objects.get(library_key="boundaries")
    completion_create(
        person=cast.alice, module=module, completed_on=module.created_at.date(), source="in_app"
    )
    admin.post(f"/training/catalogue/{module.pk}/delete/")
    assert TrainingModule.objects.filter(pk=module.pk).exists()
    admin.post(f"/training/catalogue/{module.pk}/archive/", {"action": "archive"})
    module.refresh_from_db()
    assert module.archived_at is not None
    assert module.completions.count() == 1
    unused = TrainingModule.objects.get(library_key="self-care-plan")
    admin.post(f"/training/catalogue/{unused.pk}/delete/")
    assert not TrainingModule.objects.filter(pk=unused.pk).exists()


@pytest.mark.parametrize("person", ["alice", "bob", "mia", "hana", "charlie"])
def test_only_the_organizations_admins_manage_the_catalogue(cast: Cast, login, person) -> None:
    library_load(organization=cast.harbor)
    module = TrainingModule.objects.filter(organization=cast.harbor).first()
    section = module.sections.first()
    client = login(cast.by_name(person))
    own_catalogue = ("/training/catalogue/", "/training/catalogue/new/")
    for url in (
        *(own_catalogue if person != "charlie" else ()),  # charlie admins his own
        f"/training/catalogue/{module.pk}/",
        f"/training/catalogue/{module.pk}/sections/{section.pk}/",
        f"/training/catalogue/{module.pk}/questions/new/",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/training/catalogue/{module.pk}/archive/",
        f"/training/catalogue/{module.pk}/delete/",
        f"/training/catalogue/{module.pk}/sections/{section.pk}/action/",
    ):
        assert client.post(url, {"action": "delete"}).status_code == 404, url
    module.refresh_from_db()
    assert module.archived_at is None and module.sections.count() >= 1


def test_a_section_of_another_module_is_not_found(cast: Cast, admin) -> None:
    library_load(organization=cast.harbor)
    one, two = TrainingModule.objects.filter(organization=cast.harbor)[:2]
    section = two.sections.first()
    assert admin.get(f"/training/catalogue/{one.pk}/sections/{section.pk}/").status_code == 404


def test_an_outside_course_has_no_check_or_reflection(cast: Cast, admin) -> None:
    data = {**MODULE, "format": "external", "pass_mark": "80", "reflection_prompt": "How was it?"}
    response = admin.post("/training/catalogue/new/", data)
    assert {"pass_mark", "reflection_prompt"} <= set(response.context["form"].errors)
    assert not TrainingModule.objects.exists()


def test_the_learning_steps_refuse_an_outside_course(cast: Cast) -> None:
    from django.http import Http404

    from workforce.models import Assignment
    from workforce.training import learning

    module = TrainingModule.objects.create(
        organization=cast.harbor,
        title="Outside",
        summary="x",
        category="other",
        format="external",
        estimated_minutes=60,
        reflection_prompt="Sneaked in",
    )
    assignment = Assignment.objects.create(
        organization=cast.harbor, person=cast.alice, module=module, source="person"
    )
    with pytest.raises(Http404):
        learning.knowledge_check_submit(actor=cast.alice.user, assignment=assignment, answers={})
    with pytest.raises(Http404):
        learning.reflection_save(actor=cast.alice.user, module=module, text="hello")
    assert not module.completions.exists()
