"""A standard as a printable PDF: cover, 规范性引用文件, clauses with bookmarks; stored per published revision and
built when the standard is published."""

import datetime

import pytest

from cms.printing.models import PrintedFile
from standards.choices import StandardStatus
from standards.models import StandardReference
from standards.publishing import publish
from tests.standards.factories import make_standard

from .conftest import pdf_outline, pdf_text

CLAUSES = [
    ("clause", {"number": "1", "heading": "范围", "text": "本文件规定了政务服务中心综合窗口受理的要求。", "items": []}),
    ("clause", {"number": "4", "heading": "受理要求", "text": "窗口人员应按下列要求受理申请：",
                "items": ["核验申请人身份", "一次性告知需补正的材料"]}),
    ("clause", {"number": "4.1", "heading": "材料核验", "text": "材料齐全、符合法定形式的，当场受理。", "items": []}),
    ("clause", {"number": "4.2", "heading": "补正告知", "text": "材料不齐全的，出具补正材料通知书。", "items": []}),
    ("clause", {"number": "5", "heading": "评价与改进", "text": "每季度汇总好差评结果。", "items": []}),
]


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def standard(db, site_pages):
    cited = make_standard("GB/T 32169.3-2015", "政务服务中心运行规范 第3部分：窗口服务提供要求")
    return make_standard(
        "Q/ZWFW 30001-2026", "综合窗口受理服务规范", title_en="Specification for comprehensive window acceptance",
        issued_on=datetime.date(2026, 3, 1), effective_on=datetime.date(2026, 4, 1), issuing_body="测试市政务服务数据管理局",
        responsible_body="测试市政务服务中心", body=CLAUSES,
        references=[StandardReference(cited_number="GB/T 32169.3-2015", cited=cited, cited_title=cited.title, dated=True)],
    )


def get_pdf(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


def test_standard_pdf_cover_references_clauses_and_bookmarks(client, standard):
    url = f"/standards/{standard.slug}/standard.pdf"
    assert f'href="{url}"' in client.get(f"/standards/{standard.slug}/").content.decode()
    data = get_pdf(client, url)
    pages = [squeeze(p) for p in pdf_text(data)]
    cover = pages[0]
    for fact in ["Q/ZWFW30001-2026", "综合窗口受理服务规范", "现行", "发布日期2026-03-01", "实施日期2026-04-01",
                 "发布机构测试市政务服务数据管理局", "归口（负责）单位测试市政务服务中心", "comprehensivewindowacceptance"]:
        assert fact in cover, fact
    body = "".join(pages[1:])
    assert "规范性引用文件" in body and "GB/T32169.3-2015政务服务中心运行规范第3部分：窗口服务提供要求" in body
    assert body.index("规范性引用文件") < body.index("4受理要求") < body.index("4.1材料核验") < body.index("5评价与改进")
    assert "a)核验申请人身份" in body and "b)一次性告知需补正的材料" in body
    assert f"第1页/共{len(pages)}页" in pages[0] or f"第2页/共{len(pages)}页" in pages[1]

    outline = [(level, title) for level, title, _page in pdf_outline(data)]
    assert outline[0] == (1, "Q/ZWFW 30001-2026 综合窗口受理服务规范")
    assert (2, "规范性引用文件") in outline and (2, "4 受理要求") in outline and (3, "4.1 材料核验") in outline
    assert outline.index((2, "4 受理要求")) < outline.index((3, "4.1 材料核验")) < outline.index((2, "5 评价与改进"))


def test_stored_per_published_revision_and_built_on_publish(client, standard, settings, django_capture_on_commit_callbacks):
    url = f"/standards/{standard.slug}/standard.pdf"
    first = get_pdf(client, url)
    assert get_pdf(client, url) == first
    assert PrintedFile.objects.filter(variant="standard", object_id=standard.pk).count() == 1

    # A draft changes nothing in print.
    standard.title = "综合窗口受理服务规范（草稿）"
    standard.save_revision()
    assert "草稿" not in "".join(pdf_text(get_pdf(client, url)))

    # Publishing builds the new revision's file after commit (snippet `published` → printing service).
    settings.PRINT_BUILD_ON_PUBLISH = True
    standard.refresh_from_db()
    standard.title = "综合窗口受理服务规范（2026年修订）"
    with django_capture_on_commit_callbacks(execute=True):
        publish(standard)
    standard.refresh_from_db()
    printed = PrintedFile.objects.get(variant="standard", object_id=standard.pk, revision_id=standard.live_revision_id)
    assert printed.pages >= 2
    assert "（2026年修订）" in squeeze("".join(pdf_text(get_pdf(client, url))))
    assert PrintedFile.objects.filter(variant="standard", object_id=standard.pk).count() == 2


def test_draft_or_unknown_standard_pdf_is_404(client, standard):
    draft = make_standard("Q/ZWFW 30002-2026", "尚未发布的规范", status=StandardStatus.DRAFT)
    assert client.get(f"/standards/{draft.slug}/standard.pdf").status_code == 404
    assert client.get("/standards/Q-ZWFW-99999-2026/standard.pdf").status_code == 404
    assert not PrintedFile.objects.filter(object_id=draft.pk).exists()


def test_generated_procedure_of_a_real_matter_prints_each_chapter_once(client, site_pages, tmp_path):
    from catalogue.models import MatterPage
    from standards.procedures import generate_for
    from standards.system import seed_system

    from .conftest import MOST_MATERIALS_CODE, MOST_MATERIALS_LINE, import_real_rows

    import_real_rows(tmp_path, [MOST_MATERIALS_LINE])
    seed_system()
    matter = MatterPage.objects.get(code=MOST_MATERIALS_CODE)
    generate_for(matter)
    procedure = matter.generated_procedures.get()
    data = get_pdf(client, f"/standards/{procedure.slug}/standard.pdf")
    text = squeeze("".join(pdf_text(data)))
    assert f"{squeeze(matter.title)}办理规程" in squeeze(pdf_text(data)[0])
    assert text.count("本规程规定了") == 1  # the scope, once: the body's own chapter 1
    assert text.count("下列文件") == 1  # the references' preamble, once: the body's own chapter 2
    outline = [(level, title) for level, title, _page in pdf_outline(data)]
    assert (2, "1 范围") in outline and (2, "2 规范性引用文件") in outline
    assert (2, "范围") not in outline and (2, "规范性引用文件") not in outline
