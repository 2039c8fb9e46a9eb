"""The Elasticsearch engine (elasticsearch-dsl), used when settings.ELASTICSEARCH_URL is set.

- one index per build, named `<alias>-<timestamp>`, behind the alias the site reads; a rebuild fills a new
  index and moves the alias in one atomic step, so searches never see a half-built index;
- a Chinese analyzer for the raw text (`cjk` built in; `smartcn` or `ik_max_word` when the plugin is installed,
  settings.ELASTICSEARCH_ANALYZER) and, beside it, the jieba words of the embedded engine in whitespace-analysed
  fields, so both engines agree on what a word is; pinyin and initials in `keywords`;
- facets as aggregations, each filtered by the other facets' choices while post_filter narrows the hits, so a
  facet's counts exclude its own filter; highlighting; a completion suggester over names, aliases and pinyin;
- the same query expansion (synonyms, typos, best bets) and the same final ranking as the embedded engine.
"""

from datetime import UTC, datetime

from django.conf import settings
from elasticsearch_dsl import A, Q, Search, analyzer

from search.documents import FACETS, KIND_MATTER, KIND_STANDARD, facet_label
from search.engines.base import MAX_PAGE, PAGE_SIZE, FacetValue, Hit, SearchEngine, SearchResults, clean_filters
from search.engines.embedded import (
    FACET_SIZE,
    RERANK_DEPTH,
    STANDARD_DAMPING,
    Candidate,
    demote_standards,
    fts_columns,
    rank_candidates,
)
from search.expansion import expand, highlight
from search.text import pinyin_forms

ANALYZERS = {
    "cjk": {"type": "cjk"},
    "smartcn": {"type": "custom", "tokenizer": "smartcn_tokenizer", "filter": ["lowercase"]},
    "ik_max_word": {"type": "custom", "tokenizer": "ik_max_word", "filter": ["lowercase"]},
}
FIELD_WEIGHTS = ["name_seg^10", "aliases_seg^8", "keywords^3", "body_seg"]
TEXT_WEIGHTS = ["name^6", "aliases^5", "body"]


def alias_name() -> str:
    return f"{getattr(settings, 'ELASTICSEARCH_INDEX_PREFIX', 'zwfw')}-matters"


def index_body(analyzer_name: str | None = None) -> dict:
    """Settings and mapping of the index of matters and standards."""
    analyzer_name = analyzer_name or getattr(settings, "ELASTICSEARCH_ANALYZER", "cjk")
    if analyzer_name not in ANALYZERS:
        raise ValueError(f"未知的中文分析器 {analyzer_name}，可选：{', '.join(ANALYZERS)}")
    zh = {"type": "text", "analyzer": "zh"}
    words = {"type": "text", "analyzer": "words"}
    keyword = {"type": "keyword"}
    return {
        "settings": {
            "number_of_shards": 1,
            "analysis": {
                "analyzer": {
                    "zh": ANALYZERS[analyzer_name],
                    # the jieba words made in Python: split on spaces only
                    "words": analyzer("words", tokenizer="whitespace", filter=["lowercase"]).get_analysis_definition()["analyzer"]["words"],
                }
            },
        },
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "kind": keyword,
                "code": keyword,
                "page_id": {"type": "integer"},
                "name": {**zh, "fields": {"raw": keyword}},
                "aliases": zh,
                "body": zh,
                "summary": zh,
                "name_seg": words,
                "aliases_seg": words,
                "keywords": words,
                "body_seg": words,
                "url": {"type": "keyword", "index": False},
                "department": keyword,
                "region": keyword,
                "matter_type": keyword,
                "type_label": keyword,
                "popularity": {"type": "integer"},
                "facets": {"properties": {facet: keyword for facet in FACETS}},
                "suggest": {"type": "completion", "analyzer": "simple", "preserve_separators": False},
            },
        },
    }


def to_source(doc: dict) -> dict:
    """The indexed form of a document from search.documents.build_document."""
    name_seg, aliases_seg, keywords, body_seg = fts_columns(doc)
    inputs = [doc["name"], *doc["aliases"]]
    inputs += [form for name in inputs for form in pinyin_forms(name)]
    return {
        "kind": doc.get("kind", KIND_MATTER),
        "code": doc["code"],
        "page_id": doc["page_id"],
        "name": doc["name"],
        "aliases": " ".join(doc["aliases"]),
        "body": " ".join([*doc["conditions"], *doc["materials"], *doc["results"], *doc["faqs"], *doc.get("body", [])]),
        "summary": doc["summary"],
        "name_seg": name_seg,
        "aliases_seg": aliases_seg,
        "keywords": keywords,
        "body_seg": body_seg,
        "url": doc["url"],
        "department": doc["department"],
        "region": doc["region"],
        "matter_type": doc["matter_type"],
        "type_label": doc["type_label"],
        "popularity": doc.get("popularity", 0),
        "facets": {facet: list(values) for facet, values in doc["facets"].items()},
        "suggest": {"input": [i for i in dict.fromkeys(inputs) if i][:20], "weight": 1 + min(doc.get("popularity", 0), 1000)},
    }


def bulk_index_actions(documents: list[dict], index: str):
    for doc in documents:
        yield {"_op_type": "index", "_index": index, "_id": doc["code"], "_source": to_source(doc)}


def bulk_delete_actions(codes: list[str], index: str):
    for code in codes:
        yield {"_op_type": "delete", "_index": index, "_id": code}


def _filter_queries(filters: dict, skip: str | None = None) -> list:
    return [Q("terms", **{f"facets.{facet}": values}) for facet, values in filters.items() if facet != skip]


def build_search(expanded, filters: dict, size: int = RERANK_DEPTH, offset: int = 0, index: str | None = None) -> Search:
    """The search request: expanded query, best bets, post_filter, per-facet aggregations, highlighting."""
    should = []
    for variant in expanded.variants:
        should.append(Q("bool", must=[Q("multi_match", query=word, fields=FIELD_WEIGHTS, type="best_fields") for word in variant]))
    if expanded.text:
        should.append(Q("multi_match", query=expanded.text, fields=TEXT_WEIGHTS, type="phrase", boost=2))
    if expanded.pinyin:
        should.append(Q("prefix", keywords={"value": expanded.pinyin, "boost": 5}))
    if expanded.best_bets:
        pinned = Q("bool", filter=[Q("terms", page_id=[int(p) for p in expanded.best_bets]), Q("term", kind=KIND_MATTER)], boost=1000)
        should.append(pinned)
    query = Q("bool", should=should, minimum_should_match=1)
    if demote_standards(expanded, filters):
        # standards after the matters a citizen looks for, as in the embedded engine (see STANDARD_DAMPING)
        query = Q("boosting", positive=query, negative=Q("term", kind=KIND_STANDARD), negative_boost=STANDARD_DAMPING)
    search = Search(index=index or alias_name()).query(query)
    search = search.extra(track_total_hits=True, from_=offset, size=size)
    if filters:
        search = search.post_filter(Q("bool", filter=_filter_queries(filters)))
    for facet in FACETS:
        others = _filter_queries(filters, skip=facet)
        terms = A("terms", field=f"facets.{facet}", size=FACET_SIZE)
        search.aggs.bucket(facet, "filter", filter=Q("bool", filter=others) if others else Q("match_all")).bucket("values", terms)
    search = search.highlight("name", "summary", fragment_size=120, number_of_fragments=1)
    search = search.highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html")
    search = search.source(["kind", "code", "page_id", "name", "url", "department", "region", "matter_type", "type_label", "summary", "aliases", "popularity"])
    return search


def build_relaxed_search(expanded, filters: dict, size: int = RERANK_DEPTH, index: str | None = None) -> Search:
    """When no matter has all the words: any of them."""
    words = [w for w in expanded.words if len(w) > 1] or expanded.words
    relaxed = type(expanded)(text=expanded.text, variants=[[w] for w in words], best_bets=expanded.best_bets)
    return build_search(relaxed, filters, size=size, index=index)


def build_suggest(prefix: str, limit: int = 8, index: str | None = None) -> Search:
    return Search(index=index or alias_name()).suggest("matter", prefix, completion={"field": "suggest", "size": limit, "skip_duplicates": True}).extra(size=0)


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"

    def __init__(self, url: str, client=None):
        self.url = url
        self._client = client

    @property
    def client(self):
        if self._client is None:
            from elasticsearch import Elasticsearch

            self._client = Elasticsearch(self.url, request_timeout=getattr(settings, "ELASTICSEARCH_TIMEOUT", 5), max_retries=0)
        return self._client

    # —— index management ——
    def create_index(self) -> str:
        name = f"{alias_name()}-{datetime.now(UTC).strftime('%Y%m%d%H%M%S%f')}"
        self.client.indices.create(index=name, **index_body())
        return name

    def ensure_index(self) -> None:
        if not self.client.indices.exists_alias(name=alias_name()):
            name = self.create_index()
            self.client.indices.put_alias(index=name, name=alias_name())

    def index(self, documents: list[dict]) -> None:
        from elasticsearch.helpers import bulk

        if documents:
            self.ensure_index()
            bulk(self.client, bulk_index_actions(documents, alias_name()), refresh="wait_for")

    def delete(self, codes: list[str]) -> None:
        from elasticsearch.helpers import bulk

        if codes and self.client.indices.exists_alias(name=alias_name()):
            bulk(self.client, bulk_delete_actions(list(codes), alias_name()), refresh="wait_for", raise_on_error=False)

    def clear(self) -> None:
        if self.client.indices.exists_alias(name=alias_name()):
            self.client.delete_by_query(index=alias_name(), query={"match_all": {}}, refresh=True)

    def rebuild(self, progress=None) -> int:
        """Fill a new versioned index, then move the alias to it atomically and drop the old ones."""
        from elasticsearch.helpers import bulk

        from search.documents import all_batches, published_count

        total, done = published_count(), 0
        new = self.create_index()
        for batch in all_batches():
            bulk(self.client, bulk_index_actions(batch, new))
            done += len(batch)
            if progress:
                progress(done, total)
        self.client.indices.refresh(index=new)
        old = list(self.client.indices.get_alias(name=alias_name())) if self.client.indices.exists_alias(name=alias_name()) else []
        actions = [{"remove": {"index": o, "alias": alias_name()}} for o in old] + [{"add": {"index": new, "alias": alias_name()}}]
        self.client.indices.update_aliases(actions=actions)
        for o in old:
            self.client.indices.delete(index=o)
        return done

    def count(self) -> int:
        if not self.client.indices.exists_alias(name=alias_name()):
            return 0
        return self.client.count(index=alias_name())["count"]

    def codes(self) -> set[str]:
        from elasticsearch.helpers import scan

        if not self.client.indices.exists_alias(name=alias_name()):
            return set()
        return {hit["_id"] for hit in scan(self.client, index=alias_name(), query={"query": {"match_all": {}}}, _source=False)}

    # —— reading ——
    def _execute(self, search: Search):
        return self.client.search(index=alias_name(), body=search.to_dict())

    def search(self, query: str, filters: dict | None = None, page: int = 1, page_size: int = PAGE_SIZE) -> SearchResults:
        expanded = expand(query)
        filters = clean_filters(filters)
        page = max(1, min(int(page or 1), MAX_PAGE))
        results = SearchResults(query=expanded.text, page=page, page_size=page_size, engine=self.name, synonyms=expanded.synonyms)
        if expanded.empty or not (expanded.variants or expanded.pinyin):
            return results
        offset = (page - 1) * page_size
        rerank = offset + page_size <= RERANK_DEPTH
        size, start = (RERANK_DEPTH, 0) if rerank else (page_size, offset)
        response = self._execute(build_search(expanded, filters, size=size, offset=start))
        if response["hits"]["total"]["value"] == 0 and len(expanded.words) > 1:
            response = self._execute(build_relaxed_search(expanded, filters, size=size))
            results.relaxed = response["hits"]["total"]["value"] > 0
        return self.read_response(response, expanded, filters, results, rerank, offset)

    def read_response(self, response: dict, expanded, filters, results: SearchResults, rerank: bool, offset: int) -> SearchResults:
        """SearchResults from an Elasticsearch response (also used by the tests on recorded responses)."""
        results.count = response["hits"]["total"]["value"]
        pinned = [int(p) for p in expanded.best_bets]
        candidates, marks = [], {}
        for hit in response["hits"]["hits"]:
            s = hit["_source"]
            candidates.append(
                Candidate(
                    s["code"], s["page_id"], s["name"], s.get("url", ""), s.get("department", ""), s.get("region", ""),
                    s.get("matter_type", ""), s.get("type_label", ""), s.get("summary", ""), s.get("aliases", ""),
                    hit.get("_score") or 0.0, s.get("popularity", 0), s.get("kind", KIND_MATTER),
                )
            )
            marks[s["code"]] = hit.get("highlight", {})
        if rerank:
            candidates = rank_candidates(candidates, expanded, pinned, demote_standards(expanded, filters))[offset : offset + results.page_size]
        words = expanded.words + ([expanded.text] if expanded.text not in expanded.words else [])
        results.hits = [
            Hit(
                kind=c.kind, code=c.code, page_id=c.page_id, name=c.name, url=c.url, department=c.department, region=c.region,
                matter_type=c.matter_type, type_label=c.type_label,
                score=round(c.score if c.score is not None else float(c.rank), 4),
                highlight=highlight(c.name, words),
                snippet=(marks[c.code].get("summary") or [highlight(c.summary, words, limit=120)])[0],
                best_bet=c.kind == KIND_MATTER and c.page_id in pinned,
            )
            for c in candidates
        ]
        for facet in FACETS:
            buckets = response.get("aggregations", {}).get(facet, {}).get("values", {}).get("buckets", [])
            chosen = set(filters.get(facet, []))
            results.facets[facet] = [FacetValue(b["key"], facet_label(facet, b["key"]), b["doc_count"], b["key"] in chosen) for b in buckets]
        if expanded.corrected:
            results.suggestion = expanded.corrected
        return results

    def suggest(self, prefix: str, limit: int = 8) -> list[dict]:
        expanded = expand(prefix)
        if not expanded.text:
            return []
        response = self._execute(build_suggest(expanded.text, limit))
        options = response.get("suggest", {}).get("matter", [{}])[0].get("options", [])
        return [
            {
                "code": o["_source"]["code"], "name": o["_source"]["name"], "url": o["_source"]["url"],
                "department": o["_source"]["department"], "kind": o["_source"].get("kind", KIND_MATTER),
            }
            for o in options
        ]
