"""The suite's own `--clock` option (tests/clock.py), run in a pytest of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROBE = """
from datetime import UTC, datetime

import time_machine


def test_probe():
    now = datetime.now(UTC)
    assert (now.year, now.month, now.day, now.hour, now.minute) == (2028, 2, 29, 18, 30)
    with time_machine.travel(datetime(2030, 1, 1, tzinfo=UTC), tick=False):
        assert datetime.now(UTC).year == 2030  # a test can still freeze a moment of its own
"""


def _run(tmp_path: Path, *args: str, env: dict[str, str] | None = None):
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["tests.clock"]\n')
    (tmp_path / "test_probe.py").write_text(PROBE)
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:django"]
    return subprocess.run(
        [*command, *args, str(tmp_path)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--clock", "2028-02-29T12:30:00-06:00"], {}),
        ([], {"PEERWELL_TEST_CLOCK": "2028-02-29T18:30:00Z"}),
    ],
)
def test_it_runs_the_whole_session_at_the_moment_given(tmp_path, args, env) -> None:
    run = _run(tmp_path, *args, env=env)
    assert run.returncode == 0 and "1 passed" in run.stdout, run.stdout + run.stderr


def test_it_refuses_a_moment_without_its_offset(tmp_path) -> None:
    run = _run(tmp_path, "--clock", "2028-02-29T12:30:00", env={"PEERWELL_TEST_CLOCK": ""})
    assert run.returncode != 0 and "give the offset too" in run.stderr


def test_without_the_option_the_probe_sees_the_real_clock(tmp_path) -> None:
    """(The machine's clock is not 29 February 2028 at 18:30 UTC while this suite runs.)"""
    run = _run(tmp_path, env={"PEERWELL_TEST_CLOCK": ""})
    assert run.returncode == 1 and "1 failed" in run.stdout
