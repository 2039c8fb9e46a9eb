"""Wagtail's own database search, made to work for Chinese.

SQLite FTS5 and PostgreSQL treat a run of Han characters as one token, so 身份证 is not found in 居民身份证.
This backend segments the indexed text with jieba (search mode, which also yields the shorter words inside a
long one) and the query with the same segmenter, then leaves everything else to Wagtail. It is the backend of
the admin's listings and choosers; the public search lives in search.engines.
"""

import threading
from collections import defaultdict
from contextlib import contextmanager
from functools import lru_cache

from django.db.models import Q
from modelsearch.backends.database import SearchBackend as database_backend_factory
from modelsearch.backends.database import fallback as fallback_backend
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.query import PlainText

from search.segmentation import segment_for_index, segment_query

_deferred = threading.local()


def _remember_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _deferred.pending[sender][instance.pk] = None


def in_bulk_mode() -> bool:
    """Whether a bulk run (deferred_indexing) is in progress in this thread: other after-publish work (PDFs)
    waits for the first request instead."""
    return getattr(_deferred, "pending", None) is not None


@contextmanager
def deferred_indexing():
    """Index the objects saved inside the block once each, in bulk, when it ends.

    A bulk import saves every page several times (create, revision, publish); Wagtail's search signal handler
    would re-read and re-index the page each time, and the SQLite index recomputes its title norms over all
    entries on each add. Inside this block the handler is swapped for one that only remembers what was saved.
    """
    from django.db.models.signals import post_save
    from modelsearch import signal_handlers
    from modelsearch.index import get_indexed_models
    from wagtail.search.backends import get_search_backend

    if getattr(_deferred, "pending", None) is not None:
        yield
        return
    models = [m for m in get_indexed_models() if getattr(m, "search_auto_update", True)]
    _deferred.pending = defaultdict(dict)
    _deferred.search_pages = set()  # matters published inside the block, for the public search index
    _deferred.search_standards = set()  # standards published or unpublished inside the block, likewise
    for model in models:
        post_save.disconnect(signal_handlers.post_save_signal_handler, sender=model)
        post_save.connect(_remember_saved, sender=model)
    try:
        yield
        pending = _deferred.pending
        search_pages = _deferred.search_pages
        search_standards = _deferred.search_standards
    finally:
        for model in models:
            post_save.disconnect(_remember_saved, sender=model)
            post_save.connect(signal_handlers.post_save_signal_handler, sender=model)
        _deferred.pending = None
        _deferred.search_pages = None
        _deferred.search_standards = None
    if search_pages or search_standards:
        # the public search index, once for the whole block, when the surrounding transaction commits
        from django.db import transaction

        from search.signals import index_pages, index_standards

        def index_all():
            index_pages(search_pages)
            index_standards(search_standards)

        transaction.on_commit(index_all)
    backend = get_search_backend()
    for model, pks in pending.items():
        # get_indexed_objects() keeps only what the model indexes and prefetches its RelatedFields (aliases …),
        # so this reads each model's saved objects with a few queries instead of several per object.
        by_class = defaultdict(list)
        for obj in model.get_indexed_objects().filter(pk__in=list(pks)):
            indexed = obj.get_indexed_instance()
            if indexed is not None:
                by_class[type(indexed)].append(indexed)
        for indexed_model, objects in by_class.items():
            backend.add_bulk(indexed_model, objects)


class SegmentedFallbackQueryCompiler(fallback_backend.DatabaseSearchQueryCompiler):
    """Substring search in the database (``icontains``), for databases without a segmenting full-text index.

    PostgreSQL's text search, like SQLite's, takes a run of Han characters for one word, and nothing here
    segments its tsvectors; a substring match finds 身份证 in 居民身份证 on any database. The query is cut into
    words first, so 身份证换领 finds 居民身份证换领 and 换领居民身份证 alike (every word must occur), and the
    text of RelatedFields (a matter's aliases) is searched too. Fine for an admin listing of a few thousand
    matters; it does not rank."""

    def get_fields_names(self):
        model = self.queryset.model
        for name in super().get_fields_names():
            if model._meta.get_field(name).concrete:
                yield name

    def _related_lookups(self):
        if self.fields:
            return []
        lookups = []
        for field in self.queryset.model.get_search_fields():
            if isinstance(field, RelatedFields):
                for sub in field.fields:
                    if isinstance(sub, (SearchField, AutocompleteField)):
                        lookups.append(f"{field.field_name}__{sub.field_name}__icontains")
        return lookups

    def build_single_term_filter(self, term):
        query = super().build_single_term_filter(term)
        manager = self.queryset.model._default_manager
        for lookup in self._related_lookups():
            query |= Q(pk__in=manager.filter(**{lookup: term}).values("pk"))
        return query

    def build_database_filter(self, query, boost=1.0):
        if isinstance(query, PlainText):
            query = PlainText(segment_query(query.query_string), operator=query.operator, boost=query.boost)
        return super().build_database_filter(query, boost=boost)


class SegmentedFallbackSearchBackend(fallback_backend.DatabaseSearchBackend):
    query_compiler_class = SegmentedFallbackQueryCompiler
    autocomplete_query_compiler_class = SegmentedFallbackQueryCompiler


@lru_cache(maxsize=1)
def _segmented_sqlite_backend_class():
    # modelsearch's SQLite module can only be imported when the database is SQLite (it looks up its FTS model).
    from modelsearch.backends.database.sqlite import sqlite as sqlite_backend

    class SegmentedObjectIndexer(sqlite_backend.ObjectIndexer):
        def prepare_value(self, value):
            return segment_for_index(super().prepare_value(value))

    class SegmentedSQLiteIndex(sqlite_backend.SQLiteIndex):
        def add_items(self, model, objs):
            # Same as SQLiteIndex.add_items, with the segmenting indexer.
            if not model.get_search_fields():
                return
            indexers = [SegmentedObjectIndexer(obj, self.backend) for obj in objs]
            if not indexers:
                return
            content_type_pk = sqlite_backend.get_content_type_pk(model)
            data = {i.id: (i.title, i.autocomplete, i.body) for i in indexers}
            entries = self.entries.filter(content_type_id=content_type_pk)
            existing = frozenset(entries.filter(object_id__in=data.keys()).values_list("object_id", flat=True))
            for object_id in existing:
                title, autocomplete, body = data[object_id]
                entries.filter(object_id=object_id).update(title=title, autocomplete=autocomplete, body=body)
            self.entries.bulk_create(
                sqlite_backend.IndexEntry(content_type_id=content_type_pk, object_id=object_id, title=t, autocomplete=a, body=b)
                for object_id, (t, a, b) in data.items()
                if object_id not in existing
            )
            self._refresh_title_norms()

    class _SegmentedQueryMixin:
        def build_search_query_content(self, query, config=None):
            if isinstance(query, PlainText):
                query = PlainText(segment_query(query.query_string), operator=query.operator)
            return super().build_search_query_content(query, config=config)

    class SegmentedSQLiteQueryCompiler(_SegmentedQueryMixin, sqlite_backend.SQLiteSearchQueryCompiler):
        pass

    class SegmentedSQLiteAutocompleteCompiler(_SegmentedQueryMixin, sqlite_backend.SQLiteAutocompleteQueryCompiler):
        pass

    class SegmentedSQLiteSearchBackend(sqlite_backend.SQLiteSearchBackend):
        index_class = SegmentedSQLiteIndex
        query_compiler_class = SegmentedSQLiteQueryCompiler
        autocomplete_query_compiler_class = SegmentedSQLiteAutocompleteCompiler

    return sqlite_backend, SegmentedSQLiteSearchBackend


def SearchBackend(params):
    from django.db import connection

    if connection.vendor == "sqlite":
        sqlite_backend, segmented = _segmented_sqlite_backend_class()
        if isinstance(database_backend_factory(params), sqlite_backend.SQLiteSearchBackend):
            return segmented(params)
    # PostgreSQL, MySQL, SQLite without FTS5: substring search with segmented queries (see above).
    return SegmentedFallbackSearchBackend(params)
