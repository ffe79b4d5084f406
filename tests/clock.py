"""`--clock`: run the whole test session as if the machine's clock said a given moment.

    pytest --clock 2027-03-14T01:30:00-06:00
    PEERWELL_TEST_CLOCK=2028-02-29T12:00:00+00:00 make test

The clock keeps ticking from that moment (time-machine with `tick=True`), so code that measures
durations still works; a test that needs a particular moment freezes it itself, inside this one.
CI sweeps the fast tests at a few hard moments (a DST change, 29 February, New Year's Eve) so a
test that silently starts from the real date fails on a day we chose, not on an ordinary day in
December. The moment must carry its offset: a bare local time would mean whatever the machine's
zone is.
"""

from __future__ import annotations

import os
from datetime import datetime

import pytest
import time_machine

ENV_VAR = "PEERWELL_TEST_CLOCK"
_KEY = pytest.StashKey[time_machine.travel]()


def parse_moment(text: str) -> datetime:
    """An ISO 8601 moment with its offset ('Z' allowed), or a usage error."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError as error:
        raise pytest.UsageError(f"--clock: {error}") from None
    if moment.tzinfo is None:
        raise pytest.UsageError(f"--clock {text!r}: give the offset too, e.g. {text}+00:00")
    return moment


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--clock",
        default=os.environ.get(ENV_VAR) or None,
        metavar="MOMENT",
        help=f"run the session as if the clock said MOMENT (ISO 8601 with offset; or ${ENV_VAR})",
    )


def pytest_configure(config: pytest.Config) -> None:
    text = config.getoption("--clock", default=None)
    if not text:
        return
    traveller = time_machine.travel(parse_moment(text), tick=True)
    traveller.start()
    config.stash[_KEY] = traveller


def pytest_unconfigure(config: pytest.Config) -> None:
    traveller = config.stash.get(_KEY, None)
    if traveller is not None:
        traveller.stop()


def pytest_report_header(config: pytest.Config) -> str | None:
    text = config.getoption("--clock", default=None)
    return f"clock: the session starts at {parse_moment(text).isoformat()}" if text else None
