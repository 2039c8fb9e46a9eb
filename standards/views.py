"""Public pages: the 标准体系表, the catalogue and the standard page. Thin: the work is in queries/coverage."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render

from standards.choices import StandardStatus
from standards.coverage import category_counts
from standards.models import ApplicableLevel, Standard
from standards.queries import FilterError, filter_standards, lookup


def standard_context(standard: Standard) -> dict:
    references = []
    for reference in standard.references.all():
        edition = reference.applicable_edition()
        references.append({"reference": reference, "edition": edition, "abolished": reference.cites_abolished})
    chain = standard.edition_chain() if standard.pk else [standard]
    return {
        "standard": standard,
        "chain": chain,
        "latest": chain[-1],
        "references": references,
        "matters": standard.matters.filter(live=True).order_by("title") if standard.pk else [],
        "windows": standard.windows.all() if standard.pk else [],
        "posts": standard.posts.all() if standard.pk else [],
        "attachments": standard.attachments.select_related("document") if standard.pk else [],
        "levels": standard.levels.all() if standard.pk else [],
    }


def system_tree(request):
    rows = category_counts()
    total = sum(r["total"] for r in rows if r["depth"] == 0)
    return render(request, "standards/system_tree.html", {"rows": rows, "total": total, "statuses": [s.label for s in StandardStatus]})


def catalogue(request):
    error = ""
    try:
        queryset, applied = filter_standards(request.GET)
    except FilterError as problem:
        error, applied = str(problem), {}
        queryset = Standard.objects.none()
    page = Paginator(queryset.select_related("category"), 50).get_page(request.GET.get("page"))
    prefixes = Standard.objects.public().order_by("sort_key").values_list("prefix", flat=True).distinct()
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "standards/catalogue.html", {
        "page": page, "applied": applied, "error": error, "query": request.GET.get("q", "")[:100],
        "categories": category_counts(), "statuses": StandardStatus.choices[1:], "levels": ApplicableLevel.objects.all(),
        "prefixes": sorted(set(prefixes)), "params": params.urlencode(),
    }, status=400 if error else 200)


def _public_or_404(key: str) -> Standard:
    standard = lookup(key)
    if standard is None or standard.status == StandardStatus.DRAFT:
        raise Http404("没有这个编号的标准。")
    return standard


def detail(request, key: str):
    standard = _public_or_404(key)
    return render(request, "standards/standard_page.html", standard_context(standard))


def standard_pdf(request, key: str):
    """The published revision as a PDF through the printing service: the stored file, or built once."""
    from wagtail.models import Revision

    from cms.printing.cache import get_or_build, stored
    from standards.printing import VARIANT

    standard = _public_or_404(key)
    if not standard.live_revision_id:
        raise Http404("该标准没有已发布的版本。")
    printed = stored(standard, standard.live_revision_id, VARIANT)
    if printed is None:
        printed = get_or_build(standard, Revision.objects.get(pk=standard.live_revision_id), VARIANT)
    response = FileResponse(printed.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{standard.slug}.pdf"'
    response["Cache-Control"] = "public, max-age=300"
    return response
