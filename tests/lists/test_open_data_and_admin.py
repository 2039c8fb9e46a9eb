"""Open data downloads, CPSV-AP JSON-LD, and the admin pages of lists, releases and figures."""

import io
import json

import pytest
from openpyxl import load_workbook

from catalogue.lists.demo import ensure_standard_lists
from catalogue.lists.releases import publish_release
from catalogue.models import ListRelease, MatterList
from tests.factories import MatterPageFactory, SuperUserFactory
from tests.lists.factories import fees


@pytest.fixture
def matter(site_pages):
    return MatterPageFactory(
        title="特种设备使用登记", code="11440000TEST0000000000000000001", charges=True, fees=fees(("登记费", "每台50元")),
        materials=["使用登记表", "产品合格证"], conditions=["设备已经监督检验合格"], legal_limit_value=15, promised_limit_value=5,
    )


def test_catalogue_downloads_with_licence_and_update_date(matter, client):
    html = client.get("/kaifang/").content.decode()
    assert "CC BY 4.0" in html and "数据更新时间" in html and "/kaifang/shixiang.xlsx" in html
    data = client.get("/kaifang/shixiang.json").json()
    assert data["count"] == 1 and data["matters"][0]["name"] == "特种设备使用登记" and data["licence"]["url"].startswith("https://")
    sheet = load_workbook(io.BytesIO(client.get("/kaifang/shixiang.xlsx").content)).active
    assert sheet.cell(row=2, column=2).value == "特种设备使用登记"
    assert "特种设备使用登记" in client.get("/kaifang/shixiang.csv").content.decode("utf-8-sig")
    assert client.get("/kaifang/shixiang.exe").status_code == 404


def test_cpsv_ap_json_ld(matter, client):
    response = client.get(f"/api/v1/matters/{matter.code}/cpsv.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    data = json.loads(response.content)
    assert data["@type"] == "cpsv:PublicService" and data["dct:identifier"] == matter.code
    assert data["dct:title"] == {"@language": "zh", "@value": "特种设备使用登记"}
    assert [e["dct:title"] for e in data["cv:hasInput"]] == ["使用登记表", "产品合格证"]
    assert data["cv:hasCost"] == [{"@type": "cv:Cost", "dct:description": "登记费：每台50元"}]
    assert data["cv:processingTime"] == "P5D"
    assert client.get("/api/v1/matters/NOPE/cpsv.jsonld").status_code == 404


def test_admin_publishes_a_release_with_a_preview_of_the_diff(matter, client):
    ensure_standard_lists()
    fees_list = MatterList.objects.get(slug="shoufei")
    publish_release(fees_list, label="2026年版")
    MatterPageFactory(title="新的收费事项", charges=True, fees=fees(("工本费", "10元")))
    client.force_login(SuperUserFactory(username="admin"))
    html = client.get(f"/admin/lists/{fees_list.pk}/publish/").content.decode()
    assert "本清单现有 <strong>2</strong> 项" in html and "新增 1 项" in html and "新的收费事项" in html
    response = client.post(f"/admin/lists/{fees_list.pk}/publish/", {"label": "2027年版", "note": "年度调整"})
    assert response.status_code == 302
    release = ListRelease.objects.get(matter_list=fees_list, number=2)
    assert (release.label, release.note, release.count) == ("2027年版", "年度调整", 2)
    # an empty label is refused, nothing published
    client.post(f"/admin/lists/{fees_list.pk}/publish/", {"label": ""})
    assert fees_list.releases.count() == 2
    listing = client.get("/admin/snippets/catalogue/matterlist/").content.decode()
    assert "发布新版本" in listing


def test_admin_figures_and_consistency_pages(matter, client):
    client.force_login(SuperUserFactory(username="admin"))
    html = client.get("/admin/figures/").content.decode()
    assert "改革成效" in html and "申请材料</dt><dd>2 份" in html
    html = client.get("/admin/powers/consistency/").content.decode()
    assert "缺少职权的事项（1）" in html and "特种设备使用登记" in html


def test_admin_pages_refuse_users_without_rights(matter, client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="citizen"))
    assert client.get("/admin/figures/").status_code in (302, 403)
    assert client.get("/admin/powers/consistency/").status_code in (302, 403)
