"""`make run`'s last step: web, worker and beat start together on the embedded defaults,
a request reaches the worker through the embedded broker, and Ctrl-C stops all of it."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(predicate, timeout: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}\n{log.read_text(errors='replace')[-4000:]}")


def _get(opener, url: str) -> str | None:
    try:
        with opener.open(url, timeout=5) as response:
            return response.read().decode()
    except OSError:
        return None


def test_it_runs_web_worker_and_beat_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "PEERWELL_WORKER_DB_NAME"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings", PEERWELL_DATA_DIR=str(tmp_path), LOG_LEVEL="INFO"
    )
    for command in (["migrate", "--noinput"], ["seed_demo"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=180,
        )

    port = _free_port()
    log = tmp_path / "runall.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "manage.py", "runall", "--addr", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    try:
        _wait_for(lambda: _get(opener, f"{base}/healthz") is not None, 90, "the web app", log)
        _wait_for(lambda: " ready." in log.read_text(errors="replace"), 90, "the worker", log)
        _wait_for(lambda: "beat: Starting" in log.read_text(errors="replace"), 90, "beat", log)
        text = log.read_text()
        assert "PeerWell is running at" in text and "specialist@riverside.example" in text

        # A password reset queued by the web process is sent by the worker (console email).
        form = _get(opener, f"{base}/accounts/password/reset/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "email": "specialist@riverside.example"}
        )
        request = urllib.request.Request(
            f"{base}/accounts/password/reset/", data=body.encode(), headers={"Referer": f"{base}/"}
        )
        opener.open(request, timeout=10).read()
        _wait_for(
            lambda: "Subject: Reset your PeerWell password" in log.read_text(errors="replace"),
            60,
            "the reset email from the worker",
            log,
        )
    finally:
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            raise
    # Nothing of the group is left running.
    time.sleep(1)
    leftover = subprocess.run(["pgrep", "-g", str(proc.pid)], capture_output=True, text=True)
    assert leftover.stdout.strip() == "", leftover.stdout
