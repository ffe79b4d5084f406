"""core/links.py: one signed one-click link for every purpose."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import signing

from core import links

MADE = datetime(2027, 5, 3, 9, 0, tzinfo=UTC)


def test_a_link_sent_before_this_module_existed_still_works() -> None:
    with time_machine.travel(MADE, tick=False):
        old = signing.dumps({"u": 7, "s": 12}, salt="peerwell.selfcare.pause-checkin-reminders")
        claims = links.read_token(
            "peerwell.selfcare.pause-checkin-reminders", old, max_age_days=30, claims=("u", "s")
        )
    assert claims == {"u": 7, "s": 12}


@pytest.mark.parametrize(
    ("purpose", "later", "edit"),
    [
        ("another purpose", timedelta(days=1), lambda t: t),
        ("pause", timedelta(days=31), lambda t: t),
        ("pause", timedelta(days=1), lambda t: t[:-2] + ("A" if t[-2] != "A" else "B") + t[-1]),
    ],
    ids=["made for something else", "expired", "altered"],
)
def test_it_refuses_a_link_that_is_not_for_this(purpose, later, edit) -> None:
    with time_machine.travel(MADE, tick=False) as traveller:
        token = links.make_token("pause", u=7)
        traveller.shift(later)
        with pytest.raises(links.InvalidLink):
            links.read_token(purpose, edit(token), max_age_days=30, claims=("u",))
