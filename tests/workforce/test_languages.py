"""Which language a page speaks: the profile's when signed in; otherwise the visitor's choice
on the language switch (a cookie for the visit), and the browser's Accept-Language before any
choice. Every message has its Spanish: scripts/check_translations.py, run by `make test`."""

from __future__ import annotations

import re

from django.conf import settings
from django.test import Client

from tests.conftest import Cast


def _switch(page: str) -> dict[str, str]:
    """The switch's buttons: language code → aria-pressed."""
    form = re.search(r'<form class="language-switch".*?</form>', page, re.S)
    assert form, "no language switch on the page"
    buttons = re.findall(r'value="(\w+)" lang="\w+" aria-pressed="(\w+)"', form.group(0))
    return dict(buttons)


def test_a_visitor_chooses_spanish_and_keeps_it_for_the_visit() -> None:
    visitor = Client()
    page = visitor.get("/accounts/login/").content.decode()
    assert _switch(page) == {"en": "true", "es": "false"}
    assert 'lang="en"' in page

    response = visitor.post("/i18n/setlang/", {"language": "es", "next": "/accounts/login/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "es"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert not cookie["max-age"] and not cookie["expires"]  # gone when the browser closes

    page = visitor.get("/accounts/login/").content.decode()
    assert '<html lang="es">' in page and "Iniciar sesión" in page
    assert _switch(page) == {"en": "false", "es": "true"}
    assert "Quick exit" not in page and "Salida rápida" in page


def test_the_browsers_language_is_the_first_guess_and_a_choice_overrides_it() -> None:
    spanish_browser = Client(HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9,en;q=0.5")
    assert '<html lang="es">' in spanish_browser.get("/accounts/login/").content.decode()
    spanish_browser.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert '<html lang="en">' in spanish_browser.get("/accounts/login/").content.decode()


def test_the_switch_goes_back_only_to_this_site() -> None:
    response = Client().post(
        "/i18n/setlang/", {"language": "es", "next": "https://elsewhere.example/phish"}
    )
    assert response.status_code == 302
    assert "elsewhere.example" not in response["Location"]


def test_signed_in_the_profile_decides_and_there_is_no_switch(cast: Cast, login, client) -> None:
    cast.alice.language = "es"
    cast.alice.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    login(cast.alice)
    page = client.get("/dashboard/").content.decode()
    assert '<html lang="es">' in page
    assert 'class="language-switch"' not in page
