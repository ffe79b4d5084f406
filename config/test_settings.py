"""Settings for the test suite: the real settings, made fast and self-contained."""

from __future__ import annotations

import os

from config.settings import *  # noqa: F403
from config.settings import DATA_DIR, DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = os.environ.get(
    "PEERWELL_TEST_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend"
)
EMAIL_FILE_PATH = os.environ.get("PEERWELL_TEST_EMAIL_DIR", str(DATA_DIR / "test-mail"))
QUICK_EXIT_URL = "https://neutral.example/weather"
BASE_URL = "http://testserver"
AXES_FAILURE_LIMIT = 5

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: integration tests start worker processes that share it.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-peerwell.sqlite3")}

# A Celery worker started by tests points straight at the test database.
if os.environ.get("PEERWELL_WORKER_DB_NAME"):
    DATABASES["default"]["NAME"] = os.environ["PEERWELL_WORKER_DB_NAME"]

# Tests get their own embedded-broker folder, so a `make run` on the same checkout is untouched.
if CELERY_BROKER_URL.startswith("filesystem://"):  # noqa: F405
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(DATA_DIR / "test-broker"),
        "data_folder_out": str(DATA_DIR / "test-broker"),
        "control_folder": str(DATA_DIR / "test-broker-control"),
    }
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "test-celerybeat-schedule")

# One process: its memory cache is shared by all it runs, so figures are kept as in production.
KEEP_FIGURES = True

# Unit tests run tasks in-process; tests/integration switches this off and uses a real worker.
CELERY_TASK_ALWAYS_EAGER = os.environ.get("PEERWELL_TEST_EAGER", "1") == "1"
CELERY_TASK_EAGER_PROPAGATES = True
