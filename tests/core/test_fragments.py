"""`{% kept %}` (core.fragments): a rendered piece kept with its figures, for each language and
time zone, escaped once, and rendered again once its data changes."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from core import versions
from tests.conftest import Cast

pytestmark = pytest.mark.django_db

PIECE = Template("{% kept figure %}{{ n }} {{ name }}{% endkept %}")


def _render(cast: Cast, n: int, figure: object = ...) -> str:
    if figure is ...:
        figure = versions.Kept("test-piece", cast.harbor.pk, ("people",))
    return PIECE.render(Context({"figure": figure, "n": n, "name": "<b>Ana</b>"}))


def test_it_is_rendered_once_until_its_data_changes(cast: Cast) -> None:
    assert _render(cast, 1) == "1 &lt;b&gt;Ana&lt;/b&gt;"
    assert _render(cast, 2) == "1 &lt;b&gt;Ana&lt;/b&gt;"  # kept, escaped once
    cast.alice.save()
    assert _render(cast, 3) == "3 &lt;b&gt;Ana&lt;/b&gt;"


def test_each_language_and_time_zone_has_its_own(cast: Cast) -> None:
    assert _render(cast, 1).startswith("1 ")
    with translation.override("es"):
        assert _render(cast, 2).startswith("2 ")
    with timezone.override("Asia/Tokyo"):
        assert _render(cast, 3).startswith("3 ")
    assert _render(cast, 4).startswith("1 ")


def test_without_a_figure_it_is_rendered_every_time(cast: Cast) -> None:
    assert _render(cast, 1, None).startswith("1 ")
    assert _render(cast, 2, None).startswith("2 ")
