"""The public search page and the JSON API, as a citizen and a client program see them."""

import json

import pytest

from search.models import SearchDocument, SearchQueryLog


def test_search_page_shows_results_with_department_region_and_marks(client, corpus):
    response = client.get("/search/", {"q": "导游证"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>导游证</mark>查询" in html
    assert "广东省文化和旅游厅" in html and "广东省" in html
    assert "共找到" in html
    assert 'role="combobox"' in html and "search/suggest.js" in html


def test_search_page_facets_filter_and_keep_other_counts(client, corpus):
    everything = client.get("/api/v1/search/", {"q": "公证"}).json()
    assert everything["count"] >= 3
    types = {f["label"]: f["count"] for f in everything["facets"]["type"]}
    assert types.get("公共服务", 0) >= 3
    departments = {f["value"]: f["count"] for f in everything["facets"]["department"]}
    assert departments["广东省司法厅"] >= 3
    filtered = client.get("/api/v1/search/", {"q": "公证", "department": "广东省司法厅"}).json()
    assert filtered["count"] == departments["广东省司法厅"]
    assert {r["department"] for r in filtered["results"]} == {"广东省司法厅"}
    # the department facet's own counts ignore the department filter, so the other choices stay visible
    assert {f["value"]: f["count"] for f in filtered["facets"]["department"]} == departments
    assert [f for f in filtered["facets"]["department"] if f["selected"]][0]["value"] == "广东省司法厅"
    page = client.get("/search/", {"q": "公证", "department": "广东省司法厅"}).content.decode()
    assert 'aria-current="true"' in page and "清除全部筛选" in page


def test_api_result_shape(client, corpus):
    data = client.get("/api/v1/search/", {"q": "dyz"}).json()
    assert data["count"] == 1
    hit = data["results"][0]
    assert set(hit) >= {"code", "name", "department", "type", "url", "highlight", "score"}
    assert hit["code"] == corpus["guide_card"] and hit["type"] == "公共服务"
    assert hit["url"].endswith(f"/m/{corpus['guide_card']}/")
    assert data["suggestion"] == ""
    assert hit["kind"] == "matter" and hit["kind_label"] == "办事指南"
    assert set(data["facets"]) == {"kind", "department", "type", "service_object", "theme", "level", "handling", "online"}


def test_api_type_filter_and_paging(client, corpus):
    data = client.get("/api/v1/search/", {"q": "查询", "type": "20"}).json()
    assert data["count"] >= 5 and all(r["type"] == "公共服务" for r in data["results"])
    page2 = client.get("/api/v1/search/", {"q": "查询", "type": "20", "page": 2}).json()
    assert page2["page"] == 2
    assert not {r["code"] for r in page2["results"]} & {r["code"] for r in data["results"]}


def test_suggest_api_completes_names(client, corpus):
    data = client.get("/api/v1/search/suggest/", {"q": "导游"}).json()
    assert [s["name"] for s in data["suggestions"]][:2] == ["导游证查询", "全国导游考试查询"] or {
        s["name"] for s in data["suggestions"]
    } >= {"导游证查询", "全国导游考试查询"}
    assert client.get("/api/v1/search/suggest/", {"q": ""}).json()["suggestions"] == []


def test_no_results_page_helps(client, corpus):
    html = client.get("/search/", {"q": "火星移民"}).content.decode()
    assert "没有找到" in html or "部分匹配" in html
    html = client.get("/search/", {"q": "zzzzqqqq"}).content.decode()
    assert "没有找到与“zzzzqqqq”相关的事项" in html
    assert "12345" in html and "大家常办的事项" in html


def test_typo_page_offers_the_correction(client, corpus):
    html = client.get("/search/", {"q": "遗嘱公正"}).content.decode()
    assert "您是不是要找" in html and "遗嘱公证" in html


def test_click_is_logged_and_redirects(client, corpus):
    client.get("/search/", {"q": "导游证"})
    log = SearchQueryLog.objects.get(query="导游证")
    assert log.results == 1 and log.clicked_code == ""
    response = client.get("/search/go/", {"code": corpus["guide_card"], "log": log.pk})
    assert response.status_code == 302 and response["Location"] == f"/m/{corpus['guide_card']}/"
    log.refresh_from_db()
    assert log.clicked_code == corpus["guide_card"]
    assert SearchDocument.objects.get(code=corpus["guide_card"]).popularity == 1
    assert client.get("/search/go/", {"code": "NOPE"}).status_code == 404


HOSTILE = [
    '"',
    'AND OR NOT "导游',
    "NEAR(导游 证, 2)",
    "导游*",
    "name:导游 OR body:证",
    "'; DROP TABLE search_searchdocument; --",
    "导游证" * 3400,  # 10,200 characters
    "\x00导游证\x00",
    "😀🚀 导游证",
    "<script>alert(1)</script>",
    "{name aliases}: 证",
    "^导游",
    "   ",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_get_a_normal_page(client, corpus, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    api = client.get("/api/v1/search/", {"q": query})
    assert api.status_code == 200
    assert "<script>" not in json.dumps(api.json()["results"], ensure_ascii=False)
    assert client.get("/api/v1/search/suggest/", {"q": query}).status_code == 200


def test_lone_surrogates_and_invalid_utf8(client, corpus):
    from search.engines.embedded import EmbeddedEngine

    assert EmbeddedEngine().search("导游证\ud800").hits[0].code == corpus["guide_card"]
    # a lone surrogate sent by a browser arrives as bytes that are not UTF-8
    response = client.get("/search/?q=%ED%A0%80%E5%AF%BC%E6%B8%B8%E8%AF%81%FF")
    assert response.status_code == 200 and "导游证" in response.content.decode()
    assert client.get("/api/v1/search/?q=%ED%A0%80%E5%AF%BC%E6%B8%B8%E8%AF%81").status_code == 200


def test_hostile_query_still_finds_the_words_in_it(client, corpus):
    data = client.get("/api/v1/search/", {"q": 'NEAR("导游证" AND'}).json()
    assert data["results"][0]["code"] == corpus["guide_card"]
    assert SearchDocument.objects.count() == len(corpus) + 9  # nothing dropped


def test_bad_page_numbers_and_filters(client, corpus):
    assert client.get("/search/", {"q": "公证", "page": "abc"}).status_code == 200
    assert client.get("/search/", {"q": "公证", "page": "99999"}).status_code == 200
    assert client.get("/api/v1/search/", {"q": "公证", "department": "\x00" * 5, "nosuch": "x"}).status_code == 200
