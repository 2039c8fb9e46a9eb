"""render_pdf(template, context): the one way HTML becomes PDF in this project."""

import hashlib
from functools import lru_cache
from pathlib import Path

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template import loader
from django.utils import timezone
from weasyprint import HTML

from .fetcher import DiskOnlyFetcher

PRINT_CSS = ["css/print.css"]


def render_html(template_name: str, context: dict) -> str:
    context = {"print_time": timezone.localtime(), "base_url": settings.BASE_URL.rstrip("/"), **context}
    return loader.render_to_string(template_name, context)


def render_document(template_name: str, context: dict):
    """The laid-out WeasyPrint document (pages, bookmarks) before it is written out."""
    html = render_html(template_name, context)
    return HTML(string=html, base_url=settings.BASE_URL, url_fetcher=DiskOnlyFetcher()).render()


def render_pdf(template_name: str, context: dict) -> bytes:
    return render_document(template_name, context).write_pdf()


def css_string(text: str) -> str:
    """Text for a CSS string literal ("…") inside the print template's <style>: no way out of the quotes or
    the style element."""
    return " ".join(str(text).split()).replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")


def qr_svg_data_uri(url: str, size_mm: float = 20) -> str:
    """A QR code as an SVG data URI (vector, so it stays sharp on paper)."""
    qr = segno.make(url, error="m", micro=False)
    modules = qr.symbol_size(scale=1, border=2)[0]
    return qr.svg_data_uri(scale=size_mm / modules, border=2, unit="mm")


@lru_cache(maxsize=32)
def template_version(*template_names: str) -> str:
    """A short fingerprint of the templates and print CSS: a changed layout makes new files, never stale ones."""
    digest = hashlib.sha256()
    for name in template_names:
        digest.update(Path(loader.get_template(name).origin.name).read_bytes())
    for css in PRINT_CSS:
        found = finders.find(css)
        if found:
            digest.update(Path(found).read_bytes())
    return digest.hexdigest()[:12]
