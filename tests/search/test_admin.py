"""Editors manage synonyms and best bets in the admin, both applied at once; the report shows what to add."""

import pytest

from search.engines.embedded import EmbeddedEngine
from search.models import BestBet, SearchQueryLog, Synonym
from tests.factories import SuperUserFactory


@pytest.fixture
def admin_client(client, db):
    client.force_login(SuperUserFactory())
    return client


def test_synonym_added_in_the_admin_is_applied(admin_client, corpus):
    assert EmbeddedEngine().search("跑团").count == 0
    response = admin_client.post("/admin/snippets/search/synonym/add/", {"term": "跑团", "official": "导游证", "note": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Synonym.objects.filter(term="跑团").exists()
    results = EmbeddedEngine().search("跑团")
    assert results.hits[0].code == corpus["guide_card"]
    assert "导游证" in results.synonyms


def test_best_bet_pins_a_matter_first(admin_client, corpus):
    from catalogue.models import MatterPage

    radio = MatterPage.objects.get(code=corpus["radio"])
    assert EmbeddedEngine().search("查询").hits[0].code != corpus["radio"]
    response = admin_client.post("/admin/snippets/search/bestbet/add/", {"query": "查询", "matter": radio.pk, "sort_order": 0})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert BestBet.objects.count() == 1
    # the pinned matter comes first even though 查询 is not in its name
    page = admin_client.get("/search/", {"q": "查询"}).content.decode()
    hits = EmbeddedEngine().search("查询").hits
    assert hits[0].code == corpus["radio"] and hits[0].best_bet
    assert "推荐" in page


def test_admin_listing_search_finds_a_word_inside_a_name(admin_client, corpus):
    admin_client.post("/admin/snippets/search/synonym/add/", {"term": "开办企业", "official": "企业设立登记", "note": ""})
    listing = admin_client.get("/admin/snippets/search/synonym/", {"q": "企业"}).content.decode()
    assert "开办企业" in listing
    pages = admin_client.get("/admin/pages/search/", {"q": "户籍"}).content.decode()
    assert "户籍人口信息查询" in pages


def test_report_lists_frequent_zero_result_and_unclicked_queries(admin_client, corpus):
    for query in ["导游证", "导游证", "火星签证", "公证"]:
        admin_client.get("/search/", {"q": query})
    log = SearchQueryLog.objects.filter(query="导游证").first()
    admin_client.get("/search/go/", {"code": corpus["guide_card"], "log": log.pk})
    html = admin_client.get("/admin/reports/search/").content.decode()
    assert "搜索词统计" in html
    top = html.split("没有结果的搜索")[0]
    assert top.index("导游证") < top.index("公证")
    zero = html.split("没有结果的搜索")[1].split("有结果但无人点击")[0]
    assert "火星签证" in zero and "导游证" not in zero
    unclicked = html.split("有结果但无人点击")[1]
    assert "公证" in unclicked and "导游证" not in unclicked
