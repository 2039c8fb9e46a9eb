"""Figures on a known fixture, the JSON API and the public pages."""

import datetime
from urllib.parse import quote

import pytest

from catalogue.choices import MatterStatus
from standards.choices import StandardStatus
from standards.coverage import compute
from standards.models import StandardReference
from tests.factories import DepartmentPageFactory, MatterPageFactory, SuperUserFactory
from tests.standards.factories import make_standard


@pytest.fixture
def fixture_site(db):
    tax = DepartmentPageFactory(title="广东省税务局")
    civil = DepartmentPageFactory(title="广东省民政厅")
    m1 = MatterPageFactory(title="发票领用", department=tax, materials=["居民身份证"])
    m2 = MatterPageFactory(title="税务登记", department=tax)
    m3 = MatterPageFactory(title="婚姻登记", department=civil)
    MatterPageFactory(title="已取消事项", department=civil, status=MatterStatus.CANCELLED)
    old = make_standard("GB/T 24421.2-2009", "服务业组织标准化工作指南 第2部分：标准体系", category="100",
                        status=StandardStatus.ABOLISHED, abolished_on=datetime.date(2023, 3, 17), matters=[m2])
    new = make_standard("GB/T 24421.2-2023", "服务业组织标准化工作指南 第2部分：标准体系", category="100", replaces=[old],
                        effective_on=datetime.date(2023, 3, 17))
    window = make_standard("DB44/T 2181-2019", "政务服务窗口服务规范", category="303", matters=[m1])
    make_standard("Q/ZWFW 30009-2027", "婚姻登记办理规程", category="302", status=StandardStatus.UPCOMING,
                  effective_on=datetime.date(2027, 1, 1), matters=[m3])
    dated = make_standard("Q/ZWFW 1001-2026", "窗口服务规范", category="303", references=[
        StandardReference(cited=old, cited_number="GB/T 24421.2-2009", dated=True),
    ])
    undated = make_standard("Q/ZWFW 1002-2026", "岗位工作标准", category="403", references=[
        StandardReference(cited=old, cited_number="GB/T 24421.2", dated=False),
    ])
    return {"old": old, "new": new, "window": window, "dated": dated, "undated": undated, "m1": m1, "m2": m2, "m3": m3}


def test_coverage_figures_on_a_known_fixture(fixture_site):
    coverage = compute()
    assert coverage.total_standards == 6
    assert coverage.by_status == {"草案": 0, "即将实施": 1, "现行": 4, "废止": 1}
    # only m1 is governed by a current standard (m2 by an abolished one, m3 by one not yet in force; cancelled excluded)
    assert (coverage.matters, coverage.governed, coverage.rate) == (3, 1, 0.3333)
    assert not coverage.meets_target
    departments = {row["department"]: (row["matters"], row["governed"], row["rate"]) for row in coverage.by_department}
    assert departments == {"广东省税务局": (2, 1, 0.5), "广东省民政厅": (1, 0, 0.0)}
    assert {m["title"] for m in coverage.uncovered} == {"税务登记", "婚姻登记"}
    # a dated reference to the abolished edition is flagged; the undated one means the 2023 edition and is fine
    assert coverage.citing_abolished == [
        {"number": "Q/ZWFW 1001-2026", "title": "窗口服务规范", "cites": "GB/T 24421.2-2009", "dated": True, "replacement": "GB/T 24421.2-2023"}
    ]
    tree = {row["code"]: row for row in coverage.by_category}
    assert tree["100"]["total"] == 2 and tree["300"]["total"] == 3 and tree["303"]["total"] == 2 and tree["400"]["total"] == 1
    assert tree["300"]["by_status"]["即将实施"] == 1


def test_coverage_api(client, fixture_site):
    data = client.get("/api/v1/standards/coverage/").json()
    assert data["coverage"]["rate"] == 0.3333 and data["coverage"]["target"] == 0.9
    assert data["standards"]["by_status"]["现行"] == 4
    assert data["matters_without_current_standard"]["count"] == 2
    assert data["standards_citing_abolished"]["items"][0]["number"] == "Q/ZWFW 1001-2026"


def test_list_api_filters_and_count(client, fixture_site):
    data = client.get("/api/v1/standards/").json()
    assert data["count"] == 6
    assert [r["number"] for r in data["results"]][:2] == ["GB/T 24421.2-2009", "GB/T 24421.2-2023"]
    assert client.get("/api/v1/standards/", {"status": "现行"}).json()["count"] == 4
    assert client.get("/api/v1/standards/", {"status": "current", "prefix": "Q/ZWFW"}).json()["count"] == 2
    assert client.get("/api/v1/standards/", {"category": "300"}).json()["count"] == 3  # with its sub-categories
    assert client.get("/api/v1/standards/", {"q": "窗口"}).json()["count"] == 2
    assert client.get("/api/v1/standards/", {"matter": fixture_site["m1"].code}).json()["results"][0]["number"] == "DB44/T 2181-2019"
    bad = client.get("/api/v1/standards/", {"status": "生效"})
    assert bad.status_code == 400 and "状态" in bad.json()["detail"]
    assert client.get("/api/v1/standards/", {"q": "字" * 10000}).status_code == 400


def test_detail_api_by_number_with_slashes_or_hyphens(client, fixture_site):
    for path in ("/api/v1/standards/GB-T-24421.2-2023/", "/api/v1/standards/" + quote("GB/T 24421.2-2023") + "/"):
        data = client.get(path).json()
        assert data["number"] == "GB/T 24421.2-2023" and data["status"] == "现行"
        assert data["replaces"] == [{"number": "GB/T 24421.2-2009", "title": "服务业组织标准化工作指南 第2部分：标准体系", "status": "废止"}]
        assert data["replaced_by"] == []
        assert [e["number"] for e in data["editions"]] == ["GB/T 24421.2-2009", "GB/T 24421.2-2023"]
    old = client.get("/api/v1/standards/GB-T-24421.2-2009/").json()
    assert old["replaced_by"][0]["number"] == "GB/T 24421.2-2023" and old["matters"][0]["name"] == "税务登记"
    refs = client.get("/api/v1/standards/Q-ZWFW-1002-2026/").json()["references"]
    assert refs == [{"number": "GB/T 24421.2", "title": "服务业组织标准化工作指南 第2部分：标准体系", "dated": False,
                     "applicable_edition": {"number": "GB/T 24421.2-2023", "title": "服务业组织标准化工作指南 第2部分：标准体系", "status": "现行"},
                     "cites_abolished": False}]
    missing = client.get("/api/v1/standards/GB-T-99999-2020/")
    assert missing.status_code == 404 and missing.json()["detail"] == "没有这个编号的标准。"


def test_public_pages(client, fixture_site):
    tree = client.get("/standards/")
    assert tree.status_code == 200
    text = tree.content.decode()
    assert "标准体系表" in text and "服务提供规范（办理规程）" in text and "共收录已发布标准 <strong>6</strong> 项" in text

    listing = client.get("/standards/catalogue/", {"status": "abolished"}).content.decode()
    assert "GB/T 24421.2-2009" in listing and "GB/T 24421.2-2023" not in listing and "共 1 项标准" in listing
    assert "共 3 项标准" in client.get("/standards/catalogue/", {"prefix": "Q/ZWFW"}).content.decode()
    assert "共 1 项标准" in client.get("/standards/catalogue/", {"q": "DB44/T 2181"}).content.decode()
    bad = client.get("/standards/catalogue/", {"category": "999"})
    assert bad.status_code == 400 and "没有体系类别“999”" in bad.content.decode()

    page = client.get("/standards/GB-T-24421.2-2009/").content.decode()
    assert "状态：<strong>废止</strong>" in page and "最新版本" in page and "GB/T 24421.2-2023" in page
    assert "版本沿革" in page and "被代替" in page and "税务登记" in page
    assert client.get("/standards/" + quote("GB/T 24421.2-2023") + "/").status_code == 200
    assert client.get("/standards/GB-T-1-1999/").status_code == 404


def test_admin_listing_dashboard_and_xlsx(client, fixture_site):
    client.force_login(SuperUserFactory())
    listing = client.get("/admin/snippets/standards/standard/", {"status": "abolished"})
    assert listing.status_code == 200 and "GB/T 24421.2-2009" in listing.content.decode()
    assert "GB/T 24421.2-2023" not in listing.content.decode()
    searched = client.get("/admin/snippets/standards/standard/", {"q": "窗口"}).content.decode()
    assert "DB44/T 2181-2019" in searched
    figures = client.get("/admin/standards/figures/").content.decode()
    assert "标准覆盖率" in figures and "1 / 3" in figures and "Q/ZWFW 1001-2026" in figures
    export = client.get("/admin/standards/xlsx/export/")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    bad = BytesIO(export.content)
    from openpyxl import load_workbook

    workbook = load_workbook(bad)
    workbook.active.cell(row=2, column=6, value="生效")
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "standards.xlsx"
    response = client.post("/admin/standards/xlsx/", {"file": buffer})
    assert response.status_code == 400
    assert "第2行，字段“状态”" in response.content.decode()


def test_public_cannot_use_admin_figures(client, fixture_site):
    assert client.get("/admin/standards/figures/").status_code == 302


def test_admin_add_form_normalises_the_number_and_saves_a_draft(client, fixture_site):
    from standards.models import Standard, StandardCategory

    client.force_login(SuperUserFactory())
    assert client.get("/admin/snippets/standards/standard/add/").status_code == 200
    category = StandardCategory.objects.get(code="303")
    form = {
        "number": "ＤＢ44／Ｔ　2500—2025", "title": "政务服务大厅窗口设置规范", "title_en": "", "category": category.pk,
        "status": "upcoming", "source": "centre", "effective_on": "2027-05-01", "issued_on": "2026-11-01", "abolished_on": "",
        "issuing_body": "", "responsible_body": "", "drafters": "", "note": "", "scope": "", "body-count": "0",
        "references-TOTAL_FORMS": "0", "references-INITIAL_FORMS": "0", "references-MIN_NUM_FORMS": "0", "references-MAX_NUM_FORMS": "1000",
        "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0", "attachments-MIN_NUM_FORMS": "0", "attachments-MAX_NUM_FORMS": "1000",
    }
    response = client.post("/admin/snippets/standards/standard/add/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    standard = Standard.objects.get(number="DB44/T 2500-2025")
    assert not standard.live and standard.revisions.count() == 1  # a draft until reviewed and published
    assert standard.get_workflow() is not None  # seeded: standards go through the review workflow
    assert client.get("/api/v1/standards/DB44-T-2500-2025/").status_code == 404

    form["number"] = "DB44/T 2500"
    bad = client.post("/admin/snippets/standards/standard/add/", form)
    assert bad.status_code == 200 and "格式不正确" in bad.content.decode()
