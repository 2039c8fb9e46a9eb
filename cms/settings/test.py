import os

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "printing": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
# A file test database: threads (concurrent notice numbering) share it like real requests do. One per test run
# (process id), so two runs in one checkout do not destroy each other's database.
DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / f".test-db-{os.getpid()}.sqlite3")}  # noqa: F405
# Publishing in other suites' tests does not render PDFs; tests/printing switches it on where it is the subject.
PRINT_BUILD_ON_PUBLISH = False
ELASTICSEARCH_INDEX_PREFIX = "zwfw-test"  # never the site's own index
