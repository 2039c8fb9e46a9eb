"""The matter's printed documents, read back from the PDFs the site serves."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from catalogue.models import MatterPage
from cms.printing.models import PrintedFile

from .conftest import (
    BIGGEST_MIX_LINE,
    LONGEST_CONDITIONS_LINE,
    MOST_MATERIALS_CODE,
    MOST_MATERIALS_LINE,
    NO_MATERIALS_LINE,
    RADIO_CODE,
    RADIO_LINE,
    decode_qr,
    import_real_rows,
    pdf_outline,
    pdf_text,
)


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def real_matters(db, tmp_path):
    import_real_rows(tmp_path, [RADIO_LINE, MOST_MATERIALS_LINE, NO_MATERIALS_LINE])
    return MatterPage.objects.live()


def get_pdf(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


def test_handout_of_the_matter_with_most_materials(client, real_matters):
    matter = real_matters.get(code=MOST_MATERIALS_CODE)
    data = get_pdf(client, f"/m/{matter.code}/handout.pdf")
    pages = pdf_text(data)
    assert len(pages) <= 2
    text = squeeze("".join(pages))
    assert "一次性告知单" in text and squeeze(matter.title) in text
    assert matter.code in text
    assert "第1版" in text
    materials = [m.name for m in matter.materials.all()]
    assert len(materials) == 19
    for name in materials:
        assert squeeze(name) in text, name
    for heading in ("受理条件", "申请材料", "办理时限与收费", "法定办结时限", "承诺办结时限", "咨询电话", "投诉电话"):
        assert heading in text
    # every page carries the code, version, print time and the short URL
    for page in pages:
        page = squeeze(page)
        assert f"事项编码：{matter.code}" in page
        assert "版本：第1版" in page and "打印时间：" in page
        assert f"/m/{matter.code}/" in page


def test_the_longest_real_handouts_stay_within_two_pages(client, db, tmp_path):
    import_real_rows(tmp_path, [LONGEST_CONDITIONS_LINE, BIGGEST_MIX_LINE])
    for matter in MatterPage.objects.live():
        pages = pdf_text(get_pdf(client, f"/m/{matter.code}/handout.pdf"))
        assert len(pages) <= 2, matter.title
        text = squeeze("".join(pages))
        for condition in matter.conditions.all():
            assert squeeze(condition.text)[:30] in text


def test_short_handout_fits_one_page_with_tick_boxes(client, real_matters):
    matter = real_matters.get(code=RADIO_CODE)
    pages = pdf_text(get_pdf(client, f"/m/{matter.code}/handout.pdf"))
    assert len(pages) == 1
    assert pages[0].count("□") >= matter.materials.count()
    assert "30个工作日" in squeeze(pages[0]) and "10个工作日" in squeeze(pages[0])


def test_qr_code_opens_the_printed_version(client, real_matters, tmp_path):
    matter = real_matters.get(code=RADIO_CODE)
    data = get_pdf(client, f"/m/{matter.code}/handout.pdf")
    assert decode_qr(data, tmp_path) == [f"http://127.0.0.1:8000/m/{matter.code}/v/1/"]
    response = client.get(f"/m/{matter.code}/v/1/")
    assert response.status_code == 200
    assert "这是现行版本" in response.content.decode()


def test_matter_without_materials_still_prints(client, real_matters):
    matter = real_matters.get(materials__isnull=True)
    for name in ("handout.pdf", "guide.pdf", "large-print.pdf"):
        text = squeeze("".join(pdf_text(get_pdf(client, f"/m/{matter.code}/{name}"))))
        assert squeeze(matter.title) in text
    assert "无需提交申请材料" in text


def test_guide_has_running_header_page_numbers_and_bookmarks(client, real_matters):
    matter = real_matters.get(code=MOST_MATERIALS_CODE)
    data = get_pdf(client, f"/m/{matter.code}/guide.pdf")
    pages = pdf_text(data)
    assert len(pages) >= 2
    for n, page in enumerate(pages, start=1):
        assert matter.title in page and "办事指南" in page  # the running header (the body names it only on page 1)
        assert f"第 {n} 页 / 共 {len(pages)} 页" in page
    outline = pdf_outline(data)
    assert outline[0][:2] == (1, matter.title)
    titles = [title for level, title, _ in outline if level == 2]
    assert titles[:6] == ["一、基本信息", "二、受理条件", "三、申请材料", "四、办理流程", "五、办理时限", "六、收费"]
    materials_page = next(page for level, title, page in outline if title == "三、申请材料")
    assert "社会团体法人登记表" in pages[materials_page]


def test_large_print_body_is_at_least_16_points(client, real_matters):
    matter = real_matters.get(code=RADIO_CODE)
    data = get_pdf(client, f"/m/{matter.code}/large-print.pdf")
    reader = PdfReader(BytesIO(data))
    sizes = []  # (text, size in pt): WeasyPrint writes CSS px scaled by 0.75 in the current matrix

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            sizes.append((text, font_size * abs(cm[0] * tm[0])))

    reader.pages[0].extract_text(visitor_text=visit)
    names = [m.name[:6] for m in matter.materials.all()]
    body = [size for text, size in sizes if any(name in text for name in names)]
    assert body and min(body) >= 16 - 0.01
    assert "长辈版" in squeeze(reader.pages[0].extract_text())


def test_pdf_is_built_once_then_served_from_the_cache(client, real_matters):
    matter = real_matters.get(code=RADIO_CODE)
    first = get_pdf(client, f"/m/{matter.code}/handout.pdf")
    assert PrintedFile.objects.filter(object_id=matter.pk, variant="handout").count() == 1
    stored = PrintedFile.objects.get(object_id=matter.pk, variant="handout")
    second = get_pdf(client, f"/m/{matter.code}/handout.pdf")
    assert second == first  # the very same stored bytes (the print time inside would differ on a rebuild)
    assert PrintedFile.objects.filter(object_id=matter.pk, variant="handout").count() == 1
    assert stored.revision_id == matter.live_revision_id and stored.pages == 1


def test_new_version_prints_anew_and_old_qr_says_what_changed(client, real_matters, tmp_path, django_capture_on_commit_callbacks, settings):
    settings.PRINT_BUILD_ON_PUBLISH = True
    matter = real_matters.get(code=RADIO_CODE)
    get_pdf(client, f"/m/{matter.code}/handout.pdf")
    draft = matter.get_latest_revision_as_object()
    draft.promised_limit_value = 7
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    # publishing built the new version's files in the background (ImmediateBackend in tests)
    matter.refresh_from_db()
    built = set(PrintedFile.objects.filter(object_id=matter.pk, revision_id=matter.live_revision_id).values_list("variant", flat=True))
    assert built == {"handout", "guide", "large_print"}
    data = get_pdf(client, f"/m/{matter.code}/handout.pdf")
    text = squeeze(pdf_text(data)[0])
    assert "第2版" in text and "7个工作日" in text
    assert decode_qr(data, tmp_path) == [f"http://127.0.0.1:8000/m/{matter.code}/v/2/"]
    page = client.get(f"/m/{matter.code}/v/1/").content.decode()
    assert "已不是现行版本" in page and "此后有变化的内容" in page and "承诺办结时限" in page
    # the old version stays printable at its own address
    old = squeeze(pdf_text(get_pdf(client, f"/m/{matter.code}/v/1/handout.pdf"))[0])
    assert "第1版" in old and "10个工作日" in old


def test_bulk_import_builds_nothing_then_first_request_builds(client, db, tmp_path, django_capture_on_commit_callbacks, settings):
    settings.PRINT_BUILD_ON_PUBLISH = True  # on, as in production: the import's bulk mode is what skips the builds
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        import_real_rows(tmp_path, [RADIO_LINE, MOST_MATERIALS_LINE])
    assert PrintedFile.objects.count() == 0
    assert not [c for c in callbacks if "enqueue" in getattr(c, "__qualname__", "")]
    get_pdf(client, f"/m/{RADIO_CODE}/guide.pdf")
    assert PrintedFile.objects.count() == 1


@pytest.mark.parametrize(
    "url", ["/m/NOSUCHCODE/handout.pdf", f"/m/{RADIO_CODE}/nothing.pdf", f"/m/{RADIO_CODE}/v/9/handout.pdf", f"/m/{RADIO_CODE}/v/9/"]
)
def test_wrong_code_file_or_version_is_404(client, real_matters, url):
    assert client.get(url).status_code == 404
