"""Every setting comes from the environment; the defaults run the demo on SQLite.

| variable | default | meaning |
| --- | --- | --- |
| DATABASE_URL | sqlite:///<root>/var/motcua.sqlite3 | any dj-database-url URL; postgres://... in production |
| MOTCUA_SECRET_KEY | a fixed development key (refused when MOTCUA_DEBUG is off) | Django's SECRET_KEY |
| MOTCUA_DEBUG | 1 | 0 in production |
| MOTCUA_ALLOWED_HOSTS | 127.0.0.1,localhost | comma-separated |
| MOTCUA_VAR_DIR | <root>/var | database, media and private files of a development install |
| MOTCUA_MEDIA_ROOT | <var>/media | uploaded and generated files (served only through views) |
| MOTCUA_STATIC_ROOT | <var>/static | collected static files (served by WhiteNoise) |
| MOTCUA_SITE_URL | http://127.0.0.1:8000 | absolute address used in QR codes and emails |
| MOTCUA_EMAIL_URL | console | console, or smtp://user:password@host:port |
| MOTCUA_UPLOAD_MAX_BYTES | 10485760 | largest accepted upload (PDF, JPEG, PNG) |
| MOTCUA_TRUSTED_PROXIES | 0 | reverse proxies in front of the app (client address for rate limits) |
| MOTCUA_VNPAY_TMN_CODE, MOTCUA_VNPAY_SECRET | (empty: off) | VNPAY merchant code and hash secret for online fees |
| MOTCUA_VNPAY_URL, MOTCUA_VNPAY_API_URL | VNPAY sandbox | payment page and refund API of VNPAY |
| MOTCUA_TEST_GATEWAY | = MOTCUA_DEBUG | 1 offers the local test payment gateway (takes no money) |
| MOTCUA_OIDC_CLIENT_ID | (empty: off) | turns on login through a national identity provider (OpenID Connect) |
| MOTCUA_OIDC_CLIENT_SECRET, MOTCUA_OIDC_AUTHORIZATION_URL, MOTCUA_OIDC_TOKEN_URL, MOTCUA_OIDC_USERINFO_URL, MOTCUA_OIDC_JWKS_URL | | the provider's client secret and endpoints |
| MOTCUA_OIDC_SIGN_ALGO, MOTCUA_OIDC_SCOPES, MOTCUA_OIDC_ID_NUMBER_CLAIM, MOTCUA_OIDC_LABEL | RS256; openid profile email phone; id_number; Vietnamese button text | token signature, scopes, the claim holding the ID number, the login button |
| MOTCUA_POPULATION_URL, MOTCUA_POPULATION_CLIENT_ID, MOTCUA_POPULATION_CLIENT_SECRET | (empty: off) | national population database lookups with the citizen's consent (docs/integration.md) |
| MOTCUA_PAYGOV_URL, MOTCUA_PAYGOV_MERCHANT, MOTCUA_PAYGOV_SECRET | (empty: off) | the national payment platform for online fees (docs/integration.md) |
| MOTCUA_OIDC_LEVEL_CLAIM | acr | the claim holding the identity account's level (1 or 2) |
| MOTCUA_SMS_BACKEND | motcua.notify.sms.LogBackend | SMS provider class (the default only logs) |
| MOTCUA_SMS_ASCII | 0 | 1 strips Vietnamese diacritics from SMS (160 characters instead of 70) |
| MOTCUA_NOTIFY_MAX_ATTEMPTS | 10 | tries before a message is marked failed (back-off 1, 2, 4 … 60 min) |
| MOTCUA_DVCQG_URL, MOTCUA_DVCQG_CLIENT_ID, MOTCUA_DVCQG_CLIENT_SECRET | (empty: off) | national portal synchronisation through LGSP/NDXP (docs/integration.md) |
| MOTCUA_POPULAR_PROCEDURES | 1.001193,1.000894,… | procedure codes the home page shows before there are dossiers |
| MOTCUA_CACHE_URL | (empty: local memory) | redis://host:port/db: the cache shared by every process (pages, versions, sessions) |
| MOTCUA_DATABASE_REPLICA_URL | (empty: off) | postgres://... of a streaming replica: report pages and API lists read from it |
| MOTCUA_PGBOUNCER | 0 | 1 when DATABASE_URL points at PgBouncer in transaction mode |
| MOTCUA_CACHE_SECONDS | 300 | how long an anonymous page stays cached (a change shows at once with Redis) |
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BASE_DIR.parent.parent


def env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    return env(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("MOTCUA_DEBUG", True)
_DEV_SECRET = "motcua-development-key-never-use-in-production"
SECRET_KEY = env("MOTCUA_SECRET_KEY", _DEV_SECRET)
if not DEBUG and SECRET_KEY == _DEV_SECRET:
    raise RuntimeError("MOTCUA_SECRET_KEY must be set when MOTCUA_DEBUG is off")
ALLOWED_HOSTS = env_list("MOTCUA_ALLOWED_HOSTS", "127.0.0.1,localhost")
SITE_URL = env("MOTCUA_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

VAR_DIR = Path(env("MOTCUA_VAR_DIR", str(PROJECT_ROOT / "var")))
MEDIA_ROOT = Path(env("MOTCUA_MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STATIC_ROOT = Path(env("MOTCUA_STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_URL = "/static/"
# Largest file a citizen or a staff member may upload.
MOTCUA_UPLOAD_MAX_BYTES = int(env("MOTCUA_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
# A request body larger than this is refused (413) before it is read; the proxy and
# gunicorn say the same (docs/deployment.md). Form fields without files: 2.5 MB; an upload
# over 2.5 MB goes to a temporary file, never wholly into memory.
MOTCUA_REQUEST_MAX_BYTES = int(
    env("MOTCUA_REQUEST_MAX_BYTES", str(5 * MOTCUA_UPLOAD_MAX_BYTES + 1024 * 1024))
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Each citizen's drafts hold at most this many bytes of files; drafts untouched this many
# days are deleted by `motcua drafts purge` (the worker runs it every hour).
MOTCUA_DRAFT_QUOTA_BYTES = int(env("MOTCUA_DRAFT_QUOTA_BYTES", str(100 * 1024 * 1024)))
MOTCUA_DRAFT_DAYS = int(env("MOTCUA_DRAFT_DAYS", "30"))
# Who opened which applicant's dossier or file is kept this many days (docs/security.md).
MOTCUA_ACCESS_LOG_DAYS = int(env("MOTCUA_ACCESS_LOG_DAYS", "730"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_htmx",
    "ninja",  # Swagger UI from its bundled static files, not a CDN (API docs offline)
    "motcua.ui",
    "motcua.revisions",
    "motcua.org",
    "motcua.workdays",
    "motcua.catalog",
    "motcua.dossiers",
    "motcua.reports",
    "motcua.office",
    "motcua.printing",
    "motcua.signing",
    "motcua.notify",
    "motcua.news",
    "motcua.eoffice",
    "motcua.portal",
    "motcua.store",
    "motcua.api",
    "motcua.interop",
    "motcua.demo",
    "motcua.reform",
    "motcua.security",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "motcua.rules",
]

MIDDLEWARE = [
    "motcua.security.middleware.RequestSizeLimitMiddleware",
    "motcua.security.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "motcua.security.middleware.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "motcua.interop.calls.ApiCallLogMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "motcua.urls"
WSGI_APPLICATION = "motcua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
            "builtins": ["motcua.ui.templatetags.vn"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'motcua.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the writer; IMMEDIATE takes the write lock at BEGIN so two
    # writers queue up instead of failing half-way through a transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # A fresh checkout has no var/ yet: the default database file needs its folder.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Tests use a file (one per process), not memory, so that they can open several
    # connections at once as concurrent staff do.
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"motcua-test-{os.getpid()}.sqlite3")
    }
# A streaming replica for report pages and API lists (motcua.replica); tests mirror it.
_replica_url = env("MOTCUA_DATABASE_REPLICA_URL", "")
if _replica_url:
    DATABASES["replica"] = dj_database_url.parse(_replica_url, conn_max_age=60)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["motcua.replica.Router"]
# Behind PgBouncer in transaction mode a server connection serves another client after each
# transaction: no persistent connections of our own, no server-side cursors (docs/deployment.md).
if env_bool("MOTCUA_PGBOUNCER", False):
    for _database in DATABASES.values():
        _database["CONN_MAX_AGE"] = 0
        _database["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "motcua.security.passwords.StaffPasswordLengthValidator"},
]
LOGIN_URL = "/login/"
# Logins (docs/security.md): django-axes locks a username, and separately a client address,
# after MOTCUA_LOGIN_FAILURES failed logins, for MOTCUA_LOCKOUT_MINUTES; an administrator
# unlocks earlier (admin "Access attempts", or `motcua axes_reset_username NAME`).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env("MOTCUA_LOGIN_FAILURES", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("MOTCUA_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "motcua.portal.ratelimit.client_ip"
AXES_USERNAME_CALLABLE = "motcua.security.logins.username_of"
AXES_LOCKOUT_TEMPLATE = "security/locked_out.html"
AXES_VERBOSE = False
# Sessions: staff are logged out after MOTCUA_STAFF_IDLE_MINUTES without a request; every
# session ends MOTCUA_SESSION_HOURS after login.
MOTCUA_STAFF_IDLE_MINUTES = int(env("MOTCUA_STAFF_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = int(env("MOTCUA_SESSION_HOURS", "12")) * 3600
OTP_TOTP_ISSUER = "motcua"

# The citizen portal (docs/portal.md). Requests reach the app through this many reverse
# proxies: the client address for rate limits is read from X-Forwarded-For accordingly.
MOTCUA_TRUSTED_PROXIES = int(env("MOTCUA_TRUSTED_PROXIES", "0"))
# Online fees through VNPAY (version 2.1.0); off while the merchant code is empty.
MOTCUA_VNPAY_TMN_CODE = env("MOTCUA_VNPAY_TMN_CODE", "")
MOTCUA_VNPAY_SECRET = env("MOTCUA_VNPAY_SECRET", "")
MOTCUA_VNPAY_URL = env("MOTCUA_VNPAY_URL", "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html")
MOTCUA_VNPAY_API_URL = env(
    "MOTCUA_VNPAY_API_URL", "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction"
)
# The local test gateway takes no money: for the demo and tests only, so off in production.
MOTCUA_TEST_GATEWAY = env_bool("MOTCUA_TEST_GATEWAY", DEBUG)
# Where a login without `next` lands: staff in the office, citizens at their dossiers.
LOGIN_REDIRECT_URL = "/account/start/"
# Login through a national identity provider (OpenID Connect, mozilla-django-oidc): off
# unless MOTCUA_OIDC_CLIENT_ID is set; docs/portal.md says what to ask the provider for.
MOTCUA_OIDC = bool(env("MOTCUA_OIDC_CLIENT_ID", ""))
MOTCUA_OIDC_LABEL = env("MOTCUA_OIDC_LABEL", "Đăng nhập bằng tài khoản định danh điện tử")
MOTCUA_OIDC_ID_NUMBER_CLAIM = env("MOTCUA_OIDC_ID_NUMBER_CLAIM", "id_number")
MOTCUA_OIDC_LEVEL_CLAIM = env("MOTCUA_OIDC_LEVEL_CLAIM", "acr")
if MOTCUA_OIDC:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS = [
        *AUTHENTICATION_BACKENDS,
        "motcua.portal.accounts.oidc.CitizenOIDCBackend",
    ]
    OIDC_RP_CLIENT_ID = env("MOTCUA_OIDC_CLIENT_ID", "")
    OIDC_RP_CLIENT_SECRET = env("MOTCUA_OIDC_CLIENT_SECRET", "")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env("MOTCUA_OIDC_AUTHORIZATION_URL", "")
    OIDC_OP_TOKEN_ENDPOINT = env("MOTCUA_OIDC_TOKEN_URL", "")
    OIDC_OP_USER_ENDPOINT = env("MOTCUA_OIDC_USERINFO_URL", "")
    OIDC_OP_JWKS_ENDPOINT = env("MOTCUA_OIDC_JWKS_URL", "")
    OIDC_RP_SIGN_ALGO = env("MOTCUA_OIDC_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = env("MOTCUA_OIDC_SCOPES", "openid profile email phone")
    LOGOUT_REDIRECT_URL = "/"

# HTTPS (docs/deployment.md). In production every request arrives over HTTPS, through the
# proxy when MOTCUA_TRUSTED_PROXIES > 0 (it sets X-Forwarded-Proto). MOTCUA_PLAIN_HTTP=1
# serves plain HTTP on a closed intranet: off by default, and `check --deploy` says so.
MOTCUA_PLAIN_HTTP = env_bool("MOTCUA_PLAIN_HTTP", False)
if not DEBUG and not MOTCUA_PLAIN_HTTP:
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env("MOTCUA_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("MOTCUA_HSTS_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("MOTCUA_HSTS_PRELOAD", True)
if MOTCUA_TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Content-Security-Policy: scripts and everything else from this site only, no inline
# script; inline styles stay allowed (htmx's indicator style, SVG charts).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Vietnamese only (docs/decisions/0022-vietnamese-only.md); Django's own catalog translates
# its messages (form errors, the admin) into Vietnamese.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

_email_url = env("MOTCUA_EMAIL_URL", "console")
if _email_url == "console":
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    from urllib.parse import unquote, urlsplit

    _email = urlsplit(_email_url)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _email.hostname or "localhost"
    EMAIL_PORT = _email.port or 25
    EMAIL_HOST_USER = unquote(_email.username or "")
    EMAIL_HOST_PASSWORD = unquote(_email.password or "")
    EMAIL_USE_TLS = EMAIL_PORT == 587
DEFAULT_FROM_EMAIL = env("MOTCUA_FROM_EMAIL", "motcua@localhost")
# The outbox (motcua.notify): SMS provider, and how often a message is tried before it is
# marked failed (the admin can send it again).
MOTCUA_SMS_BACKEND = env("MOTCUA_SMS_BACKEND", "motcua.notify.sms.LogBackend")
MOTCUA_SMS_ASCII = env_bool("MOTCUA_SMS_ASCII", False)
MOTCUA_NOTIFY_MAX_ATTEMPTS = int(env("MOTCUA_NOTIFY_MAX_ATTEMPTS", "10"))
# The national public-service portal (motcua.interop, docs/integration.md): off when empty.
MOTCUA_DVCQG_URL = env("MOTCUA_DVCQG_URL", "").rstrip("/")
MOTCUA_DVCQG_CLIENT_ID = env("MOTCUA_DVCQG_CLIENT_ID", "")
MOTCUA_DVCQG_CLIENT_SECRET = env("MOTCUA_DVCQG_CLIENT_SECRET", "")
# The national population database through the data-sharing platform: off when empty.
MOTCUA_POPULATION_URL = env("MOTCUA_POPULATION_URL", "").rstrip("/")
MOTCUA_POPULATION_CLIENT_ID = env("MOTCUA_POPULATION_CLIENT_ID", "")
MOTCUA_POPULATION_CLIENT_SECRET = env("MOTCUA_POPULATION_CLIENT_SECRET", "")
# The national payment platform (PayGov) as a payment provider: off when empty.
MOTCUA_PAYGOV_URL = env("MOTCUA_PAYGOV_URL", "").rstrip("/")
MOTCUA_PAYGOV_MERCHANT = env("MOTCUA_PAYGOV_MERCHANT", "")
MOTCUA_PAYGOV_SECRET = env("MOTCUA_PAYGOV_SECRET", "")
# Procedures the portal's home shows until dossiers tell which ones people need most.
MOTCUA_POPULAR_PROCEDURES = env_list(
    "MOTCUA_POPULAR_PROCEDURES",
    "1.001193,1.000894,1.000656,1.004873,2.000635,2.000815,1.001612,1.013225",
)
# Anonymous portal pages and API lists are cached (motcua.pagecache): in each process's
# memory by default, in Redis when MOTCUA_CACHE_URL is set.
_cache_url = env("MOTCUA_CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}
        if _cache_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "motcua"}
    )
}
MOTCUA_CACHE_SECONDS = int(env("MOTCUA_CACHE_SECONDS", "300"))
# With a shared cache, sessions are read from it and written through to the database (a
# request no longer reads its session from PostgreSQL; a flushed cache loses none).
if _cache_url:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Phone and ID numbers are masked in every line (docs/security.md).
    "filters": {"personal_data": {"()": "motcua.security.logs.MaskPersonalData"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["personal_data"]},
    },
    "root": {"handlers": ["console"], "level": env("MOTCUA_LOG_LEVEL", "WARNING")},
}
