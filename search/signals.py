"""Publishing is the event: the index follows page_published / page_unpublished / deletion of matters, and the
snippet `published` / `unpublished` signals / deletion of standards, after the transaction commits, from the live
rows (equal to the published revision; drafts never reach the index).

Inside search.admin_backend.deferred_indexing (the importers' and generate_procedures' bulk mode) the pages and
standards are only remembered and indexed in one batch when the block ends."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, published, unpublished

from catalogue.models import MatterPage

logger = logging.getLogger("search")


def index_pages(page_ids) -> None:
    """Bring the index in step with these pages: index the searchable ones, remove the others."""
    from search.documents import build_documents
    from search.engines import get_engine

    page_ids = set(page_ids)
    if not page_ids:
        return
    engine = get_engine()
    indexed = set()
    for batch in build_documents(page_ids):
        engine.index(batch)
        indexed.update(d["page_id"] for d in batch)
    gone = page_ids - indexed
    if gone:
        engine.delete(list(MatterPage.objects.filter(pk__in=gone).values_list("code", flat=True)))


def index_standards(standard_ids) -> None:
    """Bring the index in step with these standards: index the published ones, remove the others."""
    from search.documents import standard_batches
    from search.engines import get_engine
    from standards.documents import document_code

    standard_ids = set(standard_ids)
    if not standard_ids:
        return
    engine = get_engine()
    indexed = set()
    for batch in standard_batches(standard_ids):
        engine.index(batch)
        indexed.update(d["page_id"] for d in batch)
    gone = standard_ids - indexed
    if gone:
        engine.delete([document_code(pk) for pk in gone])


def remove_codes(codes) -> None:
    from search.engines import get_engine

    get_engine().delete(list(codes))


def _deferred_pages():
    from search.admin_backend import _deferred

    return getattr(_deferred, "search_pages", None)


def _schedule(page_id):
    pending = _deferred_pages()
    if pending is not None:
        pending.add(page_id)
    else:
        transaction.on_commit(lambda: index_pages([page_id]))


def _schedule_standard(standard_id):
    from search.admin_backend import _deferred

    pending = getattr(_deferred, "search_standards", None)
    if pending is not None:
        pending.add(standard_id)
    else:
        transaction.on_commit(lambda: index_standards([standard_id]))


def on_standard_published(sender, instance, **kwargs):
    _schedule_standard(instance.pk)


def on_standard_deleted(sender, instance, **kwargs):
    from standards.documents import document_code

    code = document_code(instance.pk)
    transaction.on_commit(lambda: remove_codes([code]))


def on_page_published(sender, instance, **kwargs):
    if isinstance(instance, MatterPage):
        _schedule(instance.pk)


def on_page_unpublished(sender, instance, **kwargs):
    if isinstance(instance, MatterPage):
        _schedule(instance.pk)


def on_matter_deleted(sender, instance, **kwargs):
    code = instance.code
    transaction.on_commit(lambda: remove_codes([code]))


def connect():
    from django.db.models.signals import post_save

    from search.expansion import tables_changed
    from search.models import BestBet, Synonym

    for model in (Synonym, BestBet):
        post_save.connect(tables_changed, sender=model, dispatch_uid=f"search_tables_saved_{model.__name__}")
        post_delete.connect(tables_changed, sender=model, dispatch_uid=f"search_tables_deleted_{model.__name__}")
    page_published.connect(on_page_published, dispatch_uid="search_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search_page_unpublished")
    post_delete.connect(on_matter_deleted, sender=MatterPage, dispatch_uid="search_matter_deleted")

    from standards.models import Standard

    published.connect(on_standard_published, sender=Standard, dispatch_uid="search_standard_published")
    unpublished.connect(on_standard_published, sender=Standard, dispatch_uid="search_standard_unpublished")
    post_delete.connect(on_standard_deleted, sender=Standard, dispatch_uid="search_standard_deleted")
