"""The printing service itself: the CJK font check, the disk-only fetcher, the print menu slot."""

import subprocess

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.template.loader import render_to_string

from cms.printing import checks
from cms.printing.fetcher import DiskOnlyFetcher, PrintFetchError
from tests.factories import MatterPageFactory


def test_cjk_font_is_installed_and_glyphs_are_real(tmp_path):
    checks.cjk_fonts.cache_clear()
    assert checks.check_cjk_font(None) == []
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(_sample_pdf())
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "WenQuanYi" in fonts or "Noto" in fonts  # a real CJK font is embedded, not empty boxes
    assert "办事指南" in subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout


def _sample_pdf() -> bytes:
    from weasyprint import HTML

    from cms.printing.fetcher import DiskOnlyFetcher

    return HTML(string='<link rel="stylesheet" href="/static/css/print.css"><p>办事指南</p>', base_url="http://127.0.0.1:8000/",
                url_fetcher=DiskOnlyFetcher()).write_pdf()


def test_check_fails_loudly_without_a_cjk_font(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")  # fontconfig's fc-list cannot be found: no font known
    checks.cjk_fonts.cache_clear()
    try:
        errors = checks.check_cjk_font(None)
        assert [e.id for e in errors] == ["printing.E001"]
        assert "中文字体" in errors[0].msg
        with pytest.raises(SystemCheckError, match="printing.E001"):
            call_command("check")
    finally:
        checks.cjk_fonts.cache_clear()


def test_fetcher_reads_static_files_from_disk_and_refuses_the_network():
    fetcher = DiskOnlyFetcher()
    response = fetcher.fetch("http://127.0.0.1:8000/static/css/print.css")
    assert b"@page" in response.read()
    for url in ("https://example.com/logo.png", "http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:8000/admin/",
                "http://127.0.0.1:8000/media/../cms/settings/base.py"):
        with pytest.raises(PrintFetchError):
            fetcher.fetch(url)


def test_print_menu_links_the_three_pdfs(db):
    matter = MatterPageFactory(title="居民身份证申领")
    html = render_to_string("catalogue/includes/print_menu.html", {"page": matter})
    for name in ("handout.pdf", "large-print.pdf", "guide.pdf"):
        assert f"/m/{matter.code}/{name}" in html
    assert "一次性告知单" in html and 'media="print"' in html


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keep the migrations' root page for later tests
def test_thread_backend_builds_after_the_request_in_the_background(tmp_path, settings):
    """The backend dev and production use: the task runs in the web process's worker thread."""
    from django.contrib.contenttypes.models import ContentType

    from catalogue.models import MatterPage
    from cms.printing import task_backend
    from cms.printing.models import PrintedFile
    from cms.printing.tasks import build_print_files

    settings.MEDIA_ROOT = tmp_path / "media"
    matter = MatterPageFactory(title="居民身份证申领", materials=["居民户口簿"])
    backend = task_backend.ThreadBackend(alias="printing", params={})
    content_type = ContentType.objects.get_for_model(MatterPage)
    result = backend.enqueue(build_print_files, [content_type.pk, matter.pk, matter.live_revision_id], {})
    task_backend._executor.submit(lambda: None).result(timeout=120)  # one worker: FIFO, so the build is done
    assert result.status == "SUCCESSFUL", result.errors
    assert set(PrintedFile.objects.filter(object_id=matter.pk).values_list("variant", flat=True)) == {"handout", "guide", "large_print"}
