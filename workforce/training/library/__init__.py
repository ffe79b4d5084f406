"""The starter library: four modules written for PeerWell, loaded into an organization's
catalogue by `manage.py load_training_library` (and by the demo). Each module is a Python
module defining MODULE (a dict, see workforce.training.catalogue) and SPANISH, the same
module in Spanish.

An organization's copy is stored in the site's language. Wording it hasn't changed is shown
in the reader's language (`in_reader_language`), so a specialist who reads Spanish takes the
Spanish module, with the same progress, check and certificate; what the organization wrote
or edited is shown as written."""

from __future__ import annotations

from functools import cache

from django.utils import translation

from workforce.training.library import boundaries, self_care_plan, supervision, vicarious_trauma

LIBRARY = [vicarious_trauma, boundaries, self_care_plan, supervision]
MODULES = [library.MODULE for library in LIBRARY]
TRANSLATIONS = {"es": [library.SPANISH for library in LIBRARY]}


def _texts(module: dict) -> list[str]:
    """Every wording of a module, in the order both languages share (as the loader stores
    them: bodies stripped)."""
    texts = [module["title"], module["summary"], module["reflection_prompt"]]
    for section in module["sections"]:
        texts += [section["title"], section["note"], section["body"].strip()]
    for question in module["questions"]:
        choices = [c[0] if isinstance(c, tuple | list) else c for c in question["choices"]]
        texts += [question["text"], *choices, question["explanation"]]
    return texts


@cache
def _wording(language: str) -> dict[str, str]:
    wording: dict[str, str] = {}
    for english, other in zip(MODULES, TRANSLATIONS.get(language, []), strict=True):
        for source, translated in zip(_texts(english), _texts(other), strict=True):
            if source and translated:
                wording[source] = translated
    return wording


def in_reader_language(text: str) -> str:
    """The starter library's wording in the reader's language; anything else as written."""
    language = (translation.get_language() or "").split("-")[0]
    if not text or language not in TRANSLATIONS:
        return text
    return _wording(language).get(text.strip(), text)
