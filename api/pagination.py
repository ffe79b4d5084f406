"""Page-numbered lists, with the page parameters checked like any other query parameter."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination

from api.query import Integer

MAX_PAGE = 1_000_000


class PageQuery(serializers.Serializer):
    page = Integer(required=False, default=1, min_value=1, max_value=MAX_PAGE)
    page_size = Integer(required=False, min_value=1, max_value=200)


class StandardPagination(PageNumberPagination):
    """Page-numbered lists; `page_size` may be asked for, up to 200. A `page` or `page_size`
    that isn't a whole number in range is a 400 naming it (DRF would quietly use the default);
    a page past the last is a 404."""

    page_size_query_param = "page_size"
    max_page_size = 200
    last_page_strings = ()
    page_query_description = _("A page number, from 1.")
    page_size_query_description = _("Rows per page, 1 to 200 (50 if left out).")

    def paginate_queryset(self, queryset, request, view=None):
        params = PageQuery(data=request.query_params)
        params.is_valid(raise_exception=True)
        self._query = params.validated_data
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request) -> int:
        return self._query.get("page_size") or self.page_size

    def get_page_number(self, request, paginator) -> int:
        return self._query["page"]

    def get_schema_operation_parameters(self, view) -> list[dict]:
        page, size = super().get_schema_operation_parameters(view)
        page["schema"].update(minimum=1, maximum=MAX_PAGE)
        size["schema"].update(minimum=1, maximum=self.max_page_size)
        return [page, size]
