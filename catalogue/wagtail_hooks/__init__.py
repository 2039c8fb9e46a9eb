"""Wagtail admin registrations of the catalogue app.

Wagtail imports ``catalogue.wagtail_hooks``; each admin area (matters, versioning, lists, powers …) keeps its
registrations in its own module here and is imported below, one line each.
"""
from catalogue.wagtail_hooks import (
    lists,  # noqa: F401  清单、版本、权责清单、十统一、改革成效
    matters,  # noqa: F401
    versioning,  # noqa: F401
)
