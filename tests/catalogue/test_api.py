"""The JSON API and its OpenAPI description, on real imported rows and on a matter with every element."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from catalogue.models import DepartmentPage, MatterPage
from tests.factories import CompleteMatterPageFactory, DepartmentPageFactory, MatterPageFactory, ThemeFactory

GD = settings.DATA_DIR / "gd_gdzwfw_matters_2021.jsonl"
RADIO_CODE = "11440000696453330X2440104012001"  # line 20: 无线电频率使用许可（新申请）
REQUIRED_KEYS = {
    "code", "basic_code", "name", "type", "department", "handling_type", "legal_limit", "promised_limit", "speedup_rate",
    "conditions", "materials", "steps", "fees", "legal_basis", "results", "locations", "consult_phone", "complaint_phone",
    "visits", "online_url", "themes", "service_objects", "aliases", "url", "updated_at",
}


def source_row(line: int) -> dict:
    return json.loads(Path(GD).read_text(encoding="utf-8").splitlines()[line - 1])


@pytest.fixture
def imported(db, tmp_path):
    """Lines 15–30 of the 广东 file, imported with the real command."""
    lines = Path(GD).read_text(encoding="utf-8").splitlines()[14:30]
    path = tmp_path / "gd.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    call_command("import_gdzwfw", path, stdout=open("/dev/null", "w"))
    return [json.loads(line) for line in lines]


@pytest.fixture
def radio(client, imported):
    response = client.get(reverse("api_matter_detail", args=[RADIO_CODE]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


# —— GET /api/v1/matters/<实施编码>/ on a real row ——


def test_detail_has_every_element_under_its_stable_key(radio):
    assert REQUIRED_KEYS <= set(radio)


def test_identity(radio):
    row = source_row(20)
    assert radio["code"] == row["TASK_CODE"] == RADIO_CODE
    assert radio["name"] == "无线电频率使用许可（新申请）"
    assert radio["basic_code"] == row["CATAID"] == "440104012001"
    assert radio["type"] == {"code": "01", "label": "行政许可"}
    assert radio["department"] == {"name": "广东省工业和信息化厅", "code": "696453330", "region": "广东省"}
    assert radio["short_name"] == "频率新申请"
    assert radio["status"] == "在用"


def test_time_limits_and_speedup(radio):
    assert radio["handling_type"] == "承诺件"
    assert radio["legal_limit"] == {"value": 30.0, "unit": "工作日", "note": ""}
    assert radio["promised_limit"] == {"value": 10.0, "unit": "工作日", "note": ""}
    assert Decimal(str(radio["speedup_rate"])) == Decimal("0.6667")


def test_conditions_and_materials(radio):
    row = source_row(20)
    assert radio["conditions"] and all(isinstance(c, str) and c for c in radio["conditions"])
    assert [m["name"] for m in radio["materials"]] == [
        "《无线电频率使用申请表》(txt格式)", "申请单位出具的使用无线电频率申请公函", "《无线电频率使用申请表》(盖章电子件)", "依法使用无线电频率的承诺书"
    ] == row["material_intro"]
    keys = {"name", "necessity", "kind", "form", "originals", "copies", "source", "paper_size", "source_body", "situation", "shared_material"}
    assert all(keys <= set(m) for m in radio["materials"])
    # The 广东 export gives material names only: necessity, kind, form and counts stay unstated, not invented.
    assert {(m["necessity"], m["kind"], m["form"], m["originals"], m["copies"], m["source"]) for m in radio["materials"]} == {("", "", "", None, None, "")}
    assert radio["conditions"] == ["取得无线电频率使用许可，申请人需满足以下全部申请条件："]


def test_where_and_how(radio):
    assert radio["locations"] == [{"address": "广州市东风中路305号省政府5号楼13楼1315室、1317室、1320室", "hours": radio["locations"][0]["hours"], "phone": ""}]
    assert radio["consult_phone"] == "020-83133283、020-83134746、020-83134252"
    assert radio["complaint_phone"] == "020-83135862"
    assert radio["visits"] == 0
    assert radio["online_url"] == source_row(20)["URL"]
    assert radio["online_platform"] == "广东省无线电管理业务云平台"


def test_navigation_and_aliases(radio):
    assert radio["themes"] == ["其他"]
    assert radio["service_objects"] == ["自然人", "企业法人", "事业法人", "社会组织法人", "非法人企业", "行政机关", "其他组织"]
    assert set(radio["aliases"]) >= {"频率新申请", "无线电", "频率", "新申请"}


def test_public_url_and_updated_at(radio):
    matter = MatterPage.objects.get(code=RADIO_CODE)
    assert radio["url"] == f"http://testserver{matter.url}"
    assert radio["short_url"] == f"http://testserver/m/{RADIO_CODE}/"
    assert datetime.datetime.fromisoformat(radio["updated_at"]) == matter.last_published_at


def test_rows_the_real_data_lacks_are_empty_lists(radio):
    # The 广东 export has no fees, legal basis, steps or results for this matter: the API says so, it invents nothing.
    for key in ["fees", "legal_basis", "results", "steps", "faqs"]:
        assert isinstance(radio[key], list)


# —— a matter with every element ——


def test_complete_matter_child_rows(client, db):
    matter = CompleteMatterPageFactory()
    data = client.get(reverse("api_matter_detail", args=[matter.code])).json()
    assert data["steps"][1] == {"name": "审查与决定", "handler": "审核人员", "time_limit": "4个工作日", "review_standard": "核对登记信息。", "result": "准予补领"}
    assert data["special_steps"] == [{"name": "公告", "time_limit": "20个自然日", "basis": "国家企业信用信息公示系统公告", "counted_in_limit": False}]
    assert data["charges"] is True
    assert data["fees"] == [{"name": "工本费", "standard": "每本10元", "basis": "粤价〔2003〕160号", "reducible": True, "reduction_basis": "小微企业免收"}]
    assert data["legal_basis"][0]["law_name"] == "中华人民共和国市场主体登记管理条例"
    assert data["legal_basis"][0]["article"] == "第三十八条"
    assert data["legal_basis"][0]["document_number"] == "国务院令第746号"
    assert data["results"] == [{"name": "营业执照", "kind": "证照", "validity": "长期"}]
    assert data["faqs"] == [{"question": "营业执照丢了要登报吗？", "answer": "不需要登报，在国家企业信用信息公示系统声明作废即可。"}]
    assert data["materials"][1]["shared_material"] == "居民身份证"
    assert data["materials"][1]["kind"] == "复印件"
    assert data["materials"][1]["source"] == "政府部门核发"
    assert data["materials"][0]["necessity"] == "必要"
    assert data["legal_limit"] == {"value": 20.0, "unit": "工作日", "note": "自受理之日起计算"}
    assert data["promised_limit"]["note"] == "材料齐全当场受理"
    assert data["speedup_rate"] == 0.75
    assert data["catalogue_item"] == {"code": "000131127004", "name": "营业执照补领", "level": "子项"}
    assert data["windows"] == [{"number": "12", "name": "商事登记窗口", "hall": "市民服务中心一楼", "floor": "一楼"}]
    assert data["themes"] == ["设立变更"] and data["service_objects"] == ["企业法人"]
    assert data["aliases"] == ["执照丢了", "补办营业执照"]
    assert data["handling_forms"] == ["窗口办理", "网上办理", "快递申请"]
    assert data["online_depth"] == "全程网办"
    assert data["exercise_level"] == "市级" and data["power_source"] == "上级下放"
    assert data["next_review"] == "2027-01-15"


def test_unknown_code_is_a_json_404(client, db):
    response = client.get(reverse("api_matter_detail", args=["NO-SUCH-CODE"]))
    assert response.status_code == 404
    assert response.json() == {"detail": "没有这个实施编码的事项。"}


def test_draft_matter_is_not_served(client, db):
    draft = MatterPageFactory(publish=False)
    assert client.get(reverse("api_matter_detail", args=[draft.code])).status_code == 404


# —— GET /api/v1/matters/ ——


def test_list_is_paginated_with_count(client, imported):
    data = client.get(reverse("api_matter_list")).json()
    assert data["count"] == len(imported) == MatterPage.objects.live().count()
    assert len(data["results"]) == min(20, len(imported))
    page2 = client.get(reverse("api_matter_list"), {"page": 2}).json()
    assert data["next"] is None or page2["results"]
    assert set(data["results"][0]) == {"code", "name", "type", "department", "status", "url", "updated_at"}
    assert [r["code"] for r in data["results"]] == sorted(r["code"] for r in data["results"])


def test_list_filters_by_department(client, imported):
    data = client.get(reverse("api_matter_list"), {"department": "696453330"}).json()
    expected = {r["TASK_CODE"] for r in imported if r["ORGCODE"] == "696453330"}
    assert {r["code"] for r in data["results"]} == expected and data["count"] == len(expected)
    assert client.get(reverse("api_matter_list"), {"department": "000000000"}).json()["count"] == 0


def test_list_filters_by_type(client, imported):
    data = client.get(reverse("api_matter_list"), {"type": "01"}).json()
    expected = {r["TASK_CODE"] for r in imported if r["TASK_TYPE"] == "01"}
    assert {r["code"] for r in data["results"]} == expected
    assert all(r["type"]["code"] == "01" for r in data["results"])
    bad = client.get(reverse("api_matter_list"), {"type": "99"})
    assert bad.status_code == 400 and "type" in bad.json()


def test_list_filters_by_theme(client, db):
    household = ThemeFactory(name="户籍办理", slug="huji")
    matter = MatterPageFactory(title="户口迁入")
    MatterPageFactory(title="建设工程消防验收")
    matter.themes.add(household)
    matter.save_revision().publish()
    for value in ("huji", "户籍办理"):
        data = client.get(reverse("api_matter_list"), {"theme": value}).json()
        assert [r["name"] for r in data["results"]] == ["户口迁入"]


def test_list_leaves_out_suspended_and_unpublished_matters(client, db):
    MatterPageFactory(title="在用事项")
    MatterPageFactory(title="暂停事项", status="suspended")
    MatterPageFactory(title="草稿事项", publish=False)
    assert [r["name"] for r in client.get(reverse("api_matter_list")).json()["results"]] == ["在用事项"]


def test_list_department_lookups_do_not_grow_with_the_page(client, db, django_assert_max_num_queries):
    department = DepartmentPageFactory()
    for _ in range(12):
        MatterPageFactory(department=department)
    with django_assert_max_num_queries(8):
        data = client.get(reverse("api_matter_list")).json()
    assert data["count"] == 12 and all(r["department"]["code"] == department.org_code for r in data["results"])


# —— departments ——


def test_departments_endpoint(client, imported):
    data = client.get(reverse("api_department_list")).json()
    assert data["count"] == DepartmentPage.objects.live().count()
    radio_dept = next(d for d in data["results"] if d["code"] == "696453330")
    assert radio_dept["name"] == "广东省工业和信息化厅"
    assert radio_dept["matter_count"] == sum(1 for r in imported if r["ORGCODE"] == "696453330")
    assert radio_dept["region"] == {"code": "440000000000", "name": "广东省"}
    listed = client.get(radio_dept["matters_url"]).json()
    assert listed["count"] == radio_dept["matter_count"]
    detail = client.get(reverse("api_department_detail", args=["696453330"])).json()
    assert detail["name"] == "广东省工业和信息化厅" and detail["matter_count"] == radio_dept["matter_count"]
    missing = client.get(reverse("api_department_detail", args=["000000000"]))
    assert missing.status_code == 404 and missing.json() == {"detail": "没有这个组织机构代码的部门。"}


# —— OpenAPI ——


def test_openapi_schema_describes_the_public_api(client, db):
    response = client.get(reverse("api_schema"), {"format": "json"})
    assert response.status_code == 200
    schema = json.loads(response.content)
    paths = set(schema["paths"])
    assert {"/api/v1/matters/", "/api/v1/matters/{code}/", "/api/v1/departments/", "/api/v1/departments/{org_code}/", "/api/v1/schema/"} <= paths
    assert not any(path.startswith(("/admin", "/django-admin", "/cms-api")) for path in paths)
    params = {p["name"] for p in schema["paths"]["/api/v1/matters/"]["get"]["parameters"]}
    assert {"department", "type", "theme", "page"} <= params
    matter = schema["components"]["schemas"]["VersionedMatter"]["properties"]
    assert REQUIRED_KEYS <= set(matter)
    assert schema["components"]["schemas"]["CodeLabel"]["properties"].keys() == {"code", "label"}
    assert "count" in schema["components"]["schemas"]["PaginatedMatterSummaryList"]["properties"]


@pytest.mark.parametrize("name", ["api_docs", "api_swagger"])
def test_api_docs_load_their_scripts_locally(client, db, name):
    html = client.get(reverse(name)).content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert "cdn.jsdelivr.net" not in html and "unpkg.com" not in html
