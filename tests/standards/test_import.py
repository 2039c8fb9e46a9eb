"""The national CSV and the XLSX 标准明细表: all or nothing, with the line and column of a bad cell."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from standards.choices import StandardStatus
from standards.importers import StandardImportError, export_xlsx, read_xlsx, write_records
from standards.models import Standard

CSV = settings.DATA_DIR / "national_service_standards.csv"


def run(*args):
    out = io.StringIO()
    call_command("import_standards", *args, stdout=out)
    return out.getvalue()


def test_national_csv_imports_every_row_with_its_replacement_chain(db):
    lines = CSV.read_text(encoding="utf-8").splitlines()
    output = run(CSV)
    assert f"新增 {len(lines) - 1} 项" in output
    old = Standard.objects.get(number="GB/T 24421.2-2009")
    new = Standard.objects.get(number="GB/T 24421.2-2023")
    assert old.status == StandardStatus.ABOLISHED and new.status == StandardStatus.CURRENT
    assert list(new.replaces.all()) == [old] and list(old.replaced_by.all()) == [new]
    assert old.abolished_on == datetime.date(2023, 3, 17)  # from the replacing edition's effective date
    assert [s.number for s in old.edition_chain()] == ["GB/T 24421.2-2009", "GB/T 24421.2-2023"]
    assert new.category.code == "100" and new.live and new.revisions.count() == 1
    assert Standard.objects.get(number="GB/T 32168-2015").effective_on == datetime.date(2016, 5, 1)
    # ordering: 2009 before 2023, GB/T 24421 before GB/T 32168
    numbers = list(Standard.objects.values_list("number", flat=True))
    assert numbers.index("GB/T 24421.2-2009") < numbers.index("GB/T 24421.2-2023") < numbers.index("GB/T 32168-2015")


def test_reimport_changes_nothing_and_keeps_editor_edits(db):
    run(CSV)
    standard = Standard.objects.get(number="GB/T 36113-2018")
    standard.title_en = "Complaint handling for government service centers"
    standard.save()
    output = run(CSV)
    assert "新增 0 项，更新 0 项" in output
    standard.refresh_from_db()
    assert standard.title_en == "Complaint handling for government service centers"
    assert standard.revisions.count() == 1


def test_broken_row_names_line_and_column_and_imports_nothing(db, tmp_path):
    lines = CSV.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace("现行", "生效中")  # line 6 of the file
    lines[8] = lines[8].replace("2018-03-15", "2018-13-45")  # line 9
    broken = tmp_path / "broken.csv"
    broken.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run(broken)
    message = str(error.value)
    assert "第6行，字段“status”" in message and "生效中" in message
    assert "第9行，字段“issued”" in message
    assert Standard.objects.count() == 0


def test_unknown_replacement_is_refused(db, tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("number,title,issued,effective,status,replaces,replaced_by,category,note\n"
                    "GB/T 1-2020,某标准,,,现行,GB/T 1-2009,,服务提供,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第2行，字段“replaces”：找不到标准 GB/T 1-2009"):
        run(path)
    assert not Standard.objects.exists()


def test_xlsx_round_trip_and_broken_cell(db, tmp_path):
    run(CSV)
    data = export_xlsx()
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "标准明细表"
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["序号", "标准编号", "标准名称", "英文名称", "体系类别", "状态"]
    rows = {r[1]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["GB/T 24421.2-2023"][header.index("代替标准")] == "GB/T 24421.2-2009"
    assert rows["GB/T 24421.2-2009"][header.index("状态")] == "废止"

    # an editor edits the sheet: a new centre standard and a changed title
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.active
    sheet.append([None, "Q/ZWFW 1001-2026", "窗口服务规范", "", "303", "现行", datetime.date(2026, 1, 5), datetime.date(2026, 2, 1),
                  None, "政务服务中心", "中心办公室", "张三", "区、镇"])
    path = tmp_path / "edited.xlsx"
    workbook.save(path)
    result = write_records(read_xlsx(path), keep_edits=False)
    assert result.created == 1
    window_standard = Standard.objects.get(number="Q/ZWFW 1001-2026")
    assert window_standard.category.code == "303" and [lv.name for lv in window_standard.levels.all()] == ["区", "镇"]
    assert window_standard.source == "centre"

    sheet.cell(row=sheet.max_row, column=6, value="试行")
    sheet.cell(row=3, column=2, value="GB/T 32169")
    workbook.save(path)
    with pytest.raises(StandardImportError) as error:
        read_xlsx(path)
    message = str(error.value)
    assert "工作表“标准明细表”第3行，字段“标准编号”" in message
    assert f"第{sheet.max_row}行，字段“状态”" in message


def test_not_a_workbook_is_a_clear_error(db, tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"not a workbook")
    with pytest.raises(StandardImportError, match="不是有效的 XLSX 文件"):
        read_xlsx(path)
    empty = Workbook()
    empty.active.append(["标准编号"])
    empty.save(path)
    with pytest.raises(StandardImportError, match="缺少这些列"):
        read_xlsx(path)


def test_export_and_import_commands_round_trip(db, tmp_path):
    run(CSV)
    path = tmp_path / "标准明细表.xlsx"
    call_command("export_standards", path, stdout=io.StringIO())
    Standard.objects.filter(number="GB/T 39045-2020").update(title="改错的名称")
    output = run(path)  # an XLSX is the editors' table: it wins over edits made since
    assert "更新 1 项" in output
    assert Standard.objects.get(number="GB/T 39045-2020").title == "行政许可满意度测评指南"
