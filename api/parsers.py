"""The one JSON parser of the API: limits first, then strict decoding.

A body is refused with a 400 in the API's error shape when it is larger than
API_MAX_BODY_BYTES, nested deeper than API_MAX_JSON_DEPTH (Python's json module recurses: a few
kilobytes of `[[[…` would otherwise end in a RecursionError and a 500), not UTF-8, holds NaN or
Infinity or a number too large to be finite, or holds a NUL or a lone surrogate in any string or
key, however deep (named by its path, e.g. `content.crisis_steps`).
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.parsers import JSONParser, MultiPartParser

from workforce.validators import json_text_problem

OPENERS, CLOSERS = b"[{", b"]}"


def nesting_exceeds(raw: bytes, limit: int) -> bool:
    """Does this JSON text open more than `limit` arrays/objects inside each other? One pass
    over the bytes, skipping strings (a quote inside a string is always escaped)."""
    depth, in_string, escaped = 0, False, False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in OPENERS:
            depth += 1
            if depth > limit:
                return True
        elif byte in CLOSERS:
            depth -= 1
    return False


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def decode(raw: bytes) -> Any:
    """Bytes of a request body to a Python value, or ParseError / ValidationError."""
    if len(raw) > settings.API_MAX_BODY_BYTES:
        raise exceptions.ParseError(
            _("The request body is larger than %(limit)s bytes.")
            % {"limit": settings.API_MAX_BODY_BYTES}
        )
    if nesting_exceeds(raw, settings.API_MAX_JSON_DEPTH):
        raise exceptions.ParseError(
            _("JSON nested more than %(depth)s levels deep is not accepted.")
            % {"depth": settings.API_MAX_JSON_DEPTH}
        )
    try:
        value = json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise exceptions.ParseError(_("JSON parse error: %(error)s") % {"error": error}) from None
    problem = json_text_problem(value)
    if problem:
        where, message = problem
        # A key can hold the very character refused: show it escaped, or the error itself
        # could not be written as UTF-8.
        where = where.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\0")
        field = where.split(".", 1)[0].split("[", 1)[0] or "non_field_errors"
        detail = f"{where}: {message}" if where and where != field else message
        raise exceptions.ValidationError({field: [detail]})
    return value


class SafeJSONParser(JSONParser):
    """JSONParser with PeerWell's limits (see the module docstring)."""

    def parse(self, stream, media_type=None, parser_context=None) -> Any:
        return decode(stream.read() if stream is not None else b"")


class UploadParsersMixin:
    """A viewset whose bodies are JSON, but for the actions in `upload_actions`, which take
    multipart/form-data (a file and its fields) and nothing else."""

    upload_actions: tuple[str, ...] = ()

    def get_parsers(self) -> list:
        action = getattr(self, "action", None)
        request = getattr(self, "request", None)
        if action is None and request is not None and hasattr(self, "action_map"):
            action = self.action_map.get(request.method.lower())  # before DRF sets .action
        if action in self.upload_actions:
            return [MultiPartParser()]
        return super().get_parsers()
