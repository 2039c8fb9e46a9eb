"""The 实施清单 template: export → import = 0 changes; one bad cell rejects the file; dry run; revisions."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from catalogue.models import MatterPage
from catalogue.spreadsheets.implementation import export_workbook, import_workbook
from tests.factories import SuperUserFactory
from tests.lists.factories import RADIO_LINES, RADIO_PROVINCE, import_real_lines

LINES = (*RADIO_LINES, 15, 16, 17, 18, 19, 439)  # 439: a 即办件


@pytest.fixture
def matters(site_pages, tmp_path):
    import_real_lines(tmp_path, LINES)
    return MatterPage.objects.all()


def _edited(data: bytes, **cells) -> bytes:
    """The workbook with cells changed: sheet__A1=value."""
    book = load_workbook(io.BytesIO(data))
    for key, value in cells.items():
        sheet, cell = key.split("__")
        book[sheet][cell] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _column(book_bytes, sheet, header):
    ws = load_workbook(io.BytesIO(book_bytes))[sheet]
    headers = [c.value for c in ws[1]]
    return ws.cell(row=1, column=headers.index(header) + 1).column_letter


def test_template_has_a_sheet_per_part_with_code_lists(matters):
    book = load_workbook(io.BytesIO(export_workbook(matters)))
    assert book.sheetnames == ["事项", "申请材料", "办理流程", "收费", "设定依据", "常见问题"]
    headers = [c.value for c in book["事项"][1]]
    assert headers[:3] == ["实施编码", "事项名称", "实施主体编码"] and "承诺办结时限" in headers
    validations = {dv.formula1 for dv in book["事项"].data_validations.dataValidation}
    assert '"行政许可,行政处罚,行政强制,行政征收,行政给付,行政检查,行政确认,行政奖励,行政裁决,其他行政权力,行政备案,公共服务"' in validations
    assert book["申请材料"].max_row > 1


def test_export_imported_unchanged_is_zero_changes(matters):
    report = import_workbook(export_workbook(matters))
    assert report.ok, [str(p) for p in report.problems]
    assert report.changes == [] and report.unchanged == matters.count()


def test_one_bad_cell_rejects_the_whole_file_naming_sheet_row_and_column(matters):
    data = export_workbook(matters)
    type_col = _column(data, "事项", "事项类型")
    necessity_col = _column(data, "申请材料", "必要性")
    bad = _edited(data, **{"事项__B2": "改了名字", f"事项__{type_col}3": "行政批准", f"申请材料__{necessity_col}4": "可有可无"})
    before = {m.pk: m.revisions.count() for m in matters}
    report = import_workbook(bad)
    assert [str(p) for p in report.problems] == [
        "工作表“事项”第3行“事项类型”列：“行政批准”不在代码表中，可选：行政许可、行政处罚、行政强制、行政征收、行政给付、行政检查、行政确认、行政奖励、行政裁决、其他行政权力、行政备案、公共服务",
        "工作表“申请材料”第4行“必要性”列：“可有可无”不在代码表中，可选：必要、非必要、容缺后补",
    ]
    assert {m.pk: m.revisions.count() for m in matters} == before
    assert not MatterPage.objects.filter(title="改了名字").exists()


def test_promise_longer_than_the_legal_limit_and_unknown_references_are_refused(matters):
    data = export_workbook(matters)
    ws = load_workbook(io.BytesIO(data))["事项"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == RADIO_PROVINCE)
    promised = _column(data, "事项", "承诺办结时限")
    bad = _edited(data, **{f"事项__{promised}{row}": "45", "办理流程__A2": "NO-SUCH-CODE", "办理流程__B2": "1", "办理流程__C2": "受理"})
    problems = [str(p) for p in import_workbook(bad).problems]
    assert f"工作表“事项”第{row}行“承诺办结时限”列：承诺办结时限（45个工作日）不能长于法定办结时限（30个工作日）。" in problems
    assert "工作表“办理流程”第2行“实施编码”列：“NO-SUCH-CODE”不在“事项”工作表中" in problems


def test_dry_run_shows_the_diff_and_apply_makes_revisions_for_review(matters):
    data = export_workbook(matters)
    ws = load_workbook(io.BytesIO(data))["事项"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == RADIO_PROVINCE)
    promised = _column(data, "事项", "承诺办结时限")
    changed = _edited(data, **{f"事项__{promised}{row}": "8"})
    dry = import_workbook(changed, dry_run=True)
    assert [(c.code, c.fields) for c in dry.changes] == [(RADIO_PROVINCE, [("承诺办结时限", "10", "8")])]
    matter = MatterPage.objects.get(code=RADIO_PROVINCE)
    assert matter.get_latest_revision_as_object().promised_limit_value == 10

    applied = import_workbook(changed)
    assert applied.applied and len(applied.changes) == 1
    matter.refresh_from_db()
    assert matter.promised_limit_value == 10 and matter.get_latest_revision_as_object().promised_limit_value == 8
    assert matter.workflow_in_progress
    # the edited file imported again: nothing left to change
    assert import_workbook(changed).changes == []


def test_command_and_admin_page(matters, tmp_path, client):
    path = tmp_path / "清单.xlsx"
    call_command("export_implementation_list", path, stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_implementation_list", path, "--dry-run", stdout=out)
    assert "0 个事项有变化" in out.getvalue()
    with pytest.raises(CommandError, match="须由管理员"):
        call_command("import_implementation_list", path, "--publish", stdout=io.StringIO())
    client.force_login(SuperUserFactory(username="admin"))
    exported = client.get("/admin/implementation/export/?type=01").content
    assert load_workbook(io.BytesIO(exported))["事项"].max_row - 1 == matters.filter(matter_type="01").count()
    upload = io.BytesIO(_edited(exported, 事项__B2="改名后的事项"))
    upload.name = "x.xlsx"
    html = client.post("/admin/implementation/import/", {"file": upload, "dry_run": "on"}).content.decode()
    assert "试运行（未作修改）：1 个事项有变化" in html and "改名后的事项" in html
