"""A JSON value is read as the type the schema gives it.

DRF is forgiving: `0` passes for false, `5` for the text "5", "7" or 7.0 for the number 7. A
client that sends the wrong type has a bug, and an API that guesses hides it (and writes
"0" into someone's plan). So, for bodies that came as JSON, text fields take only strings,
true/false fields only booleans, whole-number fields only numbers, decimals only strings
("1.50", as the schema says); anything else is a 400
naming the field. A multipart upload carries only text, so there DRF reads the form as usual.

This is installed once, by ApiConfig.ready(), on DRF's own field classes, so every field is
strict, whether a serializer declares it or a ModelSerializer builds it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import QueryDict
from rest_framework import fields


def _is_text(value: object) -> bool:
    return isinstance(value, str)


def _is_boolean(value: object) -> bool:
    return isinstance(value, bool)


def _is_whole_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _is_decimal_text(value: object) -> bool:
    return isinstance(value, str)  # the schema gives decimals as strings, e.g. "1.50"


STRICT: tuple[tuple[type[fields.Field], Callable[[object], bool]], ...] = (
    (fields.CharField, _is_text),
    (fields.BooleanField, _is_boolean),
    (fields.IntegerField, _is_whole_number),
    (fields.DecimalField, _is_decimal_text),
)


def from_json(field: fields.Field) -> bool:
    """Is this field reading a JSON body (not a form, not query parameters)?"""
    data = getattr(field.root, "initial_data", None)
    return data is not None and not isinstance(data, QueryDict)


def _strict(original: Callable, accepts: Callable[[object], bool]) -> Callable:
    def to_internal_value(self: fields.Field, data: object) -> object:
        if not accepts(data) and from_json(self):
            self.fail("invalid", input=data)
        return original(self, data)

    to_internal_value.__wrapped__ = original
    return to_internal_value


def install() -> None:
    for field_class, accepts in STRICT:
        current = field_class.__dict__["to_internal_value"]
        if not hasattr(current, "__wrapped__"):
            field_class.to_internal_value = _strict(current, accepts)
