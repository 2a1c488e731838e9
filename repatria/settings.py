"""Settings, read from the environment: DATABASE_URL, DATABASE_OWNER_URL, SECRET_KEY, AUDIT_KEY or AUDIT_KEY_FILE,
DEBUG, ALLOWED_HOSTS, SECURE_TLS, BEHIND_PROXY, REQUEST_ID_FROM_PROXY, SESSION_IDLE_TIMEOUT, PRIVATE_ROOT, STATIC_ROOT,
ATTACHMENT_SCANNER (README.md, "Settings"; docs/DEPLOYMENT.md)."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or (
    "insecure-development-key-only" if DEBUG or os.environ.get("REPATRIA_DEV") else ""
)
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment (or DEBUG=true).")

AUDIT_KEY_MIN_LENGTH = 32


def audit_key() -> str:
    """The key that seals the audit trail (repatria.audit.keys): kept out of the database and its backups, so that
    whoever can write the database cannot rewrite the trail unseen. From AUDIT_KEY, or the file AUDIT_KEY_FILE names."""
    value, file = os.environ.get("AUDIT_KEY", ""), os.environ.get("AUDIT_KEY_FILE", "")
    if value and file:
        raise ImproperlyConfigured("Set AUDIT_KEY or AUDIT_KEY_FILE, not both.")
    if file:
        try:
            value = Path(file).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ImproperlyConfigured(f"AUDIT_KEY_FILE {file} cannot be read ({error.strerror}).") from error
    if not value and (DEBUG or os.environ.get("REPATRIA_DEV")):
        return "insecure-development-audit-key-only"
    if len(value) < AUDIT_KEY_MIN_LENGTH:
        raise ImproperlyConfigured(
            f"AUDIT_KEY (or the file AUDIT_KEY_FILE names) must hold a secret of at least {AUDIT_KEY_MIN_LENGTH} "
            "characters, such as `python3 -c 'import secrets; print(secrets.token_hex(32))'` prints (or DEBUG=true)."
        )
    return value


AUDIT_KEY = audit_key()

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "repatria.core",
    "repatria.accounts",
    "repatria.geo",
    "repatria.registry",
    "repatria.cases",
    "repatria.assets",
    "repatria.audit",
    "repatria.notifications",
    "repatria.screening",
    "repatria.stats",
    "repatria.work",
    "repatria.cooperation",
    "repatria.attachments",
    "repatria.demo",
]

MIDDLEWARE = [
    "repatria.core.context.RequestContextMiddleware",  # first: every later step can be attributed
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files, before the session and everything after it
    "django.contrib.sessions.middleware.SessionMiddleware",
    "repatria.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "repatria.urls"
WSGI_APPLICATION = "repatria.wsgi.application"

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
                "repatria.navigation.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'repatria.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets readers go on while a write is under way.
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
else:
    # PostgreSQL's JIT compiles a query whose estimate looks large for up to a second, then runs it in milliseconds
    # (the statistics' anti-joins over 100,000 persons): this site's queries are all of the quick kind.
    DATABASES["default"]["OPTIONS"] = {"options": "-c jit=off"}


def database_owner(site: dict) -> dict | None:
    """The credentials of DATABASE_OWNER_URL: the role that owns the tables, which migrations and restores connect
    as (repatria.core.database_roles); the site connects as DATABASE_URL's role, which owns none."""
    url = os.environ.get("DATABASE_OWNER_URL")
    if not url:
        return None
    owner = dj_database_url.parse(url)
    if not site["ENGINE"].endswith("postgresql") or (owner["ENGINE"], owner["NAME"]) != (site["ENGINE"], site["NAME"]):
        raise ImproperlyConfigured("DATABASE_OWNER_URL must name the PostgreSQL database DATABASE_URL names.")
    return {key: owner[key] for key in ("USER", "PASSWORD", "HOST", "PORT")}


DATABASE_OWNER = database_owner(DATABASES["default"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# --- Sign-in security: Argon2, lockout (django-axes), TOTP two-factor (django-otp), session limits, CSP, TLS ---
# Argon2 first; hashes made by the others are still accepted and re-hashed with Argon2 at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
INSTALLED_APPS += [
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
]


def _insert_after(anchor: str, *names: str) -> None:
    position = MIDDLEWARE.index(anchor) + 1
    MIDDLEWARE[position:position] = list(names)


_insert_after("django.middleware.security.SecurityMiddleware", "csp.middleware.CSPMiddleware")
_insert_after("django.contrib.auth.middleware.AuthenticationMiddleware", "django_otp.middleware.OTPMiddleware")
_insert_after(
    "django.contrib.messages.middleware.MessageMiddleware",
    "repatria.accounts.middleware.SessionLimitsMiddleware",  # idle and absolute session timeouts
    "repatria.accounts.middleware.TwoFactorMiddleware",  # officers must pass the TOTP step on every page
)
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # last: turns a lockout into the locked-out page

# django-axes: 5 failed sign-ins for one username from one address lock that pair out for 30 minutes.
# The backend must come first; Django's LoginView passes the request to authenticate() as axes needs.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first, to refuse a locked-out sign-in before any other checks it
    "django.contrib.auth.backends.ModelBackend",
    "repatria.accounts.backends.ObjectPermissionBackend",  # the grants: signs no one in, restricts the records
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "repatria.accounts.account_views.locked_out"  # the locked-out page, in the user's language
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "repatria.core.context.client_address"  # the proxy's word for it, BEHIND_PROXY

# django-otp: the issuer named in authenticator apps; recovery codes per batch.
OTP_TOTP_ISSUER = "Repatria"
RECOVERY_CODE_COUNT = 10

# Sessions end after 30 minutes unused, and 12 hours after sign-in whatever happens.
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", 30 * 60))  # seconds
if SESSION_IDLE_TIMEOUT < 1:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SESSION_IDLE_TIMEOUT must be a positive number of seconds.")
SESSION_COOKIE_AGE = 12 * 60 * 60

# Content-Security-Policy: no inline script or style anywhere, nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
    }
}

# Served over TLS (the default unless DEBUG): HSTS and cookies sent only over HTTPS.
# SECURE_TLS=false serves plain HTTP, as `make run` (DEBUG) and the tests' live server do.
SECURE_TLS = env_bool("SECURE_TLS", not DEBUG)
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60 if SECURE_TLS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_TLS
SECURE_HSTS_PRELOAD = SECURE_TLS
SESSION_COOKIE_SECURE = SECURE_TLS
CSRF_COOKIE_SECURE = SECURE_TLS
# BEHIND_PROXY: a reverse proxy in front terminates TLS and sets X-Forwarded-Proto and X-Forwarded-For, replacing what
# the client sent (docs/DEPLOYMENT.md). Then a request that came over HTTPS is known as such (the CSRF check compares
# the Origin with it), one that came over HTTP is sent to HTTPS, and the client's address is the proxy's word for it.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_SSL_REDIRECT = SECURE_TLS and BEHIND_PROXY
# --- end of sign-in security ---

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or VAR_DIR / "static")
# Uploaded and generated files (photos, bulk screening files) live in no served folder, under names nobody can guess,
# and are read only through the views of the records they belong to (repatria.core.private_files). There is no
# MEDIA_URL or MEDIA_ROOT: nothing serves files by their path, and every FileField stores here.
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT") or VAR_DIR / "private")
STORAGES = {
    "default": {"BACKEND": "repatria.core.private_files.PrivateStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# WhiteNoise serves the static files. On a site, from STATIC_ROOT, which `collectstatic` (run by `repatria serve`) fills
# with compressed copies under names carrying a hash of their content, so browsers keep them for ever; in a
# development checkout (DEBUG, or REPATRIA_DEV as the Makefile and the tests set) straight from the source folders.
if DEBUG or os.environ.get("REPATRIA_DEV"):
    WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = True
else:
    STORAGES["staticfiles"] = {"BACKEND": "repatria.core.static_storage.GzipManifestStaticFilesStorage"}
# Files attached to records (repatria.attachments): the types allowed, by what the content is (not the name), the
# largest size, and the virus scanner: the dotted path of a callable given the open file, which returns why it refuses
# the file or None (none configured: no scan). A refused file is not stored.
ATTACHMENT_TYPES = [
    "application/pdf",
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "image/tiff",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
]
ATTACHMENT_MAX_SIZE = 20 * 1024 * 1024
ATTACHMENT_SCANNER = os.environ.get("ATTACHMENT_SCANNER") or None
# Where files were kept, and served from, before: the migrations that moved them out read it (registry 0006,
# screening 0002).
LEGACY_MEDIA_ROOT = VAR_DIR / "media"

# The API (/api/, repatria.core.api): partners sign in with a token, officers with their verified session; JSON only.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "repatria.accounts.api.authentication.ApiTokenAuthentication",  # first: its header makes refusals 401
        "repatria.accounts.api.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "repatria.accounts.api.authentication.TokenScopes",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["repatria.core.bodies.JSONParser"],  # DRF's, within the limits below
    "DEFAULT_METADATA_CLASS": None,  # no OPTIONS: the schema describes every endpoint
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",  # RecordViewSet caps it
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "repatria.core.api.exception_handler",
}
# Request bodies (repatria.core.bodies): a form or a JSON body of at most 1 MB, files aside (an upload has a limit of
# its own: 50 MB to import, 512 MB to screen), 1,000 fields and 100 files; past any of them, 413 in the user's
# language. The largest body in use, a hundred screening queries, is some 50 KB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 100
SPECTACULAR_SETTINGS = {
    "TITLE": "Repatria API",
    "VERSION": "0.1.0",
    "DESCRIPTION": "Partners send `Authorization: Token <key>` (or `ApiKey <key>`, as yente's clients do); "
    "officers use their signed-in session (and the CSRF token to write). Every list and record is limited to what "
    "the caller's grants reach. An update names the `version` it was based on; an older one answers 409 with the "
    "record as it is now.",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "CurrencyEnum": "repatria.core.models.Currency",
        "OrganisationKindEnum": "repatria.accounts.models.OrganisationKind",
        "NameKindEnum": "repatria.registry.models.NameKind",
        "AssetKindEnum": "repatria.assets.models.AssetKind",
        "TreatyKindEnum": "repatria.cooperation.models.TreatyKind",
        "RequestKindEnum": "repatria.cooperation.models.RequestKind",
        "RequestStateEnum": "repatria.cooperation.models.RequestState",
        "RequestChannelEnum": "repatria.cooperation.models.RequestChannel",
        "CheckStateEnum": "repatria.cooperation.models.CheckState",
        "ContactChannelEnum": "repatria.cooperation.models.Channel",
        "YesNoUnknownEnum": "repatria.cooperation.models.YesNoUnknown",
        "TaskStateEnum": "repatria.work.models.TaskState",
    },
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"
PAGINATE_BY = 50
# Reminders (repatria.work.reminders): an open case with no event for this many days has made no progress; a
# passport, a red notice or a freezing order that ends within the horizon is about to expire.
NO_PROGRESS_DAYS = int(os.environ.get("REPATRIA_NO_PROGRESS_DAYS", "180"))
REMINDER_HORIZON_DAYS = int(os.environ.get("REPATRIA_REMINDER_HORIZON_DAYS", "30"))
RED_NOTICE_VALID_YEARS = 5  # INTERPOL reviews a red notice after five years
# A request sent with no deadline is overdue when unanswered this many days after it left (repatria.cooperation).
REQUEST_ANSWER_DAYS = int(os.environ.get("REPATRIA_REQUEST_ANSWER_DAYS", "90"))
# A task's optional e-mail: written to the console unless a deployment names a real backend (and Django's EMAIL_*).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "repatria@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

# The number a new case is given when the officer leaves it empty: {year} is the year the case was opened, {seq}
# counts that year's cases from 1 (cases.numbering).
REPATRIA_CASE_NUMBER = os.environ.get("REPATRIA_CASE_NUMBER", "ZT-{year}-{seq:05d}")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# A request's id comes from the proxy in front (its X-Request-ID) only when the deployment says one sets it;
# otherwise a client could choose what the audit trail stores as the id.
REQUEST_ID_FROM_PROXY = env_bool("REQUEST_ID_FROM_PROXY", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
FORMAT_MODULE_PATH = ["repatria.formats"]
