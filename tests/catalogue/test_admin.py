"""The matter in the Wagtail admin: tabs, an edit round trip, listings with filters, Chinese search."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Revision

from catalogue.choices import MatterStatus, MatterType
from catalogue.models import MatterPage
from search.admin_backend import SegmentedFallbackSearchBackend
from tests.catalogue.admin_forms import add_row, edit_form_data, post_edit
from tests.factories import (
    CatalogueItemFactory,
    CompleteMatterPageFactory,
    DepartmentPageFactory,
    MatterPageFactory,
    SharedMaterialFactory,
    SuperUserFactory,
)

TABS = ["基本信息", "受理条件与材料", "办理流程", "时限与收费", "依据与结果", "地点与咨询"]
GD = settings.DATA_DIR / "gd_gdzwfw_matters_2021.jsonl"
RADIO_CODE = "11440000696453330X2440104012001"  # line 20: 无线电频率使用许可（新申请）


@pytest.fixture
def admin_client(client, db):
    client.force_login(SuperUserFactory(username="admin"))
    return client


def listing(client, **params):
    response = client.get(reverse("matters:index"), params)
    assert response.status_code == 200
    return response.content.decode(), {p.title for p in response.context["object_list"]}


# —— the edit form ——


def test_edit_form_has_the_national_tabs_in_order(admin_client):
    matter = CompleteMatterPageFactory()
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[matter.pk])).content.decode()
    tabs = [t.strip() for t in re.findall(r'<a id="tab-label-[^"]*"[^>]*>\s*([^<]+?)\s*<', html)]
    assert tabs[: len(TABS)] == TABS
    for label in ["实施编码", "受理条件", "申请材料", "环节", "特殊环节", "法定办结时限", "承诺办结时限", "收费项目", "设定依据", "办理结果", "办理地点", "咨询电话"]:
        assert label in html


def test_edit_form_shows_every_child_row(admin_client):
    matter = CompleteMatterPageFactory()
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[matter.pk])).content.decode()
    for text in ["营业执照原件遗失或损毁。", "营业执照遗失补领申请书", "审查与决定", "公告", "工本费", "粤价〔2003〕160号",
                 "中华人民共和国市场主体登记管理条例", "第三十八条", "广州市天河区天河南二路市民服务中心一楼", "执照丢了", "营业执照丢了要登报吗？"]:
        assert text in html, text


def test_admin_edit_round_trip_publishes_the_change(admin_client):
    matter = CompleteMatterPageFactory()
    revisions_before = Revision.page_revisions.filter(object_id=str(matter.pk)).count()
    data = edit_form_data(admin_client, matter)
    data["title"] = "营业执照遗失补领（企业）"
    data["consult_phone"] = "020-87654321"
    add_row(data, "materials", name="营业执照遗失声明", necessity="required", kind="original", form="paper", originals="1", copies="0", source="applicant")
    data["conditions-0-DELETE"] = "1"
    response = post_edit(admin_client, matter, data, publish=True)
    assert response.status_code == 302, response.context["form"].errors if response.context else response

    live = MatterPage.objects.get(pk=matter.pk)
    assert live.title == "营业执照遗失补领（企业）"
    assert live.consult_phone == "020-87654321"
    assert [m.name for m in live.materials.all()] == ["营业执照遗失补领申请书", "法定代表人居民身份证", "营业执照遗失声明"]
    assert [c.text for c in live.conditions.all()] == ["营业执照原件遗失或损毁。"]
    # untouched elements survive the round trip
    assert [f.basis for f in live.fees.all()] == ["粤价〔2003〕160号"]
    assert [b.article for b in live.legal_bases.all()] == ["第三十八条"]
    assert live.materials.get(name="法定代表人居民身份证").shared_material.name == "居民身份证"
    assert [t.name for t in live.themes.all()] == ["设立变更"]
    assert live.windows.count() == 1
    assert Revision.page_revisions.filter(object_id=str(matter.pk)).count() == revisions_before + 1
    assert live.live_revision.content["title"] == "营业执照遗失补领（企业）"

    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[matter.pk])).content.decode()
    assert "营业执照遗失声明" in html and "020-87654321" in html


def test_draft_edit_leaves_the_live_page_alone(admin_client):
    matter = CompleteMatterPageFactory()
    data = edit_form_data(admin_client, matter)
    data["title"] = "草稿标题"
    assert post_edit(admin_client, matter, data).status_code == 302
    live = MatterPage.objects.get(pk=matter.pk)
    assert live.title != "草稿标题" and live.has_unpublished_changes
    assert live.get_latest_revision_as_object().title == "草稿标题"


def test_imported_real_matter_survives_an_admin_round_trip(admin_client, tmp_path):
    lines = Path(GD).read_text(encoding="utf-8").splitlines()
    source = tmp_path / "gd.jsonl"
    source.write_text(lines[19] + "\n", encoding="utf-8")
    call_command("import_gdzwfw", source, stdout=open("/dev/null", "w"))
    matter = MatterPage.objects.get(code=RADIO_CODE)
    before = {name: [str(r) for r in getattr(matter, name).all()] for name in ["conditions", "materials", "steps", "legal_bases", "results", "locations", "alias_names"]}
    data = edit_form_data(admin_client, matter)
    data["next_review"] = "2027-06-30"
    response = post_edit(admin_client, matter, data, publish=True)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    live = MatterPage.objects.get(pk=matter.pk)
    assert str(live.next_review) == "2027-06-30"
    assert live.title == "无线电频率使用许可（新申请）" or "无线电频率" in live.title
    assert {name: [str(r) for r in getattr(live, name).all()] for name in before} == before


def test_revision_of_a_created_matter_holds_its_rows_with_their_ids(db):
    matter = CompleteMatterPageFactory()
    content = matter.live_revision.content
    stored = MatterPage.objects.get(pk=matter.pk)
    assert [m["pk"] for m in content["materials"]] == list(stored.materials.values_list("id", flat=True))
    assert [m["name"] for m in content["materials"]] == ["营业执照遗失补领申请书", "法定代表人居民身份证"]
    assert content["fees"][0]["basis"] == "粤价〔2003〕160号"
    assert content["themes"] == list(stored.themes.values_list("id", flat=True))
    assert matter.live_revision.as_object().materials.count() == 2


# —— listings ——


@pytest.fixture
def two_departments(db):
    education = DepartmentPageFactory(title="广东省教育厅")
    police = DepartmentPageFactory(title="广东省公安厅")
    MatterPageFactory(title="民办学校设立审批", department=education, matter_type=MatterType.LICENSING)
    MatterPageFactory(title="教师资格认定", department=education, matter_type=MatterType.CONFIRMATION)
    MatterPageFactory(title="居民身份证换领", department=police, matter_type=MatterType.PUBLIC_SERVICE)
    MatterPageFactory(title="户口迁移登记", department=police, matter_type=MatterType.CONFIRMATION, status=MatterStatus.SUSPENDED)
    MatterPageFactory(title="养犬登记（草稿）", department=police, matter_type=MatterType.FILING, publish=False)
    MatterPageFactory(title="个体工商户营业执照变更登记", department=DepartmentPageFactory(title="广州市市场监督管理局"))
    return education, police


def test_listing_shows_matters_with_their_code_type_and_department(admin_client, two_departments):
    html, titles = listing(admin_client)
    assert titles == {"民办学校设立审批", "教师资格认定", "居民身份证换领", "户口迁移登记", "养犬登记（草稿）", "个体工商户营业执照变更登记"}
    assert "实施编码" in html and "广东省公安厅" in html and "行政确认" in html


def test_listing_filters_by_department(admin_client, two_departments):
    education, police = two_departments
    assert listing(admin_client, department=education.pk)[1] == {"民办学校设立审批", "教师资格认定"}
    assert listing(admin_client, department=police.pk)[1] == {"居民身份证换领", "户口迁移登记", "养犬登记（草稿）"}


def test_listing_filters_by_type(admin_client, two_departments):
    assert listing(admin_client, matter_type=MatterType.CONFIRMATION)[1] == {"教师资格认定", "户口迁移登记"}


def test_listing_filters_by_matter_status_and_publishing_state(admin_client, two_departments):
    assert listing(admin_client, status=MatterStatus.SUSPENDED)[1] == {"户口迁移登记"}
    assert listing(admin_client, publishing="draft")[1] == {"养犬登记（草稿）"}
    assert "养犬登记（草稿）" not in listing(admin_client, publishing="live")[1]


def test_listing_filter_combined_with_search(admin_client, two_departments):
    education, _ = two_departments
    assert listing(admin_client, q="资格", department=education.pk)[1] == {"教师资格认定"}


@pytest.mark.parametrize(
    "word, expected",
    [("身份证", {"居民身份证换领"}), ("营业执照", {"个体工商户营业执照变更登记"}), ("学校", {"民办学校设立审批"}), ("迁移", {"户口迁移登记"})],
)
def test_admin_search_finds_a_chinese_word_inside_a_longer_title(admin_client, two_departments, word, expected):
    assert listing(admin_client, q=word)[1] == expected


def test_admin_search_finds_matters_by_alias(admin_client):
    CompleteMatterPageFactory(title="营业执照遗失补领")
    MatterPageFactory(title="建设工程消防验收")
    assert listing(admin_client, q="执照")[1] == {"营业执照遗失补领"}


def test_page_search_view_finds_chinese_word(admin_client, two_departments):
    response = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": "身份证"})
    assert response.status_code == 200
    assert "居民身份证换领" in response.content.decode()
    assert "教师资格认定" not in response.content.decode()


def test_department_listing_filters_by_region(admin_client, db):
    from tests.factories import RegionFactory

    city = RegionFactory(code="440100000000", name="广州市", level="city")
    DepartmentPageFactory(title="广东省教育厅")
    DepartmentPageFactory(title="广州市教育局", region=city)
    response = admin_client.get(reverse("departments:index"), {"region": city.pk})
    assert response.status_code == 200
    assert {p.title for p in response.context["object_list"]} == {"广州市教育局"}
    response = admin_client.get(reverse("departments:index"), {"q": "教育"})
    assert {p.title for p in response.context["object_list"]} == {"广东省教育厅", "广州市教育局"}


# —— 事项目录 snippets ——


def test_catalogue_snippets_are_grouped_in_the_menu(admin_client):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S).group(1)
    menu = json.dumps(json.loads(props), ensure_ascii=False)
    for label in ["事项目录", "基本目录", "材料库", "主题分类", "服务对象", "行政区划", "窗口", "事项（办事指南）", "实施主体（部门）"]:
        assert label in menu, label


def test_shared_material_search_finds_a_word_inside_a_name(admin_client):
    SharedMaterialFactory(name="营业执照副本")
    SharedMaterialFactory(name="居民身份证")
    SharedMaterialFactory(name="结婚证")
    response = admin_client.get(reverse("wagtailsnippets_catalogue_sharedmaterial:list"), {"q": "营业执照"})
    assert response.status_code == 200
    names = {m.name for m in response.context["object_list"]}
    assert names == {"营业执照副本"}
    response = admin_client.get(reverse("wagtailsnippets_catalogue_sharedmaterial:list"), {"q": "身份证"})
    assert {m.name for m in response.context["object_list"]} == {"居民身份证"}


def test_catalogue_item_listing_filters_by_level(admin_client):
    CatalogueItemFactory(code="00013112700Y", name="企业登记注册", level="main")
    CatalogueItemFactory(code="000131127004", name="营业执照补领", level="sub")
    response = admin_client.get(reverse("wagtailsnippets_catalogue_catalogueitem:list"), {"level": "sub"})
    assert response.status_code == 200
    assert {i.name for i in response.context["object_list"]} == {"营业执照补领"}


def test_shared_material_can_be_edited_in_the_admin(admin_client):
    material = SharedMaterialFactory(name="户口簿")
    url = reverse("wagtailsnippets_catalogue_sharedmaterial:edit", args=[material.pk])
    response = admin_client.post(url, {"name": "居民户口簿", "source": "government", "issuing_body": "公安机关", "description": "", "is_licence": "on", "action-publish": "action-publish"})
    assert response.status_code == 302
    material.refresh_from_db()
    assert (material.name, material.issuing_body, material.is_licence) == ("居民户口簿", "公安机关", True)


# —— the admin search backend on databases without a segmenting index (PostgreSQL) ——


@pytest.mark.parametrize(
    "query, expected",
    [("身份证", {"居民身份证换领"}), ("身份证换领", {"居民身份证换领"}), ("资格", {"教师资格认定"}), ("不存在的词", set())],
)
def test_fallback_backend_finds_a_chinese_word_inside_a_title(two_departments, query, expected):
    backend = SegmentedFallbackSearchBackend({})
    assert {p.title for p in backend.autocomplete(query, MatterPage)} == expected
    assert {p.title for p in backend.search(query, MatterPage)} == expected


def test_fallback_backend_searches_aliases_once(db):
    CompleteMatterPageFactory(title="营业执照遗失补领")
    MatterPageFactory(title="建设工程消防验收")
    backend = SegmentedFallbackSearchBackend({})
    assert [p.title for p in backend.search("补办", MatterPage)] == ["营业执照遗失补领"]  # only in the alias 补办营业执照
    assert [p.title for p in backend.search("执照", MatterPage)] == ["营业执照遗失补领"]  # title and aliases: one result
