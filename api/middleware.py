"""Every write to the API has its JSON body checked before any view runs.

DRF parses a body only when a view reads `request.data`, so an action that reads nothing
(sign, mark read, revoke) would otherwise accept any bytes and act on them. Here a JSON body
that the API's parser refuses (api/parsers.py), or that is not an object, is answered with a 400
in the API's error shape, and nothing runs.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.utils.mediatypes import media_type_matches

from api.exceptions import error_response, field_error
from api.parsers import SafeJSONParser, decode

NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


class APIBodyCheckMiddleware:
    """Refuse a hostile or malformed JSON body on /api/ before any view runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method in WRITES
            and request.path.startswith("/api/")
            and (not request.content_type or self._as_json(request.content_type))
            and request.headers.get("Content-Length", "0") not in ("", "0")
        ):
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    @staticmethod
    def _as_json(content_type: str) -> bool:
        """Would DRF hand this body to the JSON parser? (`*/*` and `application/*` too.)"""
        return media_type_matches(SafeJSONParser.media_type, content_type)

    @staticmethod
    def _refusal(request: HttpRequest) -> HttpResponse | None:
        try:
            value = decode(request.body)
        except exceptions.APIException as error:
            return error_response(error)
        if not isinstance(value, dict):
            return error_response(field_error(NON_FIELD, _("Send a JSON object.")))
        return None
