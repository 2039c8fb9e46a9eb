"""Public pages of versions: /m/<实施编码>/v/<版本号>/ shows a published version as it was, marked as
superseded with a link to the current guide."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse

from catalogue.change_log import change_log
from catalogue.models import MatterPage, MatterVersion
from catalogue.versioning import current_version


def matter_version(request, code, number):
    matter = MatterPage.objects.live().filter(code=code).first()
    if matter is None:
        raise Http404("没有这个实施编码的事项")
    version = MatterVersion.objects.filter(matter=matter, number=number).select_related("revision").first()
    if version is None or version.revision is None:
        raise Http404("事项没有这个版本")
    page = version.revision.as_object()
    context = page.get_context(request)
    current = current_version(matter)
    context.update(
        {
            "page": page,
            "self": page,
            "version": version,
            "current_version": current,
            "is_superseded": version.pk != current.pk,
            # What a printed sheet of this version no longer says (the QR code on every printed page leads here).
            "changes_since": change_log(version.get_snapshot(), current.get_snapshot()) if version.pk != current.pk else [],
            "version_print_urls": {
                name: reverse("matter_version_pdf", args=[code, number, filename])
                for name, filename in (("handout_pdf", "handout.pdf"), ("guide_pdf", "guide.pdf"), ("large_print_pdf", "large-print.pdf"))
            },
            "current_url": matter.url,
        }
    )
    response = TemplateResponse(request, "catalogue/matter_page.html", context)
    if version.pk != current.pk:
        response["X-Robots-Tag"] = "noindex"
    return response
