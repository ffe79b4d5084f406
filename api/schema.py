"""The OpenAPI schema documents every error an operation can answer, in one shape.

drf-standardized-errors' AutoSchema adds the error responses (401, 403, 404, 405, 406, 415, 429,
500) to each operation. Two of its guesses don't fit PeerWell, so they are made here:

- **404 on every operation.** An operation the caller's role may not use answers 404, as does
  any object they may not see (DESIGN.md: a 404, never a 403 that confirms it exists).
- **Query parameters from the view's query serializer** (api/query.py), the one that checks them.
- **Wall-clock times as a pattern**, not `format: time` (which would need a UTC offset).
- **One 400 body for all.** The library would build, per operation, an enum of every field and
  every error code; services add codes of their own (`past`, `overlap`, …), so such enums
  would be untrue. A 400 is `ValidationErrorResponse` (`attr` names the field or query
  parameter) or, on a write, `ParseErrorResponse` for a body that can't be read as JSON.
"""

from __future__ import annotations

from drf_spectacular.utils import PolymorphicProxySerializer
from drf_standardized_errors.openapi import AutoSchema as StandardAutoSchema
from drf_standardized_errors.openapi_serializers import (
    ParseErrorResponseSerializer,
    ValidationErrorResponseSerializer,
)
from rest_framework import serializers

WRITES = ("POST", "PUT", "PATCH", "DELETE")


# A wall-clock time, as DRF reads and writes it. OpenAPI's `format: time` is RFC 3339's, which
# needs a UTC offset; these times have none (they are in the group's, event's or person's zone).
WALL_CLOCK_TIME = {
    "type": "string",
    "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$",
    "example": "17:30:00",
}


class AutoSchema(StandardAutoSchema):
    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        if isinstance(field, serializers.TimeField):
            return {**WALL_CLOCK_TIME, **self._get_serializer_field_meta(field, direction)}
        return super()._map_serializer_field(field, direction, bypass_extensions)

    def get_override_parameters(self) -> list:
        """The view's query serializer (api/query.py) is its query parameters."""
        parameters = super().get_override_parameters()
        chooser = getattr(self.view, "query_serializer_for", None)
        query_class = chooser(getattr(self.view, "action", None), self.method) if chooser else None
        return [query_class, *parameters] if query_class is not None else parameters

    def _should_add_http404_error_response(self) -> bool:
        return True

    def _has_query_parameters(self) -> bool:
        return any(parameter["in"] == "query" for parameter in self._get_parameters())

    def _should_add_error_response(self, responses: dict, status_code: str) -> bool:
        if status_code == "400" and status_code not in responses:
            return self.method in WRITES or self._has_query_parameters()
        return super()._should_add_error_response(responses, status_code)

    def _get_http400_serializer(self):
        if self.method not in WRITES:
            return ValidationErrorResponseSerializer
        return PolymorphicProxySerializer(
            component_name="ErrorResponse400",
            serializers={
                "validation_error": ValidationErrorResponseSerializer,
                "client_error": ParseErrorResponseSerializer,
            },
            resource_type_field_name="type",
        )
