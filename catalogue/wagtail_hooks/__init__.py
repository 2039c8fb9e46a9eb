"""Wagtail admin registrations of the catalogue app.

Wagtail imports ``catalogue.wagtail_hooks``; each admin area (matters, versioning, lists, powers …) keeps its
registrations in its own module here and is imported below, one line each.
"""
from . import printing  # noqa: F401
