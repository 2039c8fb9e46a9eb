"""权责清单: built from the real matters, versioned, public pages, API, consistency report, XLSX round trip."""

import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from catalogue.models import MatterPage, PowerEntry
from catalogue.powers.build import consistency_report
from catalogue.spreadsheets.powers import import_powers
from tests.factories import MatterPageFactory, SuperUserFactory
from tests.lists.factories import RADIO_CITY, RADIO_LINES, RADIO_PROVINCE, import_real_lines

# lines 15–19 of the real data add 公共服务 and other types next to the 行政许可 of RADIO_LINES
LINES = (*RADIO_LINES, 15, 16, 17, 18, 19)


@pytest.fixture
def powers(site_pages, tmp_path):
    import_real_lines(tmp_path, LINES)
    call_command("build_powers", stdout=io.StringIO())
    return PowerEntry.objects.all()


def test_one_entry_per_power_matter_with_stages_and_a_published_revision(powers):
    power_matters = MatterPage.objects.exclude(matter_type__in=["20", "11"])
    assert powers.count() == power_matters.count() >= 4
    entry = PowerEntry.objects.get(matter__code=RADIO_PROVINCE)
    assert entry.name == "无线电频率使用许可（新申请）"
    assert entry.get_power_type_display() == "行政许可"
    assert entry.department.title == "广东省工业和信息化厅"
    assert [r.get_stage_display() for r in entry.responsibilities.all()] == ["受理", "审查", "决定", "送达", "事后监管"]
    decide = entry.responsibilities.get(stage="decide")
    assert decide.basis.startswith("《中华人民共和国行政许可法》第三十七条")
    assert decide.accountability_cases and decide.accountability_basis
    assert entry.live and entry.live_revision is not None and entry.revisions.count() == 1
    # idempotent
    out = io.StringIO()
    call_command("build_powers", stdout=out)
    assert "新建职权 0 项" in out.getvalue() and PowerEntry.objects.count() == powers.count()
    assert consistency_report().is_consistent


def test_consistency_report_names_the_mismatches(powers):
    entry = PowerEntry.objects.get(matter__code=RADIO_CITY)
    entry.power_type = "07"
    entry.save()
    orphan = PowerEntry.objects.get(matter__code=RADIO_PROVINCE)
    orphan.matter = None
    orphan.save()
    report = consistency_report()
    assert [m.code for m in report.matters_without_entry] == [RADIO_PROVINCE]
    assert report.entries_without_matter == [orphan]
    assert report.mismatched == [(entry, ["职权类型为行政确认，事项类型为行政许可"])]


def test_public_pages_and_api(powers, client):
    entry = PowerEntry.objects.get(matter__code=RADIO_PROVINCE)
    html = client.get("/quanze/?department=" + entry.department.org_code).content.decode()
    assert "权责清单：广东省工业和信息化厅" in html and "无线电频率使用许可（新申请）" in html
    html = client.get(f"/quanze/{entry.code}/").content.decode()
    assert "事后监管" in html and "廉政风险点" in html and "追责依据" in html
    assert client.get("/quanze/NOPE/").status_code == 404
    data = client.get("/api/v1/powers/?department=" + entry.department.org_code).json()
    assert entry.code in [e["code"] for e in data["results"]]
    detail = client.get(f"/api/v1/powers/{entry.code}/").json()
    assert detail["type"] == "行政许可" and detail["responsibilities"][0]["stage"] == "受理"
    assert client.get("/api/v1/powers/NOPE/").status_code == 404


def _export(client):
    return client.get("/quanze/xiazai.xlsx").content


def test_xlsx_export_imports_back_unchanged(powers, client):
    data = _export(client)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["职权", "责任事项"]
    assert [c.value for c in book["职权"][1]][:3] == ["职权编码", "职权名称", "职权类型"]
    result = import_powers(data)
    assert result.ok and result.created == [] and result.updated == [] and result.unchanged == powers.count()


def test_one_bad_cell_rejects_the_whole_file(powers, client):
    book = load_workbook(io.BytesIO(_export(client)))
    book["职权"]["B2"] = "改过的名称"
    book["职权"]["C3"] = "行政许可证"  # not in the code table
    out = io.BytesIO()
    book.save(out)
    revisions = {e.pk: e.revisions.count() for e in PowerEntry.objects.all()}
    result = import_powers(out.getvalue())
    assert not result.ok
    assert [str(p) for p in result.problems] == [
        "工作表“职权”第3行“职权类型”列：“行政许可证”不在代码表中，可选：行政许可、行政处罚、行政强制、行政征收、行政给付、行政检查、行政确认、行政奖励、行政裁决、其他行政权力"
    ]
    assert {e.pk: e.revisions.count() for e in PowerEntry.objects.all()} == revisions
    assert not PowerEntry.objects.filter(name="改过的名称").exists()


def test_admin_upload_applies_changes_as_revisions(powers, client):
    book = load_workbook(io.BytesIO(_export(client)))
    code = book["职权"]["A2"].value
    book["职权"]["K2"] = "新的廉政风险点"
    out = io.BytesIO()
    book.save(out)
    out.name = "quanze.xlsx"
    out.seek(0)
    client.force_login(SuperUserFactory(username="admin"))
    html = client.post("/admin/powers/import/", {"file": out}).content.decode()
    assert "导入完成：新增 0 项，修改 1 项" in html
    entry = PowerEntry.objects.get(code=code)
    assert entry.integrity_risks != "新的廉政风险点"  # the live entry waits for review
    assert entry.get_latest_revision_as_object().integrity_risks == "新的廉政风险点"
    html = client.post("/admin/powers/import/", {"file": io.BytesIO(b"not a spreadsheet")}).content.decode()
    assert "不是有效的 XLSX 电子表格" in html


def test_penalty_entries_get_the_penalty_stages(site_pages):
    from catalogue.powers.build import build_powers

    MatterPageFactory(title="对违法行为的处罚", matter_type="02")
    build_powers()
    entry = PowerEntry.objects.get(name="对违法行为的处罚")
    assert [r.get_stage_display() for r in entry.responsibilities.all()] == ["立案", "调查取证", "审理", "告知", "决定", "送达", "执行"]


def test_admin_edit_of_a_power_entry_is_a_draft_revision(powers, client):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    entry = PowerEntry.objects.get(matter__code=RADIO_PROVINCE)
    client.force_login(SuperUserFactory(username="admin"))
    assert client.get(f"/admin/snippets/catalogue/powerentry/edit/{entry.pk}/").status_code == 200
    duties = [
        {"id": r.pk, "stage": r.stage, "duty": r.duty, "basis": r.basis, "accountability_cases": r.accountability_cases,
         "accountability_basis": r.accountability_basis, "ORDER": i}
        for i, r in enumerate(entry.responsibilities.all())
    ]
    data = nested_form_data({
        "code": entry.code, "name": entry.name, "power_type": entry.power_type, "matter": entry.matter_id,
        "department": entry.department_id, "handling_body": entry.handling_body, "exercise_level": entry.exercise_level,
        "power_source": entry.power_source, "flow_description": entry.flow_description, "integrity_risks": "草稿中的风险点",
        "bases": inline_formset([]), "responsibilities": inline_formset(duties, initial=len(duties)),
    })
    response = client.post(f"/admin/snippets/catalogue/powerentry/edit/{entry.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    entry.refresh_from_db()
    assert entry.integrity_risks != "草稿中的风险点" and entry.has_unpublished_changes
    assert entry.get_latest_revision_as_object().integrity_risks == "草稿中的风险点"
    assert entry.revisions.count() == 2


def test_admin_snippet_pages_render(powers, client):
    client.force_login(SuperUserFactory(username="admin"))
    for url in (
        "/admin/snippets/catalogue/matterlist/add/", "/admin/snippets/catalogue/powerentry/add/",
        "/admin/snippets/catalogue/unifiedelementset/add/", "/admin/snippets/catalogue/powerentry/",
        "/admin/powers/import/", "/admin/implementation/import/", "/admin/lists/deviations/",
    ):
        assert client.get(url).status_code == 200, url
