"""Wagtail admin registrations of the catalogue app.

Wagtail imports ``catalogue.wagtail_hooks``; each admin area (matters, versioning, lists, powers …) keeps its
registrations in its own module here and is imported below, one line each.
"""
from catalogue.wagtail_hooks import matters  # noqa: F401
from catalogue.wagtail_hooks import versioning  # noqa: F401
