"""WeasyPrint's URL fetcher: static and media files come from disk, nothing is fetched over the network."""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse


class PrintFetchError(ValueError):
    pass


def local_path(path: str) -> Path | None:
    """The file on disk behind a /static/… or /media/… path (never outside MEDIA_ROOT)."""
    path = unquote(path)
    if path.startswith(settings.STATIC_URL):
        relative = path[len(settings.STATIC_URL):]
        found = finders.find(relative)
        if found:
            return Path(found)
        candidate = Path(settings.STATIC_ROOT) / relative
        return candidate if candidate.is_file() else None
    if path.startswith(settings.MEDIA_URL):
        root = Path(settings.MEDIA_ROOT).resolve()
        candidate = (root / path[len(settings.MEDIA_URL):]).resolve()
        if root in candidate.parents and candidate.is_file():
            return candidate
    return None


class DiskOnlyFetcher(URLFetcher):
    """Serves /static/… and /media/… (with or without the site's host) from disk and data: URIs;
    refuses everything else, so rendering never waits on the network nor reaches an internal address."""

    def __init__(self, **kwargs):
        super().__init__(allowed_protocols=("data", "http", "https", "file"), allow_redirects=False, **kwargs)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parts = urlsplit(url)
        local = local_path(parts.path) if parts.scheme in ("http", "https", "file") else None
        if local is None:
            raise PrintFetchError(f"打印时不从网络读取资源：{url[:200]}")
        mime_type, _ = mimetypes.guess_type(local.name)
        return URLFetcherResponse(
            url, body=local.read_bytes(), headers={"Content-Type": mime_type or "application/octet-stream"}
        )


url_fetcher = DiskOnlyFetcher()
