from __future__ import annotations

from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    """Page-numbered lists; `page_size` may be asked for, up to 200."""

    page_size_query_param = "page_size"
    max_page_size = 200
