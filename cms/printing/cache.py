"""PDFs cached by (object, published revision, variant, template version): a request serves a stored file,
or builds it once."""

import logging
import threading
import time
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from .models import PrintedFile
from .registry import printables_for
from .render import template_version

logger = logging.getLogger(__name__)
_build_locks: dict[tuple, threading.Lock] = {}
_locks_guard = threading.Lock()


def cache_key(obj, revision_id: int, variant: str) -> dict:
    printable = printables_for(type(obj))[variant]
    return {
        "content_type": ContentType.objects.get_for_model(type(obj)),
        "object_id": obj.pk,
        "revision_id": revision_id,
        "variant": variant,
        "template_version": template_version(*printable.templates),
    }


def stored(obj, revision_id: int, variant: str) -> PrintedFile | None:
    printed = PrintedFile.objects.filter(**cache_key(obj, revision_id, variant)).first()
    if printed is not None and printed.file.storage.exists(printed.file.name):
        return printed
    return None


def get_or_build(obj, revision, variant: str) -> PrintedFile:
    """The stored file of this version and variant; built (once, even under concurrent requests) if missing.

    `obj` is the live object (its pk is the key); the document is built from `revision`'s content."""
    printed = stored(obj, revision.pk, variant)
    if printed is not None:
        return printed
    key = cache_key(obj, revision.pk, variant)
    lock_key = (key["content_type"].pk, obj.pk, revision.pk, variant, key["template_version"])
    with _locks_guard:
        lock = _build_locks.setdefault(lock_key, threading.Lock())
    with lock:
        printed = stored(obj, revision.pk, variant)
        if printed is not None:
            return printed
        printable = printables_for(type(obj))[variant]
        started = time.perf_counter()
        built = printable.build(revision.as_object(), revision)
        elapsed = time.perf_counter() - started
        name = f"{key['content_type'].model}-{obj.pk}-r{revision.pk}-{variant}-{key['template_version']}.pdf"
        PrintedFile.objects.filter(**key).delete()  # a row whose file went missing
        printed = PrintedFile(**key, pages=built.pages, size=len(built.data), build_seconds=elapsed)
        printed.file.save(name, ContentFile(built.data), save=False)
        try:
            with transaction.atomic():
                printed.save()
        except IntegrityError:  # another process stored it meanwhile
            printed.file.delete(save=False)
            printed = PrintedFile.objects.get(**key)
        logger.info("printed %s in %.2fs", name, elapsed)
        return printed


def build_all(obj, revision) -> list[PrintedFile]:
    return [get_or_build(obj, revision, variant) for variant, p in printables_for(type(obj)).items() if p.build_on_publish]


@dataclass(frozen=True)
class Frozen:
    """An immutable object (a list release) is its own only version: revision id 0 in the cache key, so its
    files change only with the template version."""

    obj: object
    pk: int = 0

    def as_object(self):
        return self.obj


def get_or_build_frozen(obj, variant: str) -> PrintedFile:
    return stored(obj, Frozen.pk, variant) or get_or_build(obj, Frozen(obj), variant)
