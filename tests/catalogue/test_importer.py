"""The 广东政务服务网 importer on real rows from ../shared/data."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from catalogue.choices import HandlingType, MatterType
from catalogue.importers.gdzwfw import split_conditions
from catalogue.models import CatalogueItem, DepartmentPage, MatterPage, SharedMaterial
from catalogue.time_limits import TimeLimitFormatError, parse_time_limit, speedup_rate

GD = settings.DATA_DIR / "gd_gdzwfw_matters_2021.jsonl"
ZS = settings.DATA_DIR / "zs_zhongshan_matters_2021_early.jsonl"
RADIO_CODE = "11440000696453330X2440104012001"  # line 20: 无线电频率使用许可（新申请）


def real_lines(path: Path, numbers) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [lines[n - 1] for n in numbers]


@pytest.fixture
def gd_file(tmp_path):
    path = tmp_path / "gd.jsonl"
    path.write_text("\n".join(real_lines(GD, range(15, 31))) + "\n", encoding="utf-8")
    return path


def run_import(*paths, **options):
    call_command("import_gdzwfw", *paths, stdout=open("/dev/null", "w"), **options)


def test_real_row_maps_every_field_the_data_has(db, gd_file):
    run_import(gd_file)
    matter = MatterPage.objects.live().get(code=RADIO_CODE)
    assert matter.title == "无线电频率使用许可（新申请）"
    assert matter.matter_type == MatterType.LICENSING
    assert matter.legal_limit_value == Decimal(30) and matter.legal_limit_unit == "working_days"
    assert matter.promised_limit_value == Decimal(10)
    assert matter.handling_type == HandlingType.PROMISED
    assert matter.speedup_rate == Decimal("0.6667")
    assert [m.name for m in matter.materials.all()] == [
        "《无线电频率使用申请表》(txt格式)",
        "申请单位出具的使用无线电频率申请公函",
        "《无线电频率使用申请表》(盖章电子件)",
        "依法使用无线电频率的承诺书",
    ]
    # the source has no material details: they stay 未注明 rather than invented
    first = matter.materials.first()
    assert first.necessity == "" and first.originals is None and first.copies is None
    assert matter.charges is None
    assert [loc.address for loc in matter.locations.all()] == ["广州市东风中路305号省政府5号楼13楼1315室、1317室、1320室"]
    assert {a.name for a in matter.alias_names.all()} == {"频率新申请", "无线电", "频率", "新申请"}
    assert matter.short_name == "频率新申请"
    assert [t.name for t in matter.themes.all()] == ["其他"]
    assert matter.source_url.startswith("http://bsxt.gdbs.gov.cn/")
    department = matter.get_parent().specific
    assert isinstance(department, DepartmentPage)
    assert (department.title, department.org_code, department.region.name) == ("广东省工业和信息化厅", "696453330", "广东省")
    assert matter.catalogue_item.code == "440104012001"
    assert matter.catalogue_item.parent.code == "44010401200Y"
    assert matter.live_revision is not None


def test_zhongshan_variant_is_read_by_content_not_by_field_name(db, tmp_path):
    path = tmp_path / "zs.jsonl"
    path.write_text("\n".join(real_lines(ZS, [2])) + "\n", encoding="utf-8")
    run_import(path)
    matter = MatterPage.objects.get(code="1144200032477691303440102004004")
    # `handle_type` holds the limit; `handle_time` holds office hours; `matter_short` holds 不收费
    assert matter.promised_limit_value == Decimal(1)
    assert matter.legal_limit_value is None
    assert matter.office_hours.startswith("周一至周五")
    assert matter.charges is False
    assert not matter.alias_names.filter(name="不收费").exists()
    assert matter.get_parent().specific.region.name == "中山市"
    assert matter.get_parent().specific.region.parent.name == "广东省"


def test_second_run_changes_nothing(db, gd_file):
    run_import(gd_file)
    revisions = Revision.objects.count()
    run_import(gd_file)
    assert Revision.objects.count() == revisions
    assert MatterPage.objects.count() == 16


def test_admin_edit_survives_a_rerun_of_the_same_file(db, gd_file):
    run_import(gd_file)
    matter = MatterPage.objects.get(code=RADIO_CODE)
    matter.consult_phone = "020-83133642（编辑已核实）"
    matter.save_revision().publish()
    run_import(gd_file)
    assert MatterPage.objects.get(code=RADIO_CODE).consult_phone == "020-83133642（编辑已核实）"


def test_changed_row_becomes_a_new_revision_and_waits_for_review(db, gd_file, tmp_path):
    run_import(gd_file)
    before = Revision.objects.filter(object_id=str(MatterPage.objects.get(code=RADIO_CODE).pk)).count()
    changed = tmp_path / "gd-2022.jsonl"
    lines = gd_file.read_text(encoding="utf-8").splitlines()
    row = json.loads(lines[5])
    assert row["TASK_CODE"] == RADIO_CODE
    row["handle_time_limit"] = "7(工作日)"
    lines[5] = json.dumps(row, ensure_ascii=False)
    changed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run_import(changed)
    matter = MatterPage.objects.get(code=RADIO_CODE)
    assert Revision.objects.filter(object_id=str(matter.pk)).count() == before + 1
    assert matter.promised_limit_value == Decimal(10)  # live version unchanged until reviewed
    assert matter.has_unpublished_changes
    assert matter.get_latest_revision_as_object().promised_limit_value == Decimal(7)


def test_broken_row_is_named_and_nothing_is_written(db, tmp_path):
    path = tmp_path / "broken.jsonl"
    good, bad = real_lines(GD, [1, 2])
    row = json.loads(bad)
    row["handle_time_limit"] = "四十(工作日)"
    path.write_text(good + "\n" + json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run_import(path)
    assert "第2行" in str(error.value) and "handle_time_limit" in str(error.value)
    assert MatterPage.objects.count() == 0 and DepartmentPage.objects.count() == 0 and CatalogueItem.objects.count() == 0


def test_promised_longer_than_legal_is_a_broken_row(db, tmp_path):
    row = json.loads(real_lines(GD, [1])[0])
    row["handle_time_limit"] = "45(工作日)"
    path = tmp_path / "longer.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match="不能长于法定办结时限"):
        run_import(path)
    assert MatterPage.objects.count() == 0


def test_oversized_value_is_a_broken_row_not_a_database_error(db, tmp_path):
    row = json.loads(real_lines(GD, [1])[0])
    row["consult_phone"] = "020-" + "1" * 1200
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第1行.*咨询电话"):
        run_import(path)


def test_not_json_is_reported_with_its_line(db, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(real_lines(GD, [1])[0] + "\n{not json\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第2行.*JSON"):
        run_import(path)


def test_materials_used_by_several_matters_become_shared_library_entries(db, tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(real_lines(GD, range(1, 201))) + "\n", encoding="utf-8")
    run_import(path)
    shared = SharedMaterial.objects.filter(uses__isnull=False).distinct()
    assert shared.exists()
    for material in shared[:5]:
        assert material.uses.values("page").distinct().count() >= 3
    # "which matters ask for 身份证?" is a plain ORM question
    assert MatterPage.objects.filter(materials__name__contains="身份证").distinct().exists()


@pytest.mark.parametrize(
    "text, value, unit",
    [("30(工作日)", Decimal(30), "working_days"), ("1 (工作日)", Decimal(1), "working_days"), ("90(自然日)", Decimal(90), "natural_days")],
)
def test_time_limit_parsing(text, value, unit):
    limit = parse_time_limit(text)
    assert (limit.value, limit.unit) == (value, unit)


def test_time_limit_empty_and_broken():
    assert parse_time_limit("无").value is None
    with pytest.raises(TimeLimitFormatError):
        parse_time_limit("三十个工作日左右")


def test_speedup_rate_compares_across_units():
    assert speedup_rate(parse_time_limit("20(工作日)"), parse_time_limit("5(工作日)")) == Decimal("0.7500")
    assert speedup_rate(parse_time_limit("无"), parse_time_limit("5(工作日)")) is None


def test_conditions_are_split_one_criterion_per_row():
    text = "申请人应当具备下列条件： 1.具有完全民事行为能力； 2.取得相应资格证书； （一）在本省就业"
    assert split_conditions(text) == ["申请人应当具备下列条件：", "1.具有完全民事行为能力", "2.取得相应资格证书", "（一）在本省就业"]
