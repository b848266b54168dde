"""Settings for kesos, read from the environment.

SQLite under ``var/`` unless ``DATABASE_URL`` names another database. Safe by default: DEBUG
is off unless ``DEBUG=1`` (``make run`` sets it for the demo), and with DEBUG off kesos
refuses to start without ``SECRET_KEY``. Behind HTTPS (``KESOS_HTTPS``, on by default when
DEBUG is off) cookies are secure, HTTP is redirected and HSTS is sent.
"""

import importlib.util
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("KESOS_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY belum diatur. Di produksi atur SECRET_KEY (acak, 50 karakter atau lebih); "
            "untuk demo di mesin sendiri jalankan dengan DEBUG=1 (make run)."
        )
    SECRET_KEY = "kesos-demo-only-" + "x" * 50  # DEBUG only: never serves a real office
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
HTTPS = env_bool("KESOS_HTTPS", not DEBUG)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "bootstrap",
    "axes",
    "csp",
    "kesos.inti",
    "kesos.akun",
    "kesos.wilayah",
    "kesos.perencanaan",
    "kesos.monev",
    "kesos.registri",
    "kesos.tugas",
    "kesos.bencana",
    "kesos.bansos",
    "kesos.spm",
    "kesos.laporan",
    "kesos.beranda",
    "kesos.api",
    "kesos.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kesos.akun.middleware.BahasaKantor",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "kesos.akun.middleware.TanpaSimpan",
    "kesos.inti.galat.TidakBerhakJadi403",
    # Last, as django-axes asks: it answers a locked-out login with its own page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: refuses a login while its username and address are locked out (form and API Basic).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one username from one address lock that pair out for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("KESOS_GAGAL_MASUK_MAKS", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/terkunci.html"
AXES_VERBOSE = False

ROOT_URLCONF = "kesos.urls"
WSGI_APPLICATION = "kesos.wsgi.application"

# django-leaflet is used for its static files and template tags only: as an installed app its
# admin module would import GeoDjango, which needs the GDAL C library kesos has no use for.
LEAFLET_DIR = Path(importlib.util.find_spec("leaflet").origin).parent

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kesos" / "templates", LEAFLET_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kesos.menu.menu_utama",
            ],
            "libraries": {"leaflet_tags": "leaflet.templatetags.leaflet_tags"},
        },
    },
]

# A worker keeps its database connection for a minute (checked before reuse) instead of opening
# one per request: on PostgreSQL a new connection costs 5–20 ms, more than most pages' queries.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'kesos.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A fresh checkout has no var/ yet: `kesos migrate` must not need `make` to create it.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # A write transaction takes the lock when it begins, not at its first write: two
        # writers then wait for each other instead of one failing half-way (the importer also
        # relies on it to reserve ids).
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# Drawn charts (kesos.laporan.grafik), kept under a digest of their data. In each process's memory
# by default (every gunicorn worker keeps its own); KESOS_REDIS_URL, e.g. redis://127.0.0.1:6379/1,
# shares one cache between the workers (the redis client comes with `pip install -e '.[prod]'`).
if _REDIS := os.environ.get("KESOS_REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _REDIS}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kesos",
            "OPTIONS": {"MAX_ENTRIES": 300},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "akun.Pengguna"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
# Sessions end after a working day, and when the browser closes.
SESSION_COOKIE_AGE = 9 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("KESOS_DI_BELAKANG_PROXY", False):
    # The reverse proxy terminates TLS and says so in this header (and only it may set it).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HSTS preload commits every subdomain of the office's domain (often a shared go.id) to HTTPS
# for good: a decision for whoever owns the domain, not a default of one application.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
if not HTTPS:  # KESOS_HTTPS=0: a trial on a machine without TLS; the README says what it costs
    SILENCED_SYSTEM_CHECKS += ["security.W004", "security.W008", "security.W012", "security.W016"]
# No inline script anywhere (kesos.js instead of onclick=…); inline style attributes remain in
# templates and the admin, so only those are allowed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# A form refused by the CSRF check gets kesos' own page, in the site's layout and language.
CSRF_FAILURE_VIEW = "kesos.inti.galat.formulir_kedaluwarsa"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "kesos" / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "kesos" / "static", LEAFLET_DIR / "static"]

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
    ],
    # A view that names no policy is refused to everyone (see kesos.api.permissions).
    "DEFAULT_PERMISSION_CLASSES": ["kesos.api.permissions.IzinKebijakan"],
    "DEFAULT_PAGINATION_CLASS": "kesos.api.paginasi.Halaman",
    "PAGE_SIZE": 100,
    "EXCEPTION_HANDLER": "kesos.api.errors.handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "kesos API",
    "DESCRIPTION": (
        "API Renja, evaluasi dan registri Dinas Sosial. Hak akses sama dengan halaman web "
        "(kebijakan per sumber daya). Setiap galat berbentuk Galat: code, message, fields."
    ),
    "VERSION": "0.1.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,  # the schema endpoint describes the others, not itself
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kesos.api.skema.tambah_galat",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"axes": {"handlers": ["console"], "level": "WARNING"}},
}

# The disaster map: Leaflet from django-leaflet's own static files. No tile server unless one is
# named (KESOS_PETA_UBIN, e.g. an office's own tile server URL with {z}/{x}/{y}): without
# tiles the map shows the events on a blank background over Lampung Barat's extent.
_UBIN = os.environ.get("KESOS_PETA_UBIN", "")
LEAFLET_CONFIG = {
    "TILES": [(_("Peta dasar"), _UBIN, {"attribution": os.environ.get("KESOS_PETA_ATRIBUSI", "")})]
    if _UBIN
    else [],
    "SPATIAL_EXTENT": (103.55, -5.45, 104.75, -4.65),
    "DEFAULT_CENTER": (-5.05, 104.15),
    "DEFAULT_ZOOM": 9,
    "MIN_ZOOM": 5,
    "MAX_ZOOM": 18,
    "RESET_VIEW": False,
}

# An office that wants no Final with open Periksa errors sets this; otherwise the kepala dinas
# confirms each error by name before the Renja is locked.
KESOS_FINAL_TANPA_GALAT = env_bool("KESOS_FINAL_TANPA_GALAT", False)

# Background jobs (kesos.tugas) run in a process of their own; True runs them in the request
# that starts them (the test suite).
KESOS_TUGAS_LANGSUNG = False
KESOS_TUGAS_DIR = VAR_DIR / "tugas"  # each job's files (upload, report, progress)
