"""The API's error body, read back for assertions.

Every error answers (drf-standardized-errors, api/exceptions.py)

    {"type": "validation_error" | "client_error" | "server_error",
     "errors": [{"code": "...", "detail": "...", "attr": "field" | null}]}

Nested fields are dotted in `attr` ("content.crisis_steps", "people.0"), errors about the whole
body have attr "non_field_errors", and client errors (parse errors, 403, 404…) have attr null.
"""

from __future__ import annotations

DETAIL = "detail"  # the key `errors` and `codes` give an error with attr null


def _items(response) -> list[dict]:
    body = response.json()
    assert isinstance(body, dict) and set(body) == {"type", "errors"}, body
    assert all(set(item) == {"code", "detail", "attr"} for item in body["errors"]), body
    return body["errors"]


def _by_attr(response, key: str) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for item in _items(response):
        grouped.setdefault(item["attr"] or DETAIL, []).append(item[key])
    return grouped


def errors(response) -> dict[str, list[str]]:
    """{attr: [detail, ...]}, in the body's order; attr null is read as "detail"."""
    return _by_attr(response, "detail")


def codes(response) -> dict[str, list[str]]:
    """{attr: [code, ...]}, as `errors` but with each error's code."""
    return _by_attr(response, "code")


def detail(response) -> str:
    """The message of a client error (parse error, 403, 404…): its only error, with attr null."""
    assert errors(response).keys() == {DETAIL}, response.json()
    (message,) = errors(response)[DETAIL]
    return message
