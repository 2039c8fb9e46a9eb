"""A list release as a PDF: landscape A4 table of its frozen rows, through the printing service's cache."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from catalogue.lists.releases import publish_release
from catalogue.models import MatterPage
from catalogue.models.lists import ListKind, MatterList
from cms.printing.models import PrintedFile

from .conftest import import_real_rows, pdf_text

REAL_LINES = list(range(1, 61))  # the first 60 matters of the real province corpus


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def release(db, site_pages, tmp_path):
    import_real_rows(tmp_path, REAL_LINES)
    matter_list = MatterList.objects.create(title="政务服务事项目录", slug="quanbu", kind=ListKind.ALL)
    return publish_release(matter_list, label="2026年版", note="首次发布，含省级事项")


def get_pdf(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


def test_release_pdf_is_a_landscape_table_of_the_frozen_rows(client, release):
    url = "/qingdan/quanbu/banben/1/xiazai.pdf"
    html = client.get("/qingdan/quanbu/banben/1/").content.decode()
    assert f'href="{url}"' in html  # linked next to XLSX and CSV, on the release and in the release history
    assert f'href="{url}"' in client.get("/qingdan/quanbu/banben/").content.decode()

    data = get_pdf(client, url)
    reader = PdfReader(BytesIO(data))
    box = reader.pages[0].mediabox
    assert round(float(box.width)) == 842 and round(float(box.height)) == 595  # A4 landscape, in points
    pages = [squeeze(p) for p in pdf_text(data)]
    total = len(pages)
    assert total >= 2 and release.count == 60
    assert "政务服务事项目录（2026年版）" in pages[0]
    assert "第1版，2026" in pages[0] and "共60项" in pages[0] and "发布说明：首次发布，含省级事项" in pages[0]
    for n, page in enumerate(pages, start=1):
        assert f"第{n}页/共{total}页" in page
        assert page.count("政务服务事项目录（2026年版）") >= 1  # running header on every page
        assert "实施编码" in page and "事项名称" in page  # the table head repeats
    text = "".join(pages)
    # every frozen row is printed, in release order, with its number
    for row in release.rows:
        assert squeeze(row["code"]) in text, row["code"]
    assert text.index(release.rows[0]["code"]) < text.index(release.rows[-1]["code"])
    assert f"60{squeeze(release.rows[-1]['code'])}" in text

    # stored once per (release, template version): a second request serves the same file
    assert PrintedFile.objects.filter(variant="release_table", object_id=release.pk, revision_id=0).count() == 1
    assert get_pdf(client, url) == data
    assert PrintedFile.objects.filter(variant="release_table").count() == 1


def test_release_pdf_shows_the_frozen_rows_not_the_live_matters(client, release):
    matter = MatterPage.objects.get(code=release.rows[0]["code"])
    old_title = matter.title
    matter.title = "改名后的事项"
    matter.save_revision().publish()
    second = publish_release(release.matter_list, label="2027年版")
    first_text = squeeze("".join(pdf_text(get_pdf(client, "/qingdan/quanbu/banben/1/xiazai.pdf"))))
    second_text = squeeze("".join(pdf_text(get_pdf(client, "/qingdan/quanbu/banben/2/xiazai.pdf"))))
    assert squeeze(old_title) in first_text and "改名后的事项" not in first_text
    assert "改名后的事项" in second_text and "第2版" in second_text and second.count == 60


def test_publishing_a_release_builds_its_pdf_after_the_commit(client, release, settings, django_capture_on_commit_callbacks):
    settings.PRINT_BUILD_ON_PUBLISH = True
    with django_capture_on_commit_callbacks(execute=True):
        second = publish_release(release.matter_list, label="2027年版", note="第二次发布")
    printed = PrintedFile.objects.get(variant="release_table", object_id=second.pk)
    assert printed.pages >= 2
    assert not PrintedFile.objects.filter(object_id=release.pk).exists()  # release 1 was published with builds off
    data = get_pdf(client, "/qingdan/quanbu/banben/2/xiazai.pdf")
    assert data == printed.file.open("rb").read()
    assert "发布说明：第二次发布" in squeeze(pdf_text(data)[0])


def test_unknown_format_or_release_is_404(client, release):
    assert client.get("/qingdan/quanbu/banben/1/xiazai.doc").status_code == 404
    assert client.get("/qingdan/quanbu/banben/9/xiazai.pdf").status_code == 404
    assert client.get("/qingdan/no-such/banben/1/xiazai.pdf").status_code == 404
    assert not PrintedFile.objects.exists()
