import os

from .base import *  # noqa: F403

DEBUG = False
if SECRET_KEY.startswith("insecure"):  # noqa: F405
    raise RuntimeError("Set SECRET_KEY in the environment for production.")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = os.environ.get("SECURE_COOKIES", "1") == "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
