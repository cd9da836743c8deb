"""Settings for the Tiên Tân community learning portal.

Everything that differs between a laptop and production comes from environment variables
(listed, with their defaults, in `.env.example` and the README). The defaults are the safe ones:
DEBUG is off, and with DEBUG off the process refuses to start without a secret key and a host list.
"""

import datetime
from email.utils import getaddresses
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _
from django_prose_editor.config import html_tags
from js_asset import static_lazy

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local `.env` file is a convenience for developers; production sets real variables.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it (see .env.example) or set DJANGO_DEBUG=1 "
            "for local development."
        )
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 - DEBUG only

# Host names. One deployment serves many centers, each at its own host names, kept in the
# database (core.CenterHost; `manage.py create_center`): they need no listing here.
# DJANGO_ALLOWED_HOSTS names the first center's hosts, given to it when the database is first
# migrated (a single-center site upgraded keeps answering where it did).
FIRST_CENTER_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
if not FIRST_CENTER_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_ALLOWED_HOSTS is not set. List the site's host names, comma-separated."
        )
    FIRST_CENTER_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# The hosting operator's own host names: the province overview and the operator's admin.
OPERATOR_HOSTS = env.list("DJANGO_OPERATOR_HOSTS", default=[])
OPERATOR_URLCONF = "tienTan_portal.urls_operator"
# Every Host header is checked first by core.middleware.CenterMiddleware (a center's host,
# the operator's, or the operator's 404 page), ahead of everything that reads the host.
ALLOWED_HOSTS = ["*"]
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Django's admin, its site being core.admin.PortalAdminSite (search without accents).
    "core.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # WhiteNoise serves static files in development exactly as in production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # PostgreSQL's full-text search, trigram and unaccent (core/search.py, core/lookups.py).
    "django.contrib.postgres",
    "axes",
    "csp",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_prose_editor",
    # Our apps, ground floor first. Their order is the order of their boxes on the home page,
    # their staff tools, sitemap sections and demo loaders (core.hooks, docs/architecture.md).
    "core",
    "news",
    "classes",
    "organizations",
    "documents",
    "questions",
    "disclosures",
    "attendance",
    "survey",
    # The center's work calendar: meetings and events beside the class sessions.
    "agenda",
    "assessment",
    # The province overview, at the operator's host only (tienTan_portal/urls_operator.py).
    "province",
    # The top floor's pages: they gather what every app above declares (core.hooks).
    "portal",
]

MIDDLEWARE = [
    # Which center the Host header names (or the operator's host, or a 404): before anything
    # that reads the host or the database.
    "core.middleware.CenterMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # A database outage answers 503 with a Vietnamese page and Retry-After, never a 500.
    "core.middleware.DatabaseUnavailableMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "core.middleware.PortalCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag on every page: a repeat visit on slow mobile data gets a 304, not the page again.
    # Above the page cache, so pages served from the cache get their 304s too.
    "django.middleware.http.ConditionalGetMiddleware",
    "core.cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A session of another center's staff counts as nobody on this center's host.
    "core.middleware.CenterAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it answers locked-out login attempts.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tienTan_portal.urls"
WSGI_APPLICATION = "tienTan_portal.wsgi.application"

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
                "core.context_processors.site",
                "portal.context_processors.center_contact",
            ],
        },
    },
]

# The site's working data that is not uploads: the shared cache folder (below); for `make run`
# also its embedded PostgreSQL cluster (var/postgres). On a server: a folder the site may write.
VAR_DIR = Path(env.str("DJANGO_DATA_DIR", default="") or BASE_DIR / "var")

# PostgreSQL everywhere: production, CI and the local run (`make run` starts an embedded server
# from a pip wheel and sets DATABASE_URL; scripts/local_postgres.py). Unset, the database
# `portal` of the machine's own server, over its Unix socket, as the current user.
DATABASES = {
    # An empty variable (as copied from .env.example) counts as unset.
    "default": env.db_url_config(env.str("DATABASE_URL", default="") or "postgres:///portal"),
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(
        "DATABASE_URL must name a PostgreSQL database (postgres://...): the portal's search, "
        "constraints and backups are PostgreSQL's."
    )
# Keep connections between requests, and check them before use so a restarted PostgreSQL does
# not cost a failed request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Fail fast when PostgreSQL is unreachable: a request waits at most this long for a connection,
# then gets the 503 page, instead of holding a worker for minutes.
DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
    "connect_timeout", env.int("DJANGO_DB_CONNECT_TIMEOUT", default=3)
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache every worker shares: the anonymous page cache and its content version, the rate
# limits of the public forms and of the password reset. CACHE_URL names Redis when several
# servers run (Django's own backend); without it, a folder under VAR_DIR, which all the
# workers of one server share (core/filecache.py: atomic counters), so a server set up as the
# README says is fast and counts every worker's requests together. `filecache://PATH` chooses
# another folder; `locmemcache://` keeps a cache per process (nothing is shared: the page cache
# then stays off by default).
CACHE_URL = env.str("CACHE_URL", default="")
CACHES = {
    "default": (
        env.cache_url_config(CACHE_URL)
        if CACHE_URL
        else {"BACKEND": "core.filecache.FileCache", "LOCATION": str(VAR_DIR / "cache")}
    )
}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache":
    CACHES["default"]["BACKEND"] = "core.filecache.FileCache"
if CACHES["default"]["BACKEND"] == "core.filecache.FileCache":
    # Django's default of 300 entries would keep few pages of a site with hundreds.
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 5000)
CACHE_IS_SHARED = CACHES["default"]["BACKEND"] not in (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)

# Whole pages for anonymous readers (core/cache.py); 0 turns it off. On by default in
# production with a shared cache: a per-process cache would keep its own content version, and
# a publish seen by one worker would leave the others serving the old page. Off while
# developing (DEBUG), where a changed template should show at once.
PAGE_CACHE_SECONDS = env.int(
    "DJANGO_PAGE_CACHE_SECONDS", default=600 if CACHE_IS_SHARED and not DEBUG else 0
)
# Saving rows of these apps does not change any public page.
PAGE_CACHE_IGNORE_APPS = ["sessions", "axes", "admin", "auth", "contenttypes"]
# ...nor these models: survey answers are never shown publicly, and every villager's answer
# would otherwise empty the whole page cache.
PAGE_CACHE_IGNORE_MODELS = ["survey.surveyresponse", "survey.surveychoice"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "core.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"  # also where an unsafe ?next= falls back to
AUTHENTICATION_BACKENDS = [
    # django-axes counts failed logins per username and address and locks both out for a
    # while: staff reuse passwords, and the admin is on the open internet.
    "axes.backends.AxesStandaloneBackend",
    # Django's, with one more rule: staff sign in only at their own center's host.
    "core.accounts.CenterModelBackend",
]
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("DJANGO_LOGIN_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.views.login_lockout"
AXES_VERBOSE = False
# Reverse proxies in front of gunicorn (nginx on the same server: 1). The client's address is
# the PROXY_COUNT-th entry from the right of X-Forwarded-For (core/net.py), for the lock-out
# and for every rate limit alike.
PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "core.net.client_ip"

# Password reset mails (the admin's "forgotten your password?").
# EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.vn:587, sets EMAIL_BACKEND, EMAIL_HOST...
globals().update(env.email_url_config(env.str("EMAIL_URL", default="") or "consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="webmaster@localhost")


def _admins(value: str) -> list[tuple[str, str]]:
    """DJANGO_ADMINS, e.g. `Nguyễn Văn An <an@example.vn>, chi@example.vn`, as Django's
    [(name, address), ...]. A name holding a comma must be quoted ("Trần, Bình" <b@x.vn>).
    Anything that is not an address stops the start: a typo here would silently leave errors
    unreported."""
    admins = []
    for name, address in getaddresses([value]):
        if not name and not address:
            continue  # a stray or trailing comma
        try:
            validate_email(address)
        except ValidationError:
            raise ImproperlyConfigured(
                f"DJANGO_ADMINS: {address or name!r} is not an e-mail address. Write "
                "`Name <address>, address, ...` and quote a name that holds a comma."
            ) from None
        admins.append((name, address))
    return admins


# Who gets a mail with the traceback when a page fails with a server error (see LOGGING).
ADMINS = _admins(env.str("DJANGO_ADMINS", default=""))
# The sender of those mails; many SMTP servers refuse Django's default root@localhost.
SERVER_EMAIL = env.str("DJANGO_SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# Say which site a mail comes from: "[tthtcd-tientan.example.vn] ERROR ...".
EMAIL_SUBJECT_PREFIX = f"[{(OPERATOR_HOSTS or FIRST_CENTER_HOSTS)[0]}] "

# Language, time and formats: Vietnamese, day-first dates, "." for thousands.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["tienTan_portal.formats"]

# Static and media files.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Uploads: the largest file of each kind staff may upload, in MB, each from
# DJANGO_UPLOAD_MAX_<KIND>_MB, and a picture's pixel budget. core.uploads and core.images read
# them (`ContentTypeValidator(..., max_bytes="<kind>")`); nothing else states a limit. Keep
# nginx's client_max_body_size (deploy/nginx/tientan.conf, 25 MB) above the largest.
UPLOAD_LIMITS = {
    # public disclosure documents and the self-assessment's evidence files (the older
    # variable DJANGO_DISCLOSURE_MAX_UPLOAD_MB still works)
    "document": env.int(
        "DJANGO_UPLOAD_MAX_DOCUMENT_MB",
        default=env.int("DJANGO_DISCLOSURE_MAX_UPLOAD_MB", default=20),
    ),
    # files attached to a news article (the older DJANGO_NEWS_ATTACHMENT_MAX_MB still works)
    "attachment": env.int(
        "DJANGO_UPLOAD_MAX_ATTACHMENT_MB",
        default=env.int("DJANGO_NEWS_ATTACHMENT_MAX_MB", default=20),
    ),
    # photos: article and class covers, portraits, the organization chart, pictures in rich
    # text (all stored re-encoded and smaller)
    "picture": env.int("DJANGO_UPLOAD_MAX_PICTURE_MB", default=20),
    # the Excel learner import
    "import": env.int("DJANGO_UPLOAD_MAX_IMPORT_MB", default=5),
    # a picture's pixels, in megapixels, checked before it is decoded (decompression bombs)
    "picture_megapixels": env.int("DJANGO_UPLOAD_MAX_PICTURE_MEGAPIXELS", default=40),
}
# Let the app itself serve uploads (no nginx in front): development and measurements only.
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=False)
# Uploads go to the local MEDIA_ROOT, or, when DJANGO_S3_BUCKET is set, to S3-compatible object
# storage (AWS S3, MinIO, a provider's S3 service), so several servers share one set of files.
S3_BUCKET = env.str("DJANGO_S3_BUCKET", default="")
MEDIA_ORIGINS = []  # where media is served from when it is not this site (for the CSP below)
if S3_BUCKET:
    S3_ENDPOINT_URL = env.str("DJANGO_S3_ENDPOINT_URL", default="") or None
    S3_CUSTOM_DOMAIN = env.str("DJANGO_S3_CUSTOM_DOMAIN", default="") or None
    S3_REGION = env.str("DJANGO_S3_REGION", default="") or None
    S3_STORAGE_OPTIONS = {
        "bucket_name": S3_BUCKET,
        "endpoint_url": S3_ENDPOINT_URL,
        "region_name": S3_REGION,
        # Unset: boto3's own chain (AWS_* variables, an instance role).
        "access_key": env.str("DJANGO_S3_ACCESS_KEY_ID", default="") or None,
        "secret_key": env.str("DJANGO_S3_SECRET_ACCESS_KEY", default="") or None,
        "custom_domain": S3_CUSTOM_DOMAIN,
        "location": env.str("DJANGO_S3_PREFIX", default=""),
        # Public pages link to covers and attachments directly, as nginx serves /media/:
        # plain, stable URLs (the bucket or its CDN allows public reads), so cached pages and
        # browsers' caches stay valid.
        "querystring_auth": False,
        "default_acl": None,
        # Names are random and never reused, so a file never changes under its URL.
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        # Reading a large document back spools to disk instead of memory.
        "max_memory_size": 2 * 1024 * 1024,
    }
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": S3_STORAGE_OPTIONS,
    }
    if S3_CUSTOM_DOMAIN:
        MEDIA_ORIGINS = [f"https://{S3_CUSTOM_DOMAIN}"]
    elif S3_ENDPOINT_URL:
        _endpoint = urlsplit(S3_ENDPOINT_URL)
        MEDIA_ORIGINS = [f"{_endpoint.scheme}://{_endpoint.netloc}"]
    else:
        MEDIA_ORIGINS = [f"https://{S3_BUCKET}.s3.amazonaws.com"]
        if S3_REGION:
            MEDIA_ORIGINS.append(f"https://{S3_BUCKET}.s3.{S3_REGION}.amazonaws.com")
else:
    # FileSystemStorage that removes a half-written file when the disk is full.
    MEDIA_STORAGE = {"BACKEND": "core.storage.MediaStorage"}
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Learners' personal data is erased (counts kept) this many years after their class ended.
LEARNER_RETENTION_YEARS = env.int("DJANGO_LEARNER_RETENTION_YEARS", default=5)

FILE_UPLOAD_PERMISSIONS = 0o644

# The rich-text editor's own extensions (core.html.RICH_TEXT_EXTENSIONS turns them on): its
# menus and tooltips through the JavaScript catalogue (locale/vi/LC_MESSAGES/djangojs.po), and
# "insert picture" as choose a file, say what it shows, done. They write no HTML of their own:
# what a text may hold is core.html's allow-list.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("js/rich-text-editor.js")],
        "extensions": {"TranslatedMenu": html_tags([]), "PictureUpload": html_tags([])},
    }
]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The center shown in the header and footer. Its contact details are public information.
SITE_NAME = env.str("PORTAL_SITE_NAME", default="Trung tâm học tập cộng đồng xã Tiên Tân")
# The commune, as signed documents start ("Tiên Tân, ngày … tháng … năm …"): the first center's.
SITE_COMMUNE = env.str("PORTAL_COMMUNE", default="Tiên Tân")
SITE_CONTACT = {
    "address": env.str(
        "PORTAL_CONTACT_ADDRESS", default="UBND xã Tiên Tân, thành phố Phủ Lý, tỉnh Hà Nam"
    ),
    "phone": env.str("PORTAL_CONTACT_PHONE", default=""),
    "email": env.str("PORTAL_CONTACT_EMAIL", default=""),
}
# What staff keep in the admin wins over SITE_CONTACT (see core/contact.py).
SITE_CONTACT_PROVIDER = "portal.context_processors.site_contact"

# Public enrollment and survey forms: submissions allowed per client address ("10/h", "30/m",
# "100/d"); "0" turns the limit off (load tests). Counted in CACHES["default"] (core/ratelimit.py).
ENROLL_RATE_LIMIT = env.str("DJANGO_ENROLL_RATE_LIMIT", default="10/h")
# Password reset mails: requests allowed per e-mail address asked for, and per client address.
PASSWORD_RESET_RATE_LIMIT = env.str("DJANGO_PASSWORD_RESET_RATE_LIMIT", default="3/h")
# Enrollment lookups (/tra-cuu-dang-ky/): tries allowed per client address, and per reference
# code whatever the address, so guessing a phone from many connections does not pay.
LOOKUP_RATE_LIMIT = env.str("DJANGO_LOOKUP_RATE_LIMIT", default="10/h")
# Questions to the center (/hoi-dap/): questions allowed per client address.
QUESTION_RATE_LIMIT = env.str("DJANGO_QUESTION_RATE_LIMIT", default="5/h")

# Security. Production runs behind nginx over HTTPS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
# The health check is probed over plain HTTP by the load balancer or a monitor.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if not DEBUG:
    # __Host- cookies are only accepted over HTTPS, for this exact host, for the whole site:
    # no subdomain or plain-HTTP page can plant or read them.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
# A form sent without its token gets a Vietnamese page, not Django's technical English one.
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
ADMIN_URL_PREFIX = "/admin/"
STAFF_URL_PREFIXES = [ADMIN_URL_PREFIX, "/quan-ly/"]

# Content-Security-Policy (django-csp): nothing inline, nothing from elsewhere, except the
# YouTube player a reader asks for by tapping play.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["https://www.youtube-nocookie.com"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
if not DEBUG:
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Errors must be seen. Every log line goes to stderr: under systemd that is the journal
# (`journalctl -u tientan-web`), under `make serve` the terminal. A request that fails with an
# exception (a 500) also mails its traceback to ADMINS, without the values the form posted
# (core/reporting.py). Django's own default would mail every error of every `django.*` logger,
# e.g. each bogus Host header a scanner sends; here only the 500s are mailed.
DEFAULT_EXCEPTION_REPORTER_FILTER = "core.reporting.PersonalDataReporterFilter"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "uncaught_exception": {"()": "core.reporting.UncaughtExceptionFilter"},
    },
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "uncaught_exception"],
        },
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Named so that Django's default handlers on it (a second mail_admins) are replaced:
        # its records reach the console through the root logger, at the root's level.
        "django": {"handlers": [], "level": "NOTSET"},
        "django.request": {"handlers": ["mail_admins"]},
        # WeasyPrint logs every layout step of a PDF at INFO, and warns about each screen-only
        # CSS rule of site.css it skips (about 20 lines per PDF); its errors still show.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
    },
}
