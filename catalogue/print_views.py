"""Printed documents of a matter: a request serves the stored PDF of the published version, or builds it once."""

from django.http import FileResponse, Http404
from wagtail.models import Revision

from cms.printing.cache import get_or_build, stored

from .models import MatterPage, MatterVersion
from .printing import VARIANTS
from .versioning import versions_of


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


def _version(matter, number: int) -> MatterVersion:
    """The published version with this number (the number the public history and the QR codes use)."""
    version = versions_of(matter).filter(number=number).exclude(revision=None).first()
    if version is None:
        raise Http404("没有这个版本")
    return version


def matter_version_pdf(request, code: str, number: int, filename: str):
    variant = VARIANTS.get(filename)
    if variant is None:
        raise Http404("没有这种打印文档")
    matter = _live_matter(code)
    version = _version(matter, number)
    printed = _stored_or_build(matter, version.revision_id, variant)
    return _pdf_response(printed, f"{code}-v{number}-{filename}")
