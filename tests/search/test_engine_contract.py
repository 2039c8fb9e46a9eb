"""One contract for both engines: the embedded engine always, Elasticsearch when ELASTICSEARCH_URL is set."""

import os

import pytest

from search.documents import build_documents
from search.engines.embedded import EmbeddedEngine

ES_URL = os.environ.get("ELASTICSEARCH_URL", "")


@pytest.fixture(params=["embedded", "elasticsearch"])
def engine(request, corpus, settings):
    if request.param == "embedded":
        yield EmbeddedEngine()
        return
    if not ES_URL:
        pytest.skip("ELASTICSEARCH_URL 未设置：Elasticsearch 合同测试跳过（设置后即运行）")
    from search.engines.elasticsearch import ElasticsearchEngine

    settings.ELASTICSEARCH_INDEX_PREFIX = "zwfw-test"
    es = ElasticsearchEngine(ES_URL)
    es.rebuild()
    yield es
    for index in es.client.indices.get_alias(name="zwfw-test-matters"):
        es.client.indices.delete(index=index)


def test_finds_by_name_alias_pinyin_and_synonym(engine, corpus):
    assert engine.search("导游证").hits[0].code == corpus["guide_card"]
    assert engine.search("dyz").hits[0].code == corpus["guide_card"]
    assert engine.search("開公司").hits[0].code == corpus["llc"]
    assert engine.search("遗嘱公正").hits[0].code == corpus["will_notary"]


def test_results_carry_department_region_and_marks(engine, corpus):
    hit = engine.search("导游证").hits[0]
    assert (hit.department, hit.region, hit.type_label) == ("广东省文化和旅游厅", "广东省", "公共服务")
    assert hit.highlight == "<mark>导游证</mark>查询"
    assert hit.url == f"/m/{corpus['guide_card']}/"


def test_facets_exclude_their_own_filter(engine, corpus):
    everything = engine.search("公证")
    departments = {v.value: v.count for v in everything.facets["department"]}
    filtered = engine.search("公证", {"department": ["广东省司法厅"]})
    assert filtered.count == departments["广东省司法厅"]
    assert {v.value: v.count for v in filtered.facets["department"]} == departments
    types = {v.value: v.count for v in filtered.facets["type"]}
    assert sum(types.values()) == filtered.count  # other facets are narrowed by the department filter


def test_paging_is_stable_and_disjoint(engine, corpus):
    first, second = engine.search("查询", page=1, page_size=3), engine.search("查询", page=2, page_size=3)
    assert first.count == second.count >= 6
    assert not {h.code for h in first.hits} & {h.code for h in second.hits}
    assert first.num_pages == -(-first.count // 3)


def test_index_delete_count_and_codes(engine, corpus):
    total = engine.count()
    assert total == len(engine.codes()) and corpus["guide_card"] in engine.codes()
    engine.delete([corpus["guide_card"]])
    assert engine.count() == total - 1
    assert all(h.code != corpus["guide_card"] for h in engine.search("导游证").hits)
    documents = [d for batch in build_documents() for d in batch if d["code"] == corpus["guide_card"]]
    engine.index(documents)
    assert engine.count() == total and engine.search("导游证").hits[0].code == corpus["guide_card"]


def test_suggestions(engine, corpus):
    names = [s["name"] for s in engine.suggest("导游")]
    assert "导游证查询" in names and "全国导游考试查询" in names


def test_hostile_queries_are_plain_text(engine, corpus):
    for query in ['"', "NEAR(导游", "导游 AND OR", "*", "a" * 10000, "\x00", "😀"]:
        results = engine.search(query)
        assert results.count >= 0
    assert engine.search('"导游证" AND NEAR(').hits[0].code == corpus["guide_card"]
