"""Standards in the public search: indexed from the published state when a standard is published, unpublished or
deleted (after commit), in one batch when many are generated, rebuilt and checked with the matters, shown under
their own facet (结果类型: 办事指南 / 服务标准), and ranked after the matters unless the query asks for them."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from search.documents import build_documents
from search.engines.base import SearchResults
from search.engines.elasticsearch import ElasticsearchEngine, build_search, bulk_index_actions, index_body
from search.engines.embedded import EmbeddedEngine
from search.expansion import expand
from search.models import SearchDocument
from standards.choices import StandardStatus
from standards.documents import document_code, live_documents
from standards.models import Standard
from standards.procedures import generate_all
from tests.standards.factories import make_standard

CSV = settings.DATA_DIR / "national_service_standards.csv"


def hits(query, **filters):
    return [(hit.kind, hit.name) for hit in EmbeddedEngine().search(query, filters).hits]


# —— following publishing ——


def test_publishing_a_standard_indexes_its_published_state_after_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        standard = make_standard("DB44/T 2180-2019", "政务服务大厅窗口服务规范", scope="本文件规定了政务服务大厅窗口的服务要求。")
    assert hits("窗口服务规范") == []  # not before the commit
    for callback in callbacks:
        callback()
    assert hits("窗口服务规范") == [("standard", "DB44/T 2180-2019 政务服务大厅窗口服务规范")]
    assert hits("大厅窗口的服务要求 标准") == [("standard", "DB44/T 2180-2019 政务服务大厅窗口服务规范")]  # the scope is searchable
    document = SearchDocument.objects.get(code=document_code(standard.pk))
    assert document.kind == "standard" and document.url == f"/standards/{standard.slug}/"

    # an editor's draft (a revision, as the snippet edit view saves it) does not reach the index
    draft = Standard.objects.get(pk=standard.pk)
    draft.title = "政务服务大厅窗口服务与评价规范"
    with django_capture_on_commit_callbacks(execute=True):
        revision = draft.save_revision()
    assert not any("评价" in name for _, name in hits("评价规范"))
    assert SearchDocument.objects.get(code=document_code(standard.pk)).name == "DB44/T 2180-2019 政务服务大厅窗口服务规范"

    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    assert hits("评价规范") == [("standard", "DB44/T 2180-2019 政务服务大厅窗口服务与评价规范")]


def test_a_published_draft_standard_unpublish_and_delete_leave_the_index(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        draft = make_standard("Q/ZWFW 20001-2026", "综合窗口岗位规范", status=StandardStatus.DRAFT)
        first = make_standard("Q/ZWFW 20002-2026", "帮办代办岗位规范")
        second = make_standard("Q/ZWFW 20003-2026", "首问负责岗位规范")
    assert draft.live and not SearchDocument.objects.filter(code=document_code(draft.pk)).exists()  # 草案 is not public
    assert {name for _, name in hits("岗位规范")} == {"Q/ZWFW 20002-2026 帮办代办岗位规范", "Q/ZWFW 20003-2026 首问负责岗位规范"}

    with django_capture_on_commit_callbacks(execute=True):
        Standard.objects.get(pk=first.pk).unpublish()
    assert hits("岗位规范") == [("standard", "Q/ZWFW 20003-2026 首问负责岗位规范")]

    with django_capture_on_commit_callbacks(execute=True):
        Standard.objects.get(pk=second.pk).delete()
    assert hits("岗位规范") == [] and SearchDocument.objects.count() == 0


def test_generating_procedures_indexes_them_in_one_batch_at_commit(db, tmp_path, django_capture_on_commit_callbacks, monkeypatch):
    from .conftest import write_lines

    path = write_lines(tmp_path / "gd.jsonl", [1306, 1307, 1439])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_gdzwfw", path, stdout=io.StringIO())
    batches = []
    real_index = EmbeddedEngine.index

    def counting_index(self, documents):
        batches.append([d["kind"] for d in documents])
        return real_index(self, documents)

    monkeypatch.setattr(EmbeddedEngine, "index", counting_index)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = generate_all()
    assert result.created == 3 and SearchDocument.objects.filter(kind="standard").count() == 0
    assert len(callbacks) == 1  # one batch for the whole run, not one per standard
    callbacks[0]()
    assert batches == [["standard"] * 3]
    assert hits("导游证 办理规程")[0][1].endswith("导游证查询办理规程")


# —— rebuild and check ——


def test_rebuild_check_and_rebuild_if_empty_include_standards(db, django_capture_on_commit_callbacks, capsys):
    from tests.factories import MatterPageFactory

    with django_capture_on_commit_callbacks(execute=True):
        MatterPageFactory(title="导游证核发")
        call_command("import_standards", CSV, stdout=io.StringIO())
    published = Standard.objects.public().count()
    assert published == 20 and SearchDocument.objects.filter(kind="standard").count() == published

    SearchDocument.objects.filter(kind="standard").delete()  # an index built before standards were searchable
    with pytest.raises(CommandError, match=f"缺少 {published} 个"):
        call_command("search_check")
    call_command("search_rebuild_if_empty")
    call_command("search_check")
    out = capsys.readouterr().out
    assert f"已重建 embedded 索引：{published + 1} 个文档" in out
    assert f"数据库已发布事项 1 个、标准 {published} 项" in out and "索引与数据库一致" in out

    call_command("search_rebuild")
    assert SearchDocument.objects.filter(kind="matter").count() == 1
    assert SearchDocument.objects.filter(kind="standard").count() == published
    assert hits("GB/T 32168")[0] == ("standard", "GB/T 32168-2015 政务服务中心网上服务规范")


# —— facet, page, API and ranking on real rows ——


@pytest.fixture
def with_standards(corpus, django_capture_on_commit_callbacks):
    """The real matters of the corpus, the national standards and a generated 办理规程 for each matter, indexed."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_standards", CSV, stdout=io.StringIO())
        generate_all()
    return corpus


def test_citizen_queries_put_the_matter_first(with_standards):
    assert Standard.objects.filter(generated_for__code=with_standards["birth_certificate"]).exists()
    results = EmbeddedEngine().search("出生医学证明")
    assert results.hits[0].kind == "matter" and results.hits[0].code == with_standards["birth_certificate"]
    kinds = [hit.kind for hit in results.hits]
    assert "standard" in kinds and kinds == sorted(kinds)  # every matter before every standard
    for query, code in (("导游证", "guide_card"), ("出生纸", "birth_certificate"), ("户口迁出", "hukou_out")):
        assert EmbeddedEngine().search(query).hits[0].code == with_standards[code], query
    suggestions = EmbeddedEngine().suggest("出生医学")
    assert [s["kind"] for s in suggestions] == ["matter", "standard"]
    assert suggestions[0]["code"] == with_standards["birth_certificate"]


def test_standard_queries_find_standards(with_standards):
    first = EmbeddedEngine().search("GB/T 24421").hits[0]
    assert first.kind == "standard" and first.name.startswith("GB/T 24421")
    assert first.url.startswith("/standards/") and first.type_label == "服务标准"
    top = EmbeddedEngine().search("政务服务中心 标准").hits[:3]
    assert all(hit.kind == "standard" and "政务服务中心" in hit.name for hit in top)
    assert EmbeddedEngine().search("办理规程 出生医学证明").hits[0].name.endswith("出生医学证明信息查询办理规程")


def test_search_page_shows_the_kind_facet_with_counts(client, with_standards):
    results = EmbeddedEngine().search("出生医学证明")
    counts = {v.value: v.count for v in results.facets["kind"]}
    assert counts["standard"] >= 1 and counts["matter"] >= 1 and sum(counts.values()) == results.count
    html = client.get("/search/", {"q": "出生医学证明"}).content.decode()
    assert "结果类型" in html
    assert f"办事指南 <span class=\"count\">({counts['matter']})</span>" in html
    assert f"服务标准 <span class=\"count\">({counts['standard']})</span>" in html

    only = client.get("/search/", {"q": "出生医学证明", "kind": "standard"}).content.decode()
    assert f"共找到 {counts['standard']} 个结果" in only and "<mark>出生医学证明</mark>信息查询办理规程" in only
    assert "✓ 服务标准" in only and '<span class="result-kind">服务标准</span>' in only
    assert '<span class="result-kind">办事指南</span>' not in only


def test_api_kind_field_and_filter(client, with_standards):
    data = client.get("/api/v1/search/", {"q": "出生医学证明"}).json()
    assert data["results"][0]["kind"] == "matter" and data["results"][0]["kind_label"] == "办事指南"
    counts = {f["value"]: f["count"] for f in data["facets"]["kind"]}
    assert {f["label"] for f in data["facets"]["kind"]} == {"办事指南", "服务标准"}

    standards = client.get("/api/v1/search/", {"q": "出生医学证明", "kind": "standard"}).json()
    assert standards["count"] == counts["standard"]
    assert standards["results"] and all(r["kind"] == "standard" and r["type"] == "服务标准" for r in standards["results"])
    assert all("/standards/" in r["url"] for r in standards["results"])
    matters = client.get("/api/v1/search/", {"q": "出生医学证明", "kind": "matter"}).json()
    assert matters["count"] == counts["matter"] and all(r["kind"] == "matter" for r in matters["results"])

    bad = client.get("/api/v1/search/", {"q": "出生医学证明", "kind": "law"})
    assert bad.status_code == 400 and "kind 参数“law”无效" in bad.json()["detail"]


def test_click_on_a_standard_result_goes_to_its_page(client, with_standards):
    hit = EmbeddedEngine().search("GB/T 24421").hits[0]
    response = client.get("/search/go/", {"code": hit.code})
    assert response.status_code == 302 and response["Location"] == hit.url
    assert client.get(hit.url).status_code == 200


# —— Elasticsearch bodies (no server) ——


def test_elasticsearch_bodies_for_standards(with_standards):
    standard = Standard.objects.public().get(number="GB/T 32168-2015")
    (document,) = live_documents([standard.pk])
    (action,) = list(bulk_index_actions([document], "zwfw-matters-1"))
    source = action["_source"]
    assert action["_id"] == document_code(standard.pk) and source["kind"] == "standard"
    assert set(source) == set(index_body()["mappings"]["properties"])  # the strict mapping accepts it
    assert source["facets"] == {"kind": ["standard"]} and "gb" in source["name_seg"].split()
    matter = next(d for batch in build_documents() for d in batch)
    assert next(bulk_index_actions([matter], "i"))["_source"]["facets"]["kind"] == ["matter"]

    # a citizen query: standards damped; a standards query or the 服务标准 facet: not
    assert "boosting" in build_search(expand("出生医学证明"), {}).to_dict()["query"]
    assert "boosting" not in build_search(expand("GB/T 24421"), {}).to_dict()["query"]
    only = build_search(expand("出生医学证明"), {"kind": ["standard"]}).to_dict()
    assert "boosting" not in only["query"] and only["post_filter"] == {"bool": {"filter": [{"terms": {"facets.kind": ["standard"]}}]}}
    assert only["aggs"]["kind"]["filter"] == {"match_all": {}}


def test_elasticsearch_response_ranks_matters_first_like_the_embedded_engine(db):
    response = {
        "hits": {
            "total": {"value": 2},
            "hits": [
                {"_score": 9.0, "_source": {"kind": "standard", "code": "std-7", "page_id": 7, "name": "Q/ZWFW 30001-2026 出生医学证明办理规程",
                                            "url": "/standards/q-zwfw-30001-2026/", "summary": "", "aliases": ""}},
                {"_score": 3.0, "_source": {"kind": "matter", "code": "M", "page_id": 7, "name": "出生医学证明签发", "url": "/m/M/",
                                            "summary": "", "aliases": ""}},
            ],
        },
        "aggregations": {"kind": {"doc_count": 2, "values": {"buckets": [{"key": "matter", "doc_count": 1}, {"key": "standard", "doc_count": 1}]}}},
    }
    expanded = expand("出生医学证明")
    expanded.best_bets = ["7"]  # pinned matter page 7; the standard with id 7 is not pinned
    results = ElasticsearchEngine("http://127.0.0.1:9").read_response(response, expanded, {}, SearchResults(query="出生医学证明"), True, 0)
    assert [(h.kind, h.code, h.best_bet) for h in results.hits] == [("matter", "M", True), ("standard", "std-7", False)]
    assert [(v.label, v.count) for v in results.facets["kind"]] == [("办事指南", 1), ("服务标准", 1)]
