"""What can be printed: each app registers its documents (variants) for a model; `cms.printing` builds,
stores and serves them without knowing what is inside."""

import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class BuiltPDF:
    data: bytes
    pages: int


@dataclass(frozen=True)
class Printable:
    variant: str
    label: str
    templates: tuple[str, ...]  # fingerprinted into the cache key: a new layout makes new files
    build: Callable  # build(obj_at_revision, revision) -> BuiltPDF
    build_on_publish: bool = True


_registry: dict[type, dict[str, Printable]] = {}


def register(model: type, printable: Printable) -> None:
    _registry.setdefault(model, {})[printable.variant] = printable


def printables_for(model: type) -> dict[str, Printable]:
    for klass in model.__mro__:
        if klass in _registry:
            return _registry[klass]
    return {}


_local = threading.local()


@contextmanager
def builds_deferred():
    """Inside this block publishing builds no PDFs (bulk imports): they are built on the first request."""
    previous = getattr(_local, "deferred", False)
    _local.deferred = True
    try:
        yield
    finally:
        _local.deferred = previous


def builds_are_deferred() -> bool:
    if getattr(_local, "deferred", False):
        return True
    # The importer's bulk mode: search indexing is deferred to the end of the import.
    from search.admin_backend import in_bulk_mode

    return in_bulk_mode()
