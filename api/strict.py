"""A JSON value is read as the type the schema gives it.

DRF is forgiving: `0` passes for false, `5` for the text "5", "7" or 7.0 for the number 7. A
client that sends the wrong type has a bug, and an API that guesses hides it (and writes
"0" into someone's plan). So, for bodies that came as JSON, text fields take only strings,
true/false fields only booleans, whole-number fields and ids only numbers, decimals only
strings ("1.50", as the schema says), choices only values of their own type; anything else is a 400
naming the field. A multipart upload carries only text, so there DRF reads the form as usual.

This is installed once, by ApiConfig.ready(), on DRF's own field classes, so every field is
strict, whether a serializer declares it or a ModelSerializer builds it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import QueryDict
from rest_framework import fields, relations


def _is_text(field: fields.Field, value: object) -> bool:
    return isinstance(value, str)


def _is_boolean(field: fields.Field, value: object) -> bool:
    return isinstance(value, bool)


def _is_whole_number(field: fields.Field, value: object) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _is_id(field: fields.Field, value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)  # 2.9 is not object 2


def _is_decimal_text(field: fields.Field, value: object) -> bool:
    return isinstance(value, str)  # the schema gives decimals as strings, e.g. "1.50"


def _is_a_choice_type(field: fields.Field, value: object) -> bool:
    """Whole-number choices take numbers, text choices take text ("2" is not weekday 2)."""
    keys = [key for key in field.choices if key != ""]
    if keys and all(isinstance(key, int) and not isinstance(key, bool) for key in keys):
        return _is_id(field, value)
    if keys and all(isinstance(key, str) for key in keys):
        return isinstance(value, str)
    return True


STRICT: tuple[tuple[type[fields.Field], Callable[[fields.Field, object], bool]], ...] = (
    (fields.CharField, _is_text),
    (fields.BooleanField, _is_boolean),
    (fields.IntegerField, _is_whole_number),
    (fields.DecimalField, _is_decimal_text),
    (fields.ChoiceField, _is_a_choice_type),
    (relations.PrimaryKeyRelatedField, _is_id),
)


def from_json(field: fields.Field) -> bool:
    """Is this field reading a JSON body (not a form, not query parameters)?"""
    data = getattr(field.root, "initial_data", None)
    return data is not None and not isinstance(data, QueryDict)


def _strict(original: Callable, accepts: Callable[[object], bool]) -> Callable:
    def to_internal_value(self: fields.Field, data: object) -> object:
        if from_json(self) and not accepts(self, data):
            self.fail(_error_key(self), input=data, data_type=type(data).__name__)
        return original(self, data)

    to_internal_value.__wrapped__ = original
    return to_internal_value


# The message each kind of field already has for a value of the wrong type.
ERROR_KEYS = (
    (relations.PrimaryKeyRelatedField, "incorrect_type"),
    (fields.ChoiceField, "invalid_choice"),
)


def _error_key(field: fields.Field) -> str:
    return next((key for kind, key in ERROR_KEYS if isinstance(field, kind)), "invalid")


def install() -> None:
    for field_class, accepts in STRICT:
        current = field_class.__dict__["to_internal_value"]
        if not hasattr(current, "__wrapped__"):
            field_class.to_internal_value = _strict(current, accepts)
