"""The 办理规程 generated from a real matter's published guide, and its new edition when the guide changes."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import ModelLogEntry

from catalogue.models import MatterMaterial, MatterPage
from standards.choices import StandardSource, StandardStatus
from standards.documents import standard_document
from standards.models import Standard
from standards.procedures import generate_all
from tests.factories import SuperUserFactory

GD = settings.DATA_DIR / "gd_gdzwfw_matters_2021.jsonl"
CSV = settings.DATA_DIR / "national_service_standards.csv"
RADIO_CODE = "11440000696453330X2440104012001"  # line 20: 无线电频率使用许可（新申请）
TODAY = datetime.date(2026, 11, 30)


@pytest.fixture
def real_matters(db, tmp_path):
    lines = GD.read_text(encoding="utf-8").splitlines()[14:30]
    path = tmp_path / "gd.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    call_command("import_gdzwfw", path, stdout=io.StringIO())
    call_command("import_standards", CSV, stdout=io.StringIO())
    return MatterPage.objects.live()


def body_text(standard) -> str:
    return "\n".join(
        " ".join([c.value["number"], c.value["heading"], c.value["text"], *c.value["items"]]) for c in standard.body
    )


def test_every_matter_gets_a_procedure_with_its_materials(real_matters, client):
    result = generate_all(today=TODAY)
    assert result.created == real_matters.count() == 16
    matter = MatterPage.objects.get(code=RADIO_CODE)
    procedure = Standard.objects.get(generated_for=matter)
    assert procedure.number.startswith("Q/ZWFW 300") and procedure.number.endswith("-2026")
    assert procedure.title == "无线电频率使用许可（新申请）办理规程"
    assert procedure.status == StandardStatus.CURRENT and procedure.live and procedure.source == StandardSource.GENERATED
    assert procedure.category.code == "302"
    assert list(procedure.matters.all()) == [matter]
    text = body_text(procedure)
    for heading in ("范围", "规范性引用文件", "受理条件", "申请材料", "办理流程", "办理时限", "收费", "服务评价"):
        assert heading in text
    for material in ("《无线电频率使用申请表》(txt格式)", "申请单位出具的使用无线电频率申请公函", "依法使用无线电频率的承诺书"):
        assert material in text
    assert "法定办结时限：30个工作日" in text and "承诺办结时限：10个工作日" in text
    assert RADIO_CODE in text
    # undated references resolve to the imported national standards
    references = {r.cited_number: r for r in procedure.references.all()}
    assert references["GB/T 39734"].cited.number == "GB/T 39734-2020" and not references["GB/T 39734"].dated
    # what the site search indexes for it
    document = standard_document(procedure)
    assert document["kind"] == "standard" and document["name"].startswith("Q/ZWFW 300") and document["type_label"] == "服务标准"
    assert "依法使用无线电频率的承诺书" in " ".join(document["body"]) and "现行" in document["themes"]
    assert document["facets"] == {"kind": ["standard"]} and document["code"] == f"std-{procedure.pk}"
    assert document["url"] == f"/standards/{procedure.slug}/"
    # created in bulk, yet a normal Wagtail object: its revision loads, the admin edits it and shows its history
    assert procedure.live_revision == procedure.latest_revision and procedure.revisions.count() == 1
    assert procedure.live_revision.as_object().title == procedure.title
    assert [e.action for e in ModelLogEntry.objects.filter(object_id=str(procedure.pk)).order_by("pk")] == ["wagtail.create", "wagtail.publish"]
    client.force_login(SuperUserFactory())
    assert "无线电频率使用许可（新申请）办理规程" in client.get(f"/admin/snippets/standards/standard/edit/{procedure.pk}/").content.decode()
    assert client.get(f"/admin/snippets/standards/standard/history/{procedure.pk}/").status_code == 200
    # numbers are unique and consecutive in the centre's series
    serials = sorted(Standard.objects.filter(source=StandardSource.GENERATED).values_list("serial", flat=True))
    assert serials == list(range(30001, 30017))


def test_regeneration_is_idempotent_and_a_changed_guide_gives_a_new_edition(real_matters):
    generate_all(today=TODAY)
    again = generate_all(today=TODAY)
    assert again.created == 0 and again.new_editions == 0 and again.unchanged == 16

    matter = MatterPage.objects.get(code=RADIO_CODE)
    old = Standard.objects.get(generated_for=matter)
    # an editor adds a material and publishes the guide
    draft = matter.get_latest_revision_as_object()
    draft.materials.add(MatterMaterial(name="无线电台（站）设置使用申请表", sort_order=9))
    draft.save_revision().publish()

    result = generate_all(today=TODAY + datetime.timedelta(days=3))
    assert result.new_editions == 1 and result.unchanged == 15
    old.refresh_from_db()
    new = Standard.objects.get(generated_for=matter, status=StandardStatus.CURRENT)
    assert new.pk != old.pk and new.serial == old.serial
    assert new.number == f"Q/ZWFW {old.serial}-2027"  # the 2026 number is taken by the replaced edition
    assert old.status == StandardStatus.ABOLISHED and old.abolished_on == TODAY + datetime.timedelta(days=3)
    assert list(new.replaces.all()) == [old] and list(old.replaced_by.all()) == [new]
    assert [s.number for s in old.edition_chain()] == [old.number, new.number]
    assert "无线电台（站）设置使用申请表" in body_text(new) and "无线电台（站）设置使用申请表" not in body_text(old)
    assert old.revisions.count() == 2  # abolition is a published revision: history shows it


def test_command_reports_counts(real_matters):
    out = io.StringIO()
    call_command("generate_procedures", stdout=out)
    assert "新建办理规程 16 项" in out.getvalue()
