"""PeerWell settings: one module, driven by environment variables.

Every variable is listed, with its default, in README.md ("Configuration"). Defaults are for a
laptop (SQLite, an embedded broker, console email); production sets the secrets, and
``manage.py check --deploy`` flags any development default left in place.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url

from config.env import email_settings, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("PEERWELL_DATA_DIR", str(BASE_DIR / "var")))

# Development defaults. The SECRET_KEY prefix makes Django's own deploy check flag it;
# DEV_FIELD_ENCRYPTION_KEY is flagged by workforce.checks.
DEV_SECRET_KEY = "django-insecure-peerwell-development-only-never-use-in-production"  # noqa: S105
DEV_FIELD_ENCRYPTION_KEY = "fWNs2yP_xSX7hWQUv71QmTVvyVrwdYY7Ws1pnF6diyI="

SECRET_KEY = env_str("DJANGO_SECRET_KEY", DEV_SECRET_KEY)
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
BASE_URL = env_str("PEERWELL_BASE_URL", "http://localhost:8000").rstrip("/")

# Newest key first; older keys stay readable until `manage.py rotate_encryption_keys` has run.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS", DEV_FIELD_ENCRYPTION_KEY)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "drf_standardized_errors",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "workforce",
    "supervision",
    "selfcare",
    "groups",
    "events",
    "notifications",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "workforce.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "workforce.middleware.SessionKeepAliveMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "workforce.middleware.ProfileLanguageMiddleware",
    "workforce.middleware.TwoFactorRequiredMiddleware",
    "api.middleware.APIBodyCheckMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "workforce.context_processors.shell",
            ],
            # `when` and `at`: dates and times in the reader's language, on every page;
            # `{% kept %}`: a rendered table kept with its figures (core.fragments).
            "builtins": ["core.dateformats", "core.fragments"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'peerwell.sqlite3'}"),
        # Production: 60 or so. A new PostgreSQL connection for every request costs a
        # server process each time (bench/load.py, 16 users: /healthz 165 → 340 req/s).
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,  # a connection the database dropped is replaced, not used
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A fresh checkout has no var/ yet: SQLite needs the folder to exist.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the worker and the web process read while one of them writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles any query whose *estimated* cost passes jit_above_cost; ours
    # are short, so it only adds compile time (404 of 752 ms on one training-matrix filter).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "workforce.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out (email, IP) pair before any password check.
    "axes.backends.AxesStandaloneBackend",
    "workforce.auth.EmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
# Invitation links live longer than reset links would need to, so a new hire has time.
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT_HOURS", 72) * 3600

# Sessions end after this much inactivity: every request pushes the expiry forward.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
# Activity keeps the session alive, written at most once a minute
# (workforce.middleware.SessionKeepAliveMiddleware), not on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Login throttling (django-axes). Failures are counted per (email, IP address) pair, so
# somebody guessing from their own address cannot lock the real owner out of the account.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "workforce.auth.axes_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    if env_int("TRUSTED_PROXY_COUNT", 0)
    else ["REMOTE_ADDR"]
)

OTP_TOTP_ISSUER = "PeerWell"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = DATA_DIR / "media"  # private: never served directly, only through checked views
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "PeerWell <no-reply@peerwell.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
globals().update(
    email_settings(env_str("EMAIL_URL", "console://"), file_path=str(DATA_DIR / "mail"))
)

QUICK_EXIT_URL = env_str("QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")

# HTTPS deployments (DJANGO_HTTPS=1) get secure cookies, HSTS and a redirect to https.
HTTPS = env_bool("DJANGO_HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
# The language switch of signed-out pages: kept for the visit and gone when the browser
# closes (Django's default), so it leaves nothing behind on a shared phone.
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_int("TRUSTED_PROXY_COUNT", 0):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The API's JSON bodies (api/parsers.py): larger or deeper ones are a 400, never a 500.
API_MAX_BODY_BYTES = env_int("API_MAX_BODY_BYTES", 1_000_000)
API_MAX_JSON_DEPTH = env_int("API_MAX_JSON_DEPTH", 32)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Bearer first, so an unauthenticated call answers 401 with WWW-Authenticate.
        "api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.IsActiveStaff"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PersonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": env_str("API_USER_RATE", "2000/hour")},
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON bodies only; the few operations that take a file say multipart/form-data
    # themselves (api.parsers.UploadParsersMixin), so no form can smuggle in "0" for false.
    "DEFAULT_PARSER_CLASSES": ["api.parsers.SafeJSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # drf-standardized-errors' handler, with api.exceptions.ExceptionHandler as its class.
    "EXCEPTION_HANDLER": "drf_standardized_errors.handler.exception_handler",
    # `?format=` is a filter here (a group's format), not a choice of renderer: JSON only.
    "URL_FORMAT_OVERRIDE": None,
}
# Every error answers {"type": ..., "errors": [{"code", "detail", "attr"}]} (api/exceptions.py).
DRF_STANDARDIZED_ERRORS = {
    "EXCEPTION_HANDLER_CLASS": "api.exceptions.ExceptionHandler",
    "ENABLE_IN_DEBUG_FOR_UNHANDLED_EXCEPTIONS": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "PeerWell API",
    "DESCRIPTION": (
        "The PeerWell API. Every answer is scoped to the caller's organization and role; "
        "an object you may not see answers 404. A token ends when its owner resets or changes "
        "their password, or loses access. Write bodies are JSON objects of at most "
        "API_MAX_BODY_BYTES (1 MB by default), nested at most API_MAX_JSON_DEPTH (32) deep, "
        "with no NUL or lone surrogate in any string and only finite numbers; anything else "
        "is a 400."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # drf-spectacular's enum hook, taught to leave the error bodies' enums alone.
    "POSTPROCESSING_HOOKS": ["drf_standardized_errors.openapi_hooks.postprocess_schema_enums"],
    "ENUM_NAME_OVERRIDES": {
        # The error bodies' enums (drf-standardized-errors), each named once.
        **{
            name: f"drf_standardized_errors.openapi_serializers.{name}.choices"
            for name in (
                "ValidationErrorEnum",
                "ClientErrorEnum",
                "ServerErrorEnum",
                "ErrorCode401Enum",
                "ErrorCode403Enum",
                "ErrorCode404Enum",
                "ErrorCode405Enum",
                "ErrorCode406Enum",
                "ErrorCode415Enum",
                "ErrorCode429Enum",
                "ErrorCode500Enum",
            )
        },
        "SessionFormatEnum": "supervision.models.SessionFormat",
        "SessionStatusEnum": "supervision.models.SessionStatus",
        "SessionKindEnum": "supervision.models.SessionKind",
        "GroupFormatEnum": "groups.models.GroupFormat",
        "GroupStatusEnum": "groups.models.GroupStatus",
        "MeetingStatusEnum": "groups.models.MeetingStatus",
        "ReportStatusEnum": "groups.models.ReportStatus",
        "RolesEnum": "workforce.models.Role",
        "EventKindEnum": "events.models.EventKind",
        "EventAnswerEnum": "events.models.Answer",
        "ReplyAnswerEnum": "events.models.REPLY_ANSWERS",
    },
}

# One process's memory by default. Several web processes share counters (the safety reports'
# hourly limits) only through a shared cache: CACHE_URL=redis://host:6379/1.
CACHE_URL = env_str("CACHE_URL", "")
# A Redis that stops answering (rather than refusing) costs a request half a second, never
# hangs it: the home and the organization-wide pages read kept figures (core.versions), and
# every write to what they rest on changes a token there.
CACHE_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CACHE_URL,
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", ""),  # several sites on one Redis
        "OPTIONS": CACHE_OPTIONS,
    }
    if CACHE_URL.startswith(("redis://", "rediss://"))
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
SHARED_CACHE = CACHES["default"]["BACKEND"].endswith("RedisCache")
# Organization-wide figures (compliance, the roster, team wellbeing) are kept between requests
# (core.versions) only in a cache every process shares: in one process's memory, a write made
# by another process would not reach them.
KEEP_FIGURES = env_bool("KEEP_FIGURES", SHARED_CACHE)
# Sessions stay in the database alone, not cached_db: with the cache unreachable, cached_db
# fails every request, signing out (and the quick exit) included.

# Celery. The embedded default is kombu's filesystem transport: worker, beat and web talk
# through a folder, so `make run` needs no server. Production sets CELERY_BROKER_URL=redis://…
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
CELERY_BROKER_FOLDER = DATA_DIR / "broker"
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_FOLDER),
        "data_folder_out": str(CELERY_BROKER_FOLDER),
        "control_folder": str(DATA_DIR / "broker-control"),
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TIMEZONE = "UTC"
CELERY_ENABLE_UTC = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "dispatch-reminders": {
        "task": "notifications.tasks.dispatch",
        "schedule": float(env_int("REMINDER_DISPATCH_SECONDS", 60)),
    },
    "freeze-wellness-weeks": {
        "task": "selfcare.tasks.freeze_wellness_weeks",
        "schedule": 3600.0,
    },
    "open-training-renewals": {
        "task": "workforce.tasks.open_training_renewals",
        "schedule": 3600.0,
    },
    "clear-expired-sessions": {
        "task": "workforce.tasks.clear_expired_sessions",
        "schedule": 3600.0,
    },
    # A wellness event's place held for someone on the waiting list passes on after a day.
    "event-offers-pass-on": {
        "task": "events.tasks.offers_pass_on",
        "schedule": 300.0,
    },
}

# Reminder engine (notifications/).
REMINDER_SENDING_TIMEOUT = env_int("REMINDER_SENDING_TIMEOUT_SECONDS", 600)
REMINDER_RETRY_BASE_SECONDS = env_int("REMINDER_RETRY_BASE_SECONDS", 60)
# A queued row handed to the broker is handed over again after this long if still unsent
# (its message was lost: a broker restart without persistence, a worker killed mid-task).
REMINDER_ENQUEUE_LEASE_SECONDS = env_int("REMINDER_ENQUEUE_LEASE_SECONDS", 600)
PAUSE_LINK_DAYS = env_int("PAUSE_LINK_DAYS", 30)

# Evidence files (certificates, attendance sheets): PDF or photo, checked by content.
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_MB", 10) * 1024 * 1024
# Where PDFs look for a Unicode font (DejaVu Sans) for names Helvetica can't draw
# (core/pdf.py). Debian and Ubuntu: the fonts-dejavu-core package.
PDF_FONT_DIRS = env_list(
    "PEERWELL_PDF_FONT_DIRS",
    "/usr/share/fonts/truetype/dejavu,/usr/share/fonts/dejavu,/Library/Fonts",
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
