"""A learner's way through an in-app module: the starter library, content notes, progress
over visits, the knowledge check, the private reflection, completion, CE credit and the
certificate with its public check."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from pypdf import PdfReader

from tests.conftest import Cast
from workforce.models import (
    Assignment,
    CEEntry,
    Completion,
    KnowledgeCheckAttempt,
    Reflection,
    TrainingModule,
)
from workforce.training.catalogue import library_load


@pytest.fixture
def module(cast: Cast) -> TrainingModule:
    library_load(organization=cast.harbor)
    return TrainingModule.objects.get(organization=cast.harbor, library_key="vicarious-trauma")


def _section_url(module: TrainingModule, position: int) -> str:
    return f"/training/modules/{module.pk}/sections/{position}/"


def _answers(module: TrainingModule, right: bool) -> dict[str, str]:
    return {
        f"question_{q.pk}": str(q.choices.filter(correct=right).first().pk)
        for q in module.questions.all()
    }


def _finish_sections(client: Client, module: TrainingModule) -> None:
    client.post(f"/training/modules/{module.pk}/start/")
    for section in module.sections.all():
        client.post(_section_url(module, section.position), {"action": "done"})


def _complete(client: Client, module: TrainingModule) -> Completion:
    """Every section read and the check passed: the learner's completion."""
    _finish_sections(client, module)
    client.post(f"/training/modules/{module.pk}/check/", _answers(module, right=True))
    return Completion.objects.get(module=module)


def test_the_starter_library_loads_once_per_organization(cast: Cast) -> None:
    assert library_load(organization=cast.harbor) == 4
    assert library_load(organization=cast.harbor) == 0
    modules = TrainingModule.objects.filter(organization=cast.harbor)
    assert {m.library_key for m in modules} == {
        "vicarious-trauma",
        "boundaries",
        "self-care-plan",
        "supportive-supervision",
    }
    for module in modules:
        assert module.sections.count() >= 4
    assert modules.get(library_key="self-care-plan").questions.count() == 0
    assert TrainingModule.objects.filter(organization=cast.elsewhere).count() == 0


def test_a_learner_takes_a_module_over_two_visits(cast: Cast, login, module) -> None:
    alice = login(cast.alice)
    response = alice.post(f"/training/modules/{module.pk}/start/")
    assert response.url == _section_url(module, 1)
    alice.post(_section_url(module, 1), {"action": "done"})
    alice.logout()

    alice = login(cast.alice, Client())
    page = alice.get(f"/training/modules/{module.pk}/").content.decode()
    assert "Continue where I left off" in page and _section_url(module, 2) in page
    # Section 2 has a content note: it comes first, with a way to continue or skip ahead.
    note = alice.get(_section_url(module, 2)).content.decode()
    assert 'data-testid="content-note"' in note and "Secondary traumatic stress" not in note
    body = alice.get(_section_url(module, 2) + "?note=read").content.decode()
    assert "<strong>Secondary traumatic stress</strong>" in body
    alice.post(_section_url(module, 2), {"action": "skip"})  # skipping never blocks finishing
    for position in range(3, module.sections.count() + 1):
        alice.post(_section_url(module, position), {"action": "done"})
    assert not Completion.objects.exists()  # the knowledge check is still to come

    wrong = alice.post(f"/training/modules/{module.pk}/check/", _answers(module, right=False))
    assert "the pass mark is 75%" in wrong.content.decode()
    assert not Completion.objects.exists()
    right = alice.post(f"/training/modules/{module.pk}/check/", _answers(module, right=True))
    assert "You scored 100%" in right.content.decode()

    completion = Completion.objects.get()
    assert (completion.person, completion.ce_hours) == (cast.alice, Decimal("1.00"))
    assert Assignment.objects.get().completion == completion
    entry = CEEntry.objects.get()
    assert (entry.hours, entry.category, entry.status) == (Decimal("1.00"), "trauma", "approved")
    page = alice.get("/training/").content.decode()
    assert f"/training/certificates/{completion.pk}.pdf" in page


def test_the_certificate_reads_back_and_can_be_checked_without_signing_in(
    cast: Cast, login, module
) -> None:
    cast.alice.certificate_name = "Alice Q. Example"
    cast.alice.save()
    alice = login(cast.alice)
    completion = _complete(alice, module)

    response = alice.get(f"/training/certificates/{completion.pk}.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    for expected in (
        "Alice Q. Example",
        "Understanding vicarious trauma and secondary traumatic stress",
        "1 CE hours",
        "Harbor House",
        completion.verification_code,
        f"/verify/{completion.verification_code}/",
    ):
        assert expected in text

    public = Client().get(f"/verify/{completion.verification_code.lower()}/")
    page = public.content.decode()
    assert public.status_code == 200 and "This certificate is genuine" in page
    assert "Alice Q. Example" in page and "Understanding vicarious trauma" in page
    assert "CE hours" not in page and "Harbor House" not in page  # name, module, date only
    missing = Client().get("/verify/ABCDE-23456/")
    assert missing.status_code == 404 and "couldn" in missing.content.decode()


def test_the_certificate_speaks_the_language_of_whoever_downloads_it(
    cast: Cast, login, module
) -> None:
    cast.alice.language = "es"
    cast.alice.save()
    alice = login(cast.alice)
    completion = _complete(alice, module)
    path = f"/training/certificates/{completion.pk}.pdf"
    spanish = PdfReader(io.BytesIO(alice.get(path).content))
    text = " ".join(page.extract_text() for page in spanish.pages)
    when = completion.completed_on
    months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto"]
    months += ["septiembre", "octubre", "noviembre", "diciembre"]
    for expected in (
        "Certificado de finalización",
        "Se certifica que",
        "completó la capacitación",
        f"el {when.day} de {months[when.month - 1]} de {when.year}",
        "1 horas de educación continua",
        f"Código de verificación {completion.verification_code}",
    ):
        assert expected in text
    assert "Certificate" not in text and spanish.metadata.title.startswith("Certificado: ")
    english = login(cast.hana, Client()).get(path).content  # HR reads it in English
    assert "Certificate of completion" in PdfReader(io.BytesIO(english)).pages[0].extract_text()


@pytest.mark.parametrize(
    ("viewer", "status"),
    [
        ("alice", 200),
        ("bob", 200),
        ("mia", 200),
        ("hana", 200),
        ("adam", 200),
        ("sid", 404),
        ("charlie", 404),
    ],
)
def test_who_can_download_a_certificate(cast: Cast, login, module, viewer, status) -> None:
    alice = login(cast.alice, Client())
    completion = _complete(alice, module)
    response = login(cast.by_name(viewer)).get(f"/training/certificates/{completion.pk}.pdf")
    assert response.status_code == status


def test_a_reflection_is_private_to_the_learner(cast: Cast, login, module) -> None:
    alice = login(cast.alice, Client())
    url = f"/training/modules/{module.pk}/reflection/"
    alice.post(url, {"text": "REFLECTION-TEXT about my week"})
    assert "REFLECTION-TEXT" in alice.get(url).content.decode()
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM workforce_reflection")
        (stored,) = cursor.fetchone()
    assert "REFLECTION-TEXT" not in stored  # encrypted at rest
    for other in ("bob", "mia", "hana", "adam", "sid"):
        page = login(cast.by_name(other), Client()).get(url).content.decode()
        assert "REFLECTION-TEXT" not in page  # each person only ever sees their own


def test_another_organizations_module_does_not_exist(cast: Cast, login, module) -> None:
    charlie = login(cast.charlie)
    for url in (
        f"/training/modules/{module.pk}/",
        _section_url(module, 1),
        f"/training/modules/{module.pk}/check/",
        f"/training/modules/{module.pk}/reflection/",
    ):
        assert charlie.get(url).status_code == 404
    assert charlie.post(f"/training/modules/{module.pk}/start/").status_code == 404
    assert not Assignment.objects.exists()


def test_bad_answers_and_oversized_reflections_change_nothing(cast: Cast, login, module) -> None:
    alice = login(cast.alice)
    _finish_sections(alice, module)
    answers = _answers(module, right=True)
    first, second = list(answers)[:2]
    answers[first] = answers[second]  # a choice that belongs to another question
    del answers[second]
    page = alice.post(f"/training/modules/{module.pk}/check/", answers).content.decode()
    assert page.count("Please choose an answer.") == 2
    assert not KnowledgeCheckAttempt.objects.exists() and not Completion.objects.exists()

    url = f"/training/modules/{module.pk}/reflection/"
    page = alice.post(url, {"text": "x" * 5001}).content.decode()
    assert "under 5000 characters" in page and not Reflection.objects.exists()
    other = TrainingModule.objects.get(organization=cast.harbor, library_key="boundaries")
    assert alice.post(_section_url(other, 1), {"action": "done"}).status_code == 302
    assert alice.get(_section_url(module, 99)).status_code == 404


def test_my_training_runs_constant_queries(
    cast: Cast, login, module, django_assert_num_queries
) -> None:
    alice = login(cast.alice)
    alice.get("/training/")
    with django_assert_num_queries(6):
        alice.get("/training/")
    for other in TrainingModule.objects.exclude(pk=module.pk):
        alice.post(f"/training/modules/{other.pk}/start/")
    with django_assert_num_queries(6):
        alice.get("/training/")


def test_every_starter_module_has_its_spanish_version() -> None:
    from workforce.models import ModuleSection, Question, TrainingModule
    from workforce.models.training import Choice
    from workforce.training import library

    limits = {
        "title": TrainingModule._meta.get_field("title").max_length,
        "section": ModuleSection._meta.get_field("title").max_length,
        "note": ModuleSection._meta.get_field("content_note").max_length,
        "question": Question._meta.get_field("text").max_length,
        "explanation": Question._meta.get_field("explanation").max_length,
        "choice": Choice._meta.get_field("text").max_length,
    }
    for english, spanish in zip(library.MODULES, library.TRANSLATIONS["es"], strict=True):
        pairs = list(zip(library._texts(english), library._texts(spanish), strict=True))
        assert all(bool(en) == bool(es) for en, es in pairs), english["key"]
        assert all(en != es for en, es in pairs if en), f"{english['key']}: left in English"
        assert len(spanish["title"]) <= limits["title"]
        for section in spanish["sections"]:
            assert len(section["title"]) <= limits["section"]
            assert len(section["note"]) <= limits["note"]
        for question in spanish["questions"]:
            assert len(question["text"]) <= limits["question"]
            assert len(question["explanation"]) <= limits["explanation"]
            assert all(len(choice) <= limits["choice"] for choice in question["choices"])


def test_a_specialist_who_reads_spanish_takes_the_module_in_spanish(
    cast: Cast, login, module
) -> None:
    from workforce.training.library import vicarious_trauma

    es = vicarious_trauma.SPANISH
    cast.alice.language = "es"
    cast.alice.save()
    alice = login(cast.alice)
    page = alice.get(f"/training/modules/{module.pk}/").content.decode()
    assert es["title"] in page and es["summary"] in page
    assert module.title not in page
    alice.post(f"/training/modules/{module.pk}/start/")
    first = module.sections.get(position=1)
    section = alice.get(_section_url(module, 1) + "?note=read").content.decode()
    assert es["sections"][0]["title"] in section
    assert first.body.splitlines()[0] not in section
    check = alice.get(f"/training/modules/{module.pk}/check/").content.decode()
    assert es["questions"][0]["text"] in check and module.questions.first().text not in check

    # The same module, progress and check: finishing in Spanish completes the assignment.
    completion = _complete(alice, module)
    assert completion.module_title == module.title  # the record keeps the stored title
    mine = alice.get("/training/").content.decode()
    assert es["title"] in mine

    # Someone who reads English sees the English; wording the organization edits is kept.
    english = login(cast.sid, Client()).get(f"/training/modules/{module.pk}/").content.decode()
    assert module.title in english and es["title"] not in english
    first.title = "Our own first section"
    first.save()
    assert "Our own first section" in alice.get(f"/training/modules/{module.pk}/").content.decode()
