import os

from .base import *  # noqa: F403

DEBUG = os.environ.get("DEBUG", "1") == "1"
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
