"""
A django-oauth-toolkit OpenID Provider for latchkey's tests, configured as a team would for a
single-page app: OIDC on, PKCE required, a public client, refresh token rotation, CORS for the app.
Everything that differs per run comes from the environment that start.py sets.
"""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = os.environ["LATCHKEY_DJANGO_SECRET"]
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "latchkey_idp.urls"
USE_TZ = True

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "corsheaders",
    "oauth2_provider",
]

# CorsMiddleware first, so the redirects CommonMiddleware answers (APPEND_SLASH) carry CORS too.
MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["LATCHKEY_DJANGO_DB"]}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
# A test IdP with one throwaway user: a fast hash keeps each sign-in from costing a second of CPU.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "/accounts/login/"

# The app's origin may call the token, revocation and userinfo endpoints from the browser.
CORS_ALLOWED_ORIGINS = os.environ["LATCHKEY_DJANGO_ORIGINS"].split(",")

OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": os.environ["LATCHKEY_DJANGO_RSA_KEY"],
    "PKCE_REQUIRED": True,
    "ROTATE_REFRESH_TOKEN": True,
    "ACCESS_TOKEN_EXPIRE_SECONDS": int(os.environ.get("LATCHKEY_DJANGO_ACCESS_TOKEN_TTL", "300")),
    "SCOPES": {"openid": "OpenID Connect", "profile": "Your name", "email": "Your email address"},
    "DEFAULT_SCOPES": ["openid"],
    "OAUTH2_VALIDATOR_CLASS": "latchkey_idp.validator.ProfileClaimsValidator",
}

# Errors only: the development server's line per request would drown the test output.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # With DEBUG off Django would only mail a server error's traceback; a test run should show it.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}
