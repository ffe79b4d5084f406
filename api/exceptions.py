"""One error shape for every answer that is not a success.

drf-standardized-errors formats every error as

    {"type": "validation_error" | "client_error" | "server_error",
     "errors": [{"code": "...", "detail": "...", "attr": "field" | null}]}

Services raise Django's ValidationError; here it becomes a 400 with one error per message, each
naming its field in `attr` (`non_field_errors` when it is about the whole body). The body check
in api/middleware.py answers through `error_response`, so a refusal before any view runs has the
same shape.
"""

from __future__ import annotations

import logging

from django.core.exceptions import NON_FIELD_ERRORS, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from drf_standardized_errors.handler import ExceptionHandler as StandardExceptionHandler
from rest_framework import exceptions
from rest_framework.settings import api_settings

from workforce.views import errors

API_PREFIX = "/api/"


def _as_drf(error: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(error, "error_dict"):
        detail = {
            (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): [
                exceptions.ErrorDetail(str(message), code=item.code or "invalid")
                for item in items
                for message in item.messages
            ]
            for field, items in error.error_dict.items()
        }
    else:
        detail = {
            api_settings.NON_FIELD_ERRORS_KEY: [
                exceptions.ErrorDetail(str(message), code=item.code or "invalid")
                for item in error.error_list
                for message in item.messages
            ]
        }
    return exceptions.ValidationError(detail)


class ExceptionHandler(StandardExceptionHandler):
    """drf-standardized-errors' handler, knowing Django's ValidationError too."""

    def convert_known_exceptions(self, exc: Exception) -> Exception:
        if isinstance(exc, DjangoValidationError):
            return _as_drf(exc)
        if isinstance(exc, SuspiciousOperation):  # too many fields or files, a bad file name…
            # Logged where Django logs it (django.security.<kind>), then the API's 400.
            logging.getLogger(f"django.security.{exc.__class__.__name__}").error(str(exc))
            return exceptions.ParseError(_("The request could not be read."))
        return super().convert_known_exceptions(exc)


def field_error(field: str, message: str, code: str = "invalid") -> exceptions.ValidationError:
    """A 400 about one field, for views that refuse something no serializer can see."""
    return exceptions.ValidationError({field: [exceptions.ErrorDetail(message, code=code)]})


def error_response(exc: exceptions.APIException) -> JsonResponse:
    """The API's error body for `exc`, outside DRF's views (middleware)."""
    handler = ExceptionHandler(exc, {})
    body = handler.format_exception(exc)
    return JsonResponse(body, status=exc.status_code, headers=handler.get_headers(exc))


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 404 (a path no route matches): JSON in the API's shape under /api/, else the
    friendly page."""
    if request.path.startswith(API_PREFIX):
        return error_response(exceptions.NotFound())
    return errors.not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's 500, for a failure outside any API view (a view's own is already JSON)."""
    if request.path.startswith(API_PREFIX):
        return error_response(exceptions.APIException())
    return defaults.server_error(request)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 400 (a request it won't read, e.g. too many parameters): JSON under /api/."""
    if request.path.startswith(API_PREFIX):
        return error_response(exceptions.ParseError(_("The request could not be read.")))
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 403 (outside any API view): JSON under /api/."""
    if request.path.startswith(API_PREFIX):
        return error_response(exceptions.PermissionDenied())
    return defaults.permission_denied(request, exception)
