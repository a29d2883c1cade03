"""One settings module for every environment, read from environment variables.

With nothing set, the app runs on the embedded defaults: SQLite, a file-system Celery broker,
the console email backend and DEBUG on. Setting PRODUCTION=true switches to safe defaults and
refuses to start with a development secret or DEBUG on.
"""

import ipaddress
import os
import sys
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config import production_settings

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as e:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from e


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


PRODUCTION = env_bool("PRODUCTION", False)
TESTING = "pytest" in sys.modules

SECRET_KEY = env_str("SECRET_KEY", production_settings.DEVELOPMENT_SECRET_KEY)
DEBUG = env_bool("DEBUG", not PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

if PRODUCTION and (unsafe := production_settings.unsafe_problems(os.environ)):
    # A production deployment with a guessable secret or tracebacks on is worse than none.
    raise ImproperlyConfigured("PRODUCTION needs these settings:\n  " + "\n  ".join(unsafe))

# The admin, where a superuser can reset anyone's password, should not be public: turn it off,
# or name the addresses or networks it is served to (config.admin_site).
ADMIN_ENABLED = env_bool("ADMIN_ENABLED", True)
ADMIN_ALLOWED_NETWORKS = env_list("ADMIN_ALLOWED_NETWORKS", [])
for network in ADMIN_ALLOWED_NETWORKS:
    try:
        ipaddress.ip_network(network, strict=False)
    except ValueError as e:
        raise ImproperlyConfigured(f"ADMIN_ALLOWED_NETWORKS: {network!r} is not a network") from e

# The demo account and its history exist only on the embedded defaults; elsewhere its public
# password is refused (tracker.authentication), and `check --deploy` fails if it exists.
DEMO_ENABLED = not PRODUCTION

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "config.apps.AdminConfig",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "core",
    "tracker",
    "habits",
    "insights",
    "reminders",
    "reports",
]

MIDDLEWARE = [
    # First, so that it times and counts every answer, whoever gave it.
    "core.middleware.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The admin answers 404 where it is off or to addresses not allowed (ADMIN_*).
    "config.admin_site.AdminAccessMiddleware",
    # Compresses what every later middleware wrote (gzip, padded against BREACH).
    "core.middleware.CompressionMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.ProfileLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.CacheControlMiddleware",
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
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        # Reusing connections saves a third of a simple request's time in production; the
        # health check replaces a connection the database dropped.
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60 if PRODUCTION else 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server, worker and beat write to one file: WAL lets them read while one writes,
    # and IMMEDIATE transactions wait for the lock instead of failing half-way.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # A file, not memory, so that a Celery worker process started by a test sees the same data.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "tracker.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is deliberately slow; tests create hundreds of users.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# ModelBackend only for the sessions logged in before AccountBackend (which refuses the demo
# account where it is off) existed: no log-in reaches it.
AUTHENTICATION_BACKENDS = [
    "tracker.authentication.AccountBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "today"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
# Each language is named in its own script, so a reader finds hers whatever the page speaks.
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One style of date per language, on every page and in every email (config/formats/).
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
FRONTEND_BUILD_DIR = BASE_DIR / "frontend" / "dist"
# How long a second of the pelvic-floor timer lasts, in milliseconds: 1000, except in a test
# that runs a whole session in a few seconds.
PELVIC_FLOOR_SECOND_MS = 1000
STATICFILES_DIRS = [FRONTEND_BUILD_DIR] if FRONTEND_BUILD_DIR.exists() else []
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: Redis in production, a broker that needs no server on the embedded defaults.
# Tests get their own queue and broker folder, so a running dev worker never takes their tasks;
# so does each process of a parallel test run (pytest-xdist names them gw0, gw1, ...).
test_process = "-".join(filter(None, ("test", os.environ.get("PYTEST_XDIST_WORKER"))))
CELERY_BROKER_DIR = Path(
    env_str("CELERY_BROKER_DIR", str(VAR_DIR / (f"{test_process}-broker" if TESTING else "broker")))
)
CELERY_TASK_DEFAULT_QUEUE = env_str(
    "CELERY_QUEUE", f"backcare-{test_process}" if TESTING else "backcare"
)
# The reminder tick has a queue and a worker of its own (Procfile: ticker), so a backlog of
# sends to slow push services never delays it.
CELERY_TICK_QUEUE = f"{CELERY_TASK_DEFAULT_QUEUE}-tick"
# So have exports (Procfile: exporter): a file of years of days takes a worker for seconds to
# minutes, and a queue of them must never make anyone's reminders late.
CELERY_EXPORT_QUEUE = f"{CELERY_TASK_DEFAULT_QUEUE}-export"
CELERY_TASK_ROUTES = {
    **{
        name: {"queue": CELERY_TICK_QUEUE}
        for name in ("reminders.tasks.tick", "reminders.tasks.requeue", "habits.tasks.tick")
    },
    "reports.tasks.make_export_file": {"queue": CELERY_EXPORT_QUEUE},
}
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged only after it ran, so a killed worker's task is delivered again.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Celery's Django fix-up closes every database connection after every task unless told to reuse
# them (a new PostgreSQL session per reminder batch); told to, it closes them only every 2 x
# this many tasks and checks nothing. The check is done instead around every task, in
# config/celery.py: broken or old connections (DB_CONN_MAX_AGE) are replaced, as in requests.
CELERY_DB_REUSE_MAX = env_int("CELERY_DB_REUSE_MAX", 200)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Reminders: one tick claims the due schedules (see reminders.pipeline). On the minute
# in production, so a reminder set for 20:30 goes at 20:30; tests shorten it.
REMINDER_TICK_SECONDS = env_int("REMINDER_TICK_SECONDS", 60)
# A reminder this late is marked missed instead of being sent at the wrong moment.
REMINDER_STALE_AFTER_SECONDS = env_int("REMINDER_STALE_AFTER_SECONDS", 60 * 60)
# A queued send not claimed after this long was lost (say, a Redis restart): queue it again.
# Queueing one twice costs a task that finds it claimed, never a second send.
REMINDER_REQUEUE_AFTER_SECONDS = env_int("REMINDER_REQUEUE_AFTER_SECONDS", 30)
# How often lost sends, run-out leases and due retries are looked for between ticks.
REMINDER_REQUEUE_EVERY_SECONDS = env_int("REMINDER_REQUEUE_EVERY_SECONDS", 10)
# A worker holds a claimed reminder this long; if it dies, the reminder is sent again after.
# Well over a batch's longest send: PUSH_TIMEOUT_SECONDS, and the emails of a batch.
REMINDER_LEASE_SECONDS = env_int("REMINDER_LEASE_SECONDS", 45)
REMINDER_SEND_BATCH = env_int("REMINDER_SEND_BATCH", 25)
REMINDER_MAX_ATTEMPTS = env_int("REMINDER_MAX_ATTEMPTS", 5)

# Every Celery worker and beat writes a heartbeat this often (reminders.heartbeats); /healthz/
# names a kind of process none of whose processes has written one for three times as long.
PROCESS_HEARTBEAT_SECONDS = env_int("PROCESS_HEARTBEAT_SECONDS", 5)
# The kind of process that consumes each queue, as /healthz/ names it when none is alive.
CELERY_QUEUE_WORKERS = {
    CELERY_TASK_DEFAULT_QUEUE: "worker",
    CELERY_TICK_QUEUE: "ticker",
    CELERY_EXPORT_QUEUE: "exporter",
}

CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {
        "task": "tracker.tasks.clear_expired_sessions",
        "schedule": 3600.0,
    },
    "delete-old-exports": {
        "task": "reports.tasks.delete_old_exports",
        "schedule": 3600.0,
    },
    "reminder-tick": {
        "task": "reminders.tasks.tick",
        "schedule": (
            crontab(minute="*") if REMINDER_TICK_SECONDS == 60 else float(REMINDER_TICK_SECONDS)
        ),
        # A tick that waited longer than one interval is superseded by the next one.
        "options": {"expires": REMINDER_TICK_SECONDS},
    },
    "reminder-requeue": {
        "task": "reminders.tasks.requeue",
        "schedule": float(REMINDER_REQUEUE_EVERY_SECONDS),
        "options": {"expires": REMINDER_REQUEUE_EVERY_SECONDS},
    },
}

# Web Push (VAPID, RFC 8292). The key pair is made by `manage.py make_vapid_keys`; on the
# embedded defaults it lives in var/, in production it comes from the environment.
VAPID_PRIVATE_KEY = env_str("VAPID_PRIVATE_KEY", "")
VAPID_PRIVATE_KEY_FILE = Path(env_str("VAPID_PRIVATE_KEY_FILE", str(VAR_DIR / "vapid_private.pem")))
# Push services must be able to reach a person about our messages.
VAPID_SUBJECT = env_str(
    "VAPID_SUBJECT", SITE_URL if SITE_URL.startswith("https://") else "mailto:admin@localhost"
)
if not VAPID_SUBJECT.startswith(("mailto:", "https://")):
    raise ImproperlyConfigured("VAPID_SUBJECT must be a mailto: or https: address")
# The server POSTs to subscription endpoints, so only known push services are accepted;
# "*." matches any subdomain. Loopback http endpoints are for tests and benchmarks only.
PUSH_SERVICE_HOSTS = env_list(
    "PUSH_SERVICE_HOSTS",
    [
        "fcm.googleapis.com",
        "android.googleapis.com",
        "updates.push.services.mozilla.com",
        "push.services.mozilla.com",
        "*.push.apple.com",
        "*.notify.windows.com",
    ],
)
# In production only when set explicitly (the production stack's own tests push to a local
# push service); `check --deploy` then warns.
PUSH_ALLOW_LOOPBACK = env_bool("PUSH_ALLOW_LOOPBACK", TESTING and not PRODUCTION)
# Most reminders are useless the next day; a push service keeps an undelivered one this long.
PUSH_TTL_SECONDS = env_int("PUSH_TTL_SECONDS", 6 * 60 * 60)
# The whole of one push, from connecting to the last byte of the answer: a push service that
# answers slowly is cut off then, well inside REMINDER_LEASE_SECONDS, and asked again later.
PUSH_TIMEOUT_SECONDS = env_int("PUSH_TIMEOUT_SECONDS", 10)

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if env_str("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
# For EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend: a file per email.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "emails"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Backcare <noreply@localhost>")
# Seconds a mail server may take to answer before the email is tried again later (reminders).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)

# Prometheus metrics at /metrics/ (config/metrics.py). Not public: they answer only a request
# with `Authorization: Bearer <METRICS_TOKEN>` and/or from an address in METRICS_ALLOWED_NETWORKS
# (CIDR, e.g. 10.0.0.0/8), both when both are set; 404 while neither is set. With several
# processes (gunicorn workers, Celery workers), each must have the same PROMETHEUS_MULTIPROC_DIR
# in its environment, an empty folder at start (`make run-production` prepares it).
METRICS_TOKEN = env_str("METRICS_TOKEN", "")
METRICS_ALLOWED_NETWORKS = env_list("METRICS_ALLOWED_NETWORKS", [])

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "tracker.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["core.api_parsers.LimitedJSONParser"],
    "EXCEPTION_HANDLER": "core.api_parsers.api_exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "core.api_pagination.PagePagination",
    "PAGE_SIZE": 31,
    # Which X-Forwarded-For entry is the client's: 0 (no proxy) ignores the header, 1 takes
    # the entry added by the one proxy in front. Every throttle is counted on that address.
    "NUM_PROXIES": env_int("NUM_PROXIES", 0),
    "DEFAULT_THROTTLE_RATES": {
        "auth": env_str("AUTH_THROTTLE_RATE", "10/min"),
        # Wrong passwords for one account, from every address together; its owner is
        # emailed when they run out, at most once an hour (tracker.password_guesses).
        "account-guesses": env_str("ACCOUNT_GUESS_THROTTLE_RATE", "20/hour"),
        "account-guess-notice": "1/hour",
        "signup": env_str("SIGNUP_THROTTLE_RATE", "10/hour"),
        "password-reset": env_str("PASSWORD_RESET_THROTTLE_RATE", "10/hour"),
        # Sign-up and reset emails one inbox can be sent, whoever asks.
        "account-email": env_str("ACCOUNT_EMAIL_THROTTLE_RATE", "3/hour"),
        "reminder-action": env_str("REMINDER_ACTION_THROTTLE_RATE", "60/min"),
        # A doctor opening a share link reads a page and a file or two; guessing tokens
        # (256 bits) is hopeless anyway, but a flood of requests is not welcome either.
        "share": env_str("SHARE_THROTTLE_RATE", "30/min"),
        # Per account: backups she tries to load (a refused one still costs reading it), and
        # exports made by a worker (each is minutes of work and megabytes kept for a day).
        "backup-import": env_str("BACKUP_IMPORT_THROTTLE_RATE", "10/hour"),
        "export-job": env_str("EXPORT_JOB_THROTTLE_RATE", "10/hour"),
    },
}
# An API token works this long after it is issued (less if revoked or her password changes).
API_TOKEN_LIFETIME_DAYS = env_int("API_TOKEN_LIFETIME_DAYS", 90)
# A realistic day is a few KB; anything much larger is a mistake or an attack.
API_MAX_BODY_BYTES = env_int("API_MAX_BODY_BYTES", 64 * 1024)

SPECTACULAR_SETTINGS = {
    "TITLE": "Backcare API",
    "DESCRIPTION": "Daily back-pain log for mothers after childbirth.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Served by the app itself: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name for a choice set that several fields share (the profile's yes/no answers).
    "ENUM_NAME_OVERRIDES": {"YesNoEnum": "tracker.models.YesNo"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api_schema.add_error_responses",
        "core.api_schema.refuse_unknown_fields",
    ],
}

# Content-Security-Policy (django-csp; Django has its own only from 6.0, in the same shape as
# this dict): scripts, styles and everything else only from this site, nothing inline, so an
# escaping slip in a template cannot run a script next to her health log. Templates carry
# no inline script, handler or style (tests/config/test_security_headers.py reads them
# all); data for scripts is in <script type="application/json"> blocks, which are never executed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "worker-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers probe, and Prometheus may scrape, over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^metrics/$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # A reverse proxy terminates TLS; preload is a one-way door left to the operator.
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
