"""Public pages of versions: /m/<实施编码>/v/<版本号>/ shows a published version as it was, marked as
superseded with a link to the current guide."""

from django.http import Http404
from django.template.loader import select_template
from django.template.response import TemplateResponse

from catalogue.models import MatterPage, MatterVersion

# The guide page template (public-site) renders the version like the current guide, with the notice slot;
# the versioning template is the stand-in where that template is not installed.
GUIDE_TEMPLATES = ["catalogue/matter_page.html", "catalogue/versioning/matter_version.html"]
BASE_TEMPLATES = ["base.html", "catalogue/versioning/base_fallback.html"]


def matter_version(request, code, number):
    matter = MatterPage.objects.live().filter(code=code).first()
    if matter is None:
        raise Http404("没有这个实施编码的事项")
    version = MatterVersion.objects.filter(matter=matter, number=number).select_related("revision").first()
    if version is None or version.revision is None:
        raise Http404("事项没有这个版本")
    page = version.revision.as_object()
    context = page.get_context(request)
    current = MatterVersion.objects.filter(matter=matter).order_by("-number").first()
    context.update(
        {
            "page": page,
            "self": page,
            "version": version,
            "current_version": current,
            "is_superseded": version.pk != current.pk,
            "current_url": matter.url,
            "base_template": select_template(BASE_TEMPLATES).template.name,
        }
    )
    response = TemplateResponse(request, select_template(GUIDE_TEMPLATES), context)
    if version.pk != current.pk:
        response["X-Robots-Tag"] = "noindex"
    return response
