"""Printed documents of a matter: a request serves the stored PDF of the published version, or builds it once."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import select_template
from wagtail.models import Revision

from cms.printing.cache import get_or_build, stored

from .models import MatterPage
from .printing import VARIANTS, print_urls, published_versions, version_url
from .versions_diff import changed_fields


def _live_matter(code: str) -> MatterPage:
    matter = MatterPage.objects.live().only("id", "code", "title", "live_revision_id", "path", "depth").filter(code=code).first()
    if matter is None or not matter.live_revision_id:
        raise Http404("没有这个实施编码的事项")
    return matter


def _pdf_response(printed, filename: str) -> FileResponse:
    response = FileResponse(printed.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=300"
    return response


def matter_pdf(request, code: str, filename: str):
    variant = VARIANTS.get(filename)
    if variant is None:
        raise Http404("没有这种打印文档")
    matter = _live_matter(code)
    printed = _stored_or_build(matter, matter.live_revision_id, variant)
    return _pdf_response(printed, f"{code}-{filename}")


def _stored_or_build(matter, revision_id: int, variant: str):
    """The hot path reads two rows (matter, stored file); the revision is loaded only to build."""
    printed = stored(matter, revision_id, variant)
    if printed is None:
        printed = get_or_build(matter, Revision.objects.get(pk=revision_id), variant)
    return printed


def _version(matter, number: int):
    versions = published_versions(matter)
    if not 1 <= number <= len(versions):
        raise Http404("没有这个版本")
    return versions[number - 1], versions


def matter_version_pdf(request, code: str, number: int, filename: str):
    variant = VARIANTS.get(filename)
    if variant is None:
        raise Http404("没有这种打印文档")
    matter = _live_matter(code)
    version, _ = _version(matter, number)
    printed = _stored_or_build(matter, version.revision_id, variant)
    return _pdf_response(printed, f"{code}-v{number}-{filename}")


def matter_print_version(request, code: str, number: int):
    """Where the QR code on paper leads: is this printed version still current, and if not, what changed."""
    matter = get_object_or_404(MatterPage.objects.live(), code=code)
    version, versions = _version(matter, number)
    current = versions[-1]
    changes = []
    if current.number != version.number:
        old = Revision.objects.get(pk=version.revision_id).content
        new = Revision.objects.get(pk=current.revision_id).content
        changes = changed_fields(old, new)
    context = {
        "base_template": select_template(["base.html", "printing/site_base_fallback.html"]),
        "matter": matter,
        "version": version,
        "current": current,
        "is_current": current.number == version.number,
        "changes": changes,
        "versions": versions,
        "print_urls": print_urls(matter),
        "version_pdf_urls": {name: version_url(code, number) + name for name in VARIANTS},
    }
    return render(request, "catalogue/print/version_check.html", context)
