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
| MOTCUA_SMS_BACKEND | motcua.notify.sms.LogBackend | SMS provider class (the default only logs) |
| MOTCUA_SMS_ASCII | 0 | 1 strips Vietnamese diacritics from SMS (160 characters instead of 70) |
| MOTCUA_NOTIFY_MAX_ATTEMPTS | 10 | tries before a message is marked failed (back-off 1, 2, 4 … 60 min) |
| MOTCUA_POPULAR_PROCEDURES | 1.001193,1.000894,… | procedure codes the home page shows before there are dossiers |
| MOTCUA_CACHE_URL | (empty: local memory) | redis://host:port/db: the cache shared by every process (pages, versions) |
| MOTCUA_CACHE_SECONDS | 300 | how long an anonymous page stays cached (a change shows at once with Redis) |
"""

import os
import tempfile
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
    "motcua.api",
    "motcua.demo",
    "motcua.reform",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "/login/"

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
if MOTCUA_OIDC:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS = [
        "django.contrib.auth.backends.ModelBackend",
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("MOTCUA_LOG_LEVEL", "WARNING")},
    # The log SMS backend's output is the SMS itself: show it at the default level.
    "loggers": {"motcua.sms": {"level": "INFO"}},
}
