"""Elasticsearch index settings, mapping, bulk bodies and search requests, checked without a server; and the
fallback to the embedded engine when the server does not answer."""

import logging

import pytest

from search.documents import build_documents
from search.engines import FallbackEngine, get_engine
from search.engines.elasticsearch import (
    ElasticsearchEngine,
    build_relaxed_search,
    build_search,
    build_suggest,
    bulk_delete_actions,
    bulk_index_actions,
    index_body,
)
from search.expansion import expand


def should_clauses(body: dict) -> list:
    """The alternatives of a search request (inside the `boosting` query that puts standards after matters)."""
    query = body["query"]
    if "boosting" in query:
        assert query["boosting"]["negative"] == {"term": {"kind": "standard"}} and query["boosting"]["negative_boost"] == 0.01
        query = query["boosting"]["positive"]
    return query["bool"]["should"]


def test_index_body_uses_the_configured_chinese_analyzer(settings):
    assert index_body()["settings"]["analysis"]["analyzer"]["zh"] == {"type": "cjk"}
    smartcn = index_body("smartcn")["settings"]["analysis"]["analyzer"]["zh"]
    assert smartcn["tokenizer"] == "smartcn_tokenizer"
    settings.ELASTICSEARCH_ANALYZER = "ik_max_word"
    assert index_body()["settings"]["analysis"]["analyzer"]["zh"]["tokenizer"] == "ik_max_word"
    with pytest.raises(ValueError):
        index_body("jieba-magic")
    mapping = index_body()["mappings"]["properties"]
    assert mapping["name"]["analyzer"] == "zh" and mapping["name_seg"]["analyzer"] == "words"
    assert mapping["suggest"]["type"] == "completion"
    assert {f: m["type"] for f, m in mapping["facets"]["properties"].items()} == {
        f: "keyword" for f in ("kind", "department", "type", "service_object", "theme", "level", "handling", "online")
    }


def test_bulk_bodies_from_a_real_published_matter(corpus):
    documents = [d for batch in build_documents() for d in batch]
    guide = next(d for d in documents if d["code"] == corpus["guide_card"])
    (action,) = list(bulk_index_actions([guide], "zwfw-matters-1"))
    assert action["_op_type"] == "index" and action["_id"] == corpus["guide_card"] and action["_index"] == "zwfw-matters-1"
    source = action["_source"]
    assert source["name"] == "导游证查询" and source["department"] == "广东省文化和旅游厅"
    assert "导游证" in source["name_seg"].split() and "导游" in source["name_seg"].split()
    assert {"daoyouzhengchaxun", "dyzcx"} <= set(source["keywords"].split())
    assert "dyzcx" in source["suggest"]["input"] and "导游证查询" in source["suggest"]["input"]
    assert source["facets"]["type"] == ["20"] and source["facets"]["online"]
    assert set(source) == set(index_body()["mappings"]["properties"])  # the strict mapping accepts it
    assert list(bulk_delete_actions(["X"], "a")) == [{"_op_type": "delete", "_index": "a", "_id": "X"}]


def test_search_request_expands_filters_aggregates_and_highlights(corpus):
    body = build_search(expand("开公司"), {"department": ["广东省市场监督管理局"], "type": ["01"]}).to_dict()
    variants = should_clauses(body)
    words = [[m["multi_match"]["query"] for m in v["bool"]["must"]] for v in variants if "bool" in v]
    assert ["公司", "设立登记"] in words and ["企业", "设立登记"] in words  # the synonym table, as in the embedded engine
    assert body["post_filter"]["bool"]["filter"] == [
        {"terms": {"facets.department": ["广东省市场监督管理局"]}},
        {"terms": {"facets.type": ["01"]}},
    ]
    # each facet's aggregation is filtered by the other facets only
    assert body["aggs"]["department"]["filter"] == {"bool": {"filter": [{"terms": {"facets.type": ["01"]}}]}}
    assert body["aggs"]["type"]["filter"] == {"bool": {"filter": [{"terms": {"facets.department": ["广东省市场监督管理局"]}}]}}
    assert body["aggs"]["theme"]["filter"]["bool"]["filter"] == body["post_filter"]["bool"]["filter"]
    assert body["highlight"]["encoder"] == "html" and body["highlight"]["pre_tags"] == ["<mark>"]
    assert body["track_total_hits"] is True


def test_search_request_pinyin_best_bets_relaxed_and_suggest(corpus):
    body = build_search(expand("DYZ"), {}).to_dict()
    assert {"prefix": {"keywords": {"value": "dyz", "boost": 5}}} in should_clauses(body)
    relaxed = build_relaxed_search(expand("导游证 火星"), {}).to_dict()
    singles = [v["bool"]["must"][0]["multi_match"]["query"] for v in should_clauses(relaxed) if "bool" in v]
    assert singles == ["导游证", "火星"]
    assert build_suggest("导游").to_dict()["suggest"]["matter"] == {
        "prefix": "导游",
        "completion": {"field": "suggest", "size": 8, "skip_duplicates": True},
    }


def test_read_response_ranks_like_the_embedded_engine(corpus):
    response = {
        "hits": {
            "total": {"value": 2},
            "hits": [
                {"_score": 9.0, "_source": {"code": "A", "page_id": 1, "name": "全国导游考试查询", "url": "/m/A/", "summary": "", "aliases": ""}},
                {"_score": 8.0, "_source": {"code": "B", "page_id": 2, "name": "导游证查询", "url": "/m/B/", "summary": "<b>", "aliases": ""},
                 "highlight": {"summary": ["&lt;b&gt;"]}},
            ],
        },
        "aggregations": {"type": {"doc_count": 2, "values": {"buckets": [{"key": "20", "doc_count": 2}]}}},
    }
    from search.engines.base import SearchResults

    engine = ElasticsearchEngine("http://127.0.0.1:9")
    results = engine.read_response(response, expand("导游证"), {}, SearchResults(query="导游证"), True, 0)
    assert [h.code for h in results.hits] == ["B", "A"]  # the whole query in a short name wins
    assert results.hits[0].snippet == "&lt;b&gt;"
    assert results.facets["type"][0].label == "公共服务" and results.facets["type"][0].count == 2


def test_elasticsearch_down_falls_back_to_embedded_and_logs(corpus, settings, caplog, client):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.ELASTICSEARCH_TIMEOUT = 1
    engine = get_engine()
    assert isinstance(engine, FallbackEngine)
    with caplog.at_level(logging.WARNING, logger="search"):
        results = engine.search("导游证")
    assert results.engine == "embedded" and results.hits[0].code == corpus["guide_card"]
    assert "不可用" in caplog.text
    assert client.get("/search/", {"q": "导游证"}).status_code == 200
    assert client.get("/api/v1/search/suggest/", {"q": "导游"}).json()["suggestions"]
