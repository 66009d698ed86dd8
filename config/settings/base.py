"""Settings shared by every environment. Values that differ per deployment come from the
environment; see dev.py, test.py and production.py."""

import os
from decimal import Decimal
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_EVAL, UNSAFE_INLINE

from config.storage import private_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "home",
    "guide",
    "members",
    "membership",
    "events",
    "invoices",
    "messaging",
    "scale",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "members.users_app.UsersConfig",  # wagtail.users with the user screens of members
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Headers on every response (home/headers.py): CSP, Permissions-Policy.
    "home.headers.CSPMiddleware",
    "home.headers.permissions_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "home.middleware.SlidingSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Cache-Control: private, no-store on everything a signed-in person gets.
    "home.headers.private_when_signed_in",
    "home.middleware.NotFoundMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Anonymous public pages from the shared cache, per host and language (home/page_cache.py).
    "home.page_cache.PageCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

# `make bench` only (config/bench.py): a trivial view at /bench/trivial/ and the query count
# and server time of every response in headers. Never set in a deployment.
BENCH = os.environ.get("QUORUM_BENCH", "") == "1"
if BENCH:
    MIDDLEWARE.insert(0, "config.bench_views.measure")

# Content-Security-Policy (django-csp): no inline script or style anywhere on the site or in
# the member area; scripts, styles, images and fonts from this origin only; forms post here or
# go on to Stripe Checkout. The Wagtail admin gets what its own pages need.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF, "https://checkout.stripe.com"],
        "frame-ancestors": [SELF],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        # Wagtail's admin pages carry inline scripts and styles, and its browser tooling
        # evaluates strings; the site and the member area allow none of it.
        "script-src": [SELF, UNSAFE_INLINE, UNSAFE_EVAL],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", "https:"],
        "frame-src": [SELF, "https:"],
        "form-action": [SELF],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), browsing-topics=()"
)

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default under bursts: every transaction takes the write lock when it begins
    # (no "database is locked" when a reader turns writer), waits up to 20 s for it, and WAL
    # lets readers go on while one writer commits.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif os.environ.get("DATABASE_POOL_MAX_SIZE"):
    # PostgreSQL through psycopg's pool: each process keeps at most this many connections,
    # whatever the number of request threads (README, "Production").
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "pool": {
            "min_size": 1,
            "max_size": int(os.environ["DATABASE_POOL_MAX_SIZE"]),
            "timeout": 20,
        }
    }

# One cache shared by every process: Redis when REDIS_URL is set, else a database table
# (`manage.py createcachetable`, which `make run` and `make serve` run).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "quorum",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "quorum_cache",
            # Two entries per page (one per language) and per host, plus the shared parts.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Anonymous public pages are kept this many seconds at most (home/page_cache.py); publishing,
# unpublishing, moving or deleting a page and editing snippets or settings purge them at once.
PAGE_CACHE_ENABLED = True
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", 300))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first so that a locked-out identifier or address is refused before any check.
    "axes.backends.AxesStandaloneBackend",
    # Username or e-mail (members/auth.py); Django's ModelBackend otherwise.
    "members.auth.UsernameOrEmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "members:login"
LOGIN_REDIRECT_URL = "/"

# Sessions end after two hours without activity (within SESSION_REFRESH_AFTER: a session is
# saved again, its expiry pushed back, at most that often; home.middleware).
SESSION_COOKIE_AGE = 2 * 60 * 60
SESSION_REFRESH_AFTER = 5 * 60

# Login throttling: an identifier from one address (the pair), with a cool-off, so that five
# failures on one account lock neither the account's owner elsewhere nor anyone else.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The client's real address: behind TRUSTED_PROXY_COUNT reverse proxies, each appending to
# X-Forwarded-For (home/headers.py). 0: the connection's address.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "home.headers.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The e-mail and the username of one account count as one identifier; a bilingual page.
AXES_USERNAME_CALLABLE = "members.auth.lockout_key"
AXES_LOCKOUT_TEMPLATE = "members/lockout.html"

# Languages: French first, English second.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Date formats that differ from Django's own (config/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
TIME_ZONE = "America/Toronto"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Private uploads (membership documents, attestations) never live under MEDIA_ROOT; they are
# served by permission-checked views only. On S3-compatible storage when
# PRIVATE_STORAGE_S3_BUCKET is set (config/storage.py).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": private_storage(location=PRIVATE_MEDIA_ROOT),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Background work through the django_tasks API: immediate by default, the database backend
# and its worker in production.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# A listing's export with more rows than this is built by the task worker (home/exports.py) and
# downloaded from the Exports screen rather than sent while the request waits; such files are
# removed after EXPORT_KEEP_DAYS.
EXPORT_INLINE_MAX = int(os.environ.get("EXPORT_INLINE_MAX", "5000"))
EXPORT_KEEP_DAYS = 7
# A running export whose task wrote no chunk of rows for this long has lost its worker (crashed
# or restarted: nothing resumes it); the Exports screen shows it failed, to be asked again.
EXPORT_STALLED_MINUTES = 15

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Quorum <no-reply@quorum.example>")

# Money and taxes (Quebec): both taxes on the pre-tax amount.
CURRENCY = "CAD"
GST_RATE = Decimal("0.05")
QST_RATE = Decimal("0.09975")

# Stripe: keys come from the environment.
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")

# Wagtail
WAGTAIL_SITE_NAME = "Quorum"
# Every absolute link the site gives out (e-mails, invitations, Stripe return URLs) starts here.
PUBLIC_BASE_URL = os.environ.get(
    "PUBLIC_BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
).rstrip("/")
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "txt", "csv"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Read by Wagtail's own admin API; the public API's URLs carry the request's host (config/api.py).
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100

# The demo (`manage.py load_demo`, run by `make run`): each module's idempotent `load(command)`,
# in this order (each app's demo only builds on the apps below it: the home page before the
# guides and events, accounts before the invoices and registrations). Listed here because config
# knows every app; home's command only runs the list.
DEMO_MODULES = [
    "home.demo",
    "guide.demo",
    "members.demo",
    "invoices.demo",
    "events.demo_pages",
    "events.demo",
    "membership.demo",
    "messaging.demo",
]

# Scheduled reminders (home/reminders.py): each app's function, called in this order by the
# hourly `send_reminders` command. home imports no app; it finds them here.
REMINDERS = [
    "events.reminders.due",
    "invoices.reminders.due",
    "membership.reminders.due",
]

REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
