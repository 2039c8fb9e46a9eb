"""`get_engine()`: the search engine the site uses.

Elasticsearch when settings.ELASTICSEARCH_URL is set, the embedded engine otherwise. The embedded index is
always kept up to date as well, so when Elasticsearch is down a search falls back to it (and logs that) instead
of breaking the page."""

import logging

from django.conf import settings

from search.engines.base import SearchEngine, SearchResults
from search.engines.embedded import EmbeddedEngine

logger = logging.getLogger("search")


class FallbackEngine(SearchEngine):
    """Elasticsearch first; the embedded engine when Elasticsearch fails. Writes go to both."""

    def __init__(self, primary: SearchEngine, fallback: SearchEngine):
        self.primary, self.fallback = primary, fallback
        self.name = primary.name

    def _read(self, method, *args, **kwargs):
        try:
            return getattr(self.primary, method)(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - any failure of the remote engine
            logger.warning("搜索引擎 %s 不可用，改用内置引擎：%s", self.primary.name, error)
            return getattr(self.fallback, method)(*args, **kwargs)

    def search(self, *args, **kwargs) -> SearchResults:
        return self._read("search", *args, **kwargs)

    def suggest(self, *args, **kwargs):
        return self._read("suggest", *args, **kwargs)

    def count(self):
        return self._read("count")

    def codes(self):
        return self._read("codes")

    def _write(self, method, *args, **kwargs):
        getattr(self.fallback, method)(*args, **kwargs)
        try:
            getattr(self.primary, method)(*args, **kwargs)
        except Exception as error:  # noqa: BLE001
            logger.error("搜索引擎 %s 写入失败（内置索引已更新，稍后运行 search_rebuild）：%s", self.primary.name, error)

    def index(self, documents):
        self._write("index", documents)

    def delete(self, codes):
        self._write("delete", codes)

    def clear(self):
        self._write("clear")

    def rebuild(self, progress=None):
        count = self.fallback.rebuild(progress)
        try:
            self.primary.rebuild(progress)
        except Exception as error:  # noqa: BLE001
            logger.error("搜索引擎 %s 重建失败：%s", self.primary.name, error)
        return count


def get_engine() -> SearchEngine:
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    if not url:
        return EmbeddedEngine()
    from search.engines.elasticsearch import ElasticsearchEngine

    return FallbackEngine(ElasticsearchEngine(url), EmbeddedEngine())
