"""Start the web app, a Celery worker and Celery beat together; Ctrl-C stops all three."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

from config.celery_app import ensure_broker_folders
from workforce.demo import DEMO_PASSWORD, PEOPLE


class Command(BaseCommand):
    help = "Run web + Celery worker + Celery beat for local use (embedded broker by default)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--addr", default="127.0.0.1:8000")

    def handle(self, *args: object, addr: str, **options: object) -> None:
        ensure_broker_folders()
        python = sys.executable
        commands = {
            "web": [python, "manage.py", "runserver", addr, "--noreload"],
            "worker": [
                python,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "-l",
                "INFO",
                "--concurrency",
                "2",
                "-n",
                "peerwell@%h",
            ],
            "beat": [python, "-m", "celery", "-A", "config", "beat", "-l", "INFO"],
        }
        processes = {name: subprocess.Popen(cmd) for name, cmd in commands.items()}
        self._banner(addr)
        try:
            while all(proc.poll() is None for proc in processes.values()):
                time.sleep(0.5)
            stopped = [name for name, proc in processes.items() if proc.poll() is not None]
            self.stderr.write(f"{', '.join(stopped)} stopped; stopping the rest.")
        except KeyboardInterrupt:
            self.stdout.write("\nStopping web, worker and beat…")
        finally:
            for proc in processes.values():
                if proc.poll() is None:
                    proc.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + 15
            for proc in processes.values():
                try:
                    proc.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    proc.kill()

    def _banner(self, addr: str) -> None:
        host = addr if ":" in addr else f"127.0.0.1:{addr}"
        lines = [
            "",
            f"PeerWell is running at http://{host.replace('127.0.0.1', 'localhost')}/",
            f"Broker: {os.environ.get('CELERY_BROKER_URL', 'embedded (filesystem)')}",
            f"Demo logins (password: {DEMO_PASSWORD}):",
            *[
                f"  {email:<32} {', '.join(str(r.label) for r in roles)}"
                for _, email, _, _, roles, _ in PEOPLE
            ],
            "Press Ctrl-C to stop everything.",
            "",
        ]
        self.stdout.write("\n".join(lines))
