"""Query parameters are declared, and checked before a view runs.

A view names a serializer for its query parameters (`query_serializer_class`, for a viewset's
`list` or an APIView's GET; `query_serializer_for()` to choose otherwise). The parameters are
validated after authentication and permissions, so a bad value is a 400 naming the parameter
(`attr`), never silently ignored: a client that mistypes `?person=` must not get everyone it
may see. The view reads the typed values from `self.query`. api/schema.py documents the same
serializer as the operation's query parameters, so the schema and the check can't disagree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.request import Request
from rest_framework.views import APIView

LISTS = ("list", None)  # a viewset's list; None: an APIView, which has no action
WHOLE_NUMBER = re.compile(r"-?[0-9]+")
# Days a parameter may name: wide enough for any record, narrow enough that no date arithmetic
# (a period before, a day in a zone) runs past the calendar.
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)


class QueryMixin:
    query_serializer_class: type[serializers.Serializer] | None = None
    query: Mapping = MappingProxyType({})  # until initial() checks this request's parameters

    def query_serializer_for(
        self, action: str | None, method: str
    ) -> type[serializers.Serializer] | None:
        if method in ("GET", "HEAD") and action in LISTS:
            return self.query_serializer_class
        return None

    def initial(self, request: Request, *args: object, **kwargs: object) -> None:
        super().initial(request, *args, **kwargs)
        self.query = {}
        query_class = self.query_serializer_for(getattr(self, "action", None), request.method)
        if query_class is not None:
            params = query_class(data=request.query_params)
            params.is_valid(raise_exception=True)
            self.query = params.validated_data


class StrictMixin:
    """A parameter given empty (`?start=`) is a bad value, not a left-out one (DRF would skip
    it), and a value is read as written: no `1.0` for 1, no `yes` for true."""

    def get_value(self, dictionary):
        if self.field_name in dictionary:
            return dictionary[self.field_name]
        return empty


class Integer(StrictMixin, serializers.IntegerField):
    def to_internal_value(self, data):
        if not isinstance(data, str) or not WHOLE_NUMBER.fullmatch(data):
            self.fail("invalid")
        return super().to_internal_value(data)


class Boolean(StrictMixin, serializers.BooleanField):
    def to_internal_value(self, data):
        if data not in ("true", "false"):
            self.fail("invalid", input=data)
        return data == "true"


class Choice(StrictMixin, serializers.ChoiceField):
    pass


def _in_range(day: date) -> None:
    if not EARLIEST <= day <= LATEST:
        raise serializers.ValidationError(
            _("Give a day from %(first)s to %(last)s.")
            % {"first": EARLIEST.isoformat(), "last": LATEST.isoformat()},
            code="out_of_range",
        )


class Date(StrictMixin, serializers.DateField):
    def to_internal_value(self, value):
        day = super().to_internal_value(value)
        _in_range(day)
        return day


class DateTime(StrictMixin, serializers.DateTimeField):
    def to_internal_value(self, value):
        if isinstance(value, str) and len(value) >= 10:
            try:  # before DRF puts it in a zone, which can run past year 9999
                day = date.fromisoformat(value[:10])
            except ValueError:
                day = None  # not a date at all: DRF says so below
            if day is not None:
                _in_range(day)
        return super().to_internal_value(value)


def text(**kwargs: object) -> serializers.CharField:
    """A free-text parameter: left out is ""."""
    return serializers.CharField(required=False, default="", allow_blank=True, **kwargs)


def choice(choices, **kwargs: object) -> serializers.ChoiceField:
    """One of `choices`; left out (or empty) is ""."""
    return serializers.ChoiceField(
        choices=choices, required=False, default="", allow_blank=True, **kwargs
    )


def object_id(**kwargs: object) -> serializers.IntegerField:
    """An id; left out is None. An id the caller can't see simply matches nothing."""
    return Integer(required=False, default=None, min_value=1, max_value=2**31 - 1, **kwargs)


def flag(**kwargs: object) -> serializers.BooleanField:
    """`true` or `false`; left out is false."""
    return Boolean(required=False, default=False, **kwargs)


class QueryAPIView(QueryMixin, APIView):
    """An APIView whose GET takes the query parameters of `query_serializer_class`."""
