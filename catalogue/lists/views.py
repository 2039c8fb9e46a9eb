"""Public pages of the lists, their releases and diffs, the 权责清单, the reform figures and open data."""

from urllib.parse import quote

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from catalogue import figures as figures_service
from catalogue.lists.releases import diff_releases, summarise
from catalogue.lists.rules import COLUMNS, RULE_DESCRIPTIONS
from catalogue.lists.tables import FILTERS, facet_options, filter_rows, sort_rows
from catalogue.models import DepartmentPage, ListRelease, MatterList, PowerEntry, ResponsibilityItem
from catalogue.spreadsheets.exports import rows_download

TABLE_COLUMNS = ["code", "name", "department", "level", "type", "handling_type", "legal_limit", "promised_limit", "charges", "materials_count", "visits"]
EXTRA_COLUMNS = {"fees": ["fees"], "prerequisite": ["note"], "intermediary": ["note", "fees"]}
PAGE_SIZE = 50


def _columns(matter_list):
    keys = TABLE_COLUMNS + EXTRA_COLUMNS.get(matter_list.kind, [])
    return [(key, COLUMNS[key]) for key in keys]


def _table_context(request, matter_list, rows):
    filtered = sort_rows(filter_rows(rows, request.GET), request.GET.get("sort"))
    page = Paginator(filtered, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    sort_query = query.copy()
    sort_query.pop("sort", None)
    columns = _columns(matter_list)
    return {
        "matter_list": matter_list,
        "columns": columns,
        "page_obj": page,
        "table": [(row["code"], [(key, row.get(key)) for key, _ in columns]) for row in page.object_list],
        "total": len(rows),
        "filtered_count": len(filtered),
        "options": facet_options(rows),
        "selected": {param: request.GET.get(param, "") for param in list(FILTERS) + ["q"]},
        "sort": request.GET.get("sort", ""),
        "query": query.urlencode(),
        "sort_query": sort_query.urlencode(),
        "filter_labels": {"department": "实施主体", "type": "事项类型", "level": "行使层级", "handling_type": "办件类型"},
    }


def list_index(request):
    lists = MatterList.objects.prefetch_related(Prefetch("releases", queryset=ListRelease.objects.order_by("-number")))
    entries = [{"list": m, "count": m.matters().count(), "latest": next(iter(m.releases.all()), None)} for m in lists]
    return render(request, "catalogue/lists/index.html", {"entries": entries})


def list_detail(request, slug):
    matter_list = get_object_or_404(MatterList, slug=slug)
    context = _table_context(request, matter_list, matter_list.current_rows())
    context["rule"] = RULE_DESCRIPTIONS.get(matter_list.kind, "")
    context["releases"] = matter_list.releases.order_by("-number")
    return render(request, "catalogue/lists/list_detail.html", context)


def list_download(request, slug, fmt):
    matter_list = get_object_or_404(MatterList, slug=slug)
    return rows_download(matter_list.current_rows(), fmt, f"{matter_list.title}（现行）")


def _release(slug, number) -> ListRelease:
    return get_object_or_404(ListRelease.objects.select_related("matter_list"), matter_list__slug=slug, number=number)


def release_history(request, slug):
    matter_list = get_object_or_404(MatterList, slug=slug)
    releases = list(matter_list.releases.order_by("-number"))
    for release in releases:
        previous = next((r for r in releases if r.number < release.number), None)
        release.summary = summarise(diff_releases(previous, release)) if previous else None
    return render(request, "catalogue/lists/release_history.html", {"matter_list": matter_list, "releases": releases})


def release_detail(request, slug, number):
    release = _release(slug, number)
    context = _table_context(request, release.matter_list, release.rows)
    context["release"] = release
    context["previous"] = release.previous
    return render(request, "catalogue/lists/release_detail.html", context)


def release_download(request, slug, number, fmt):
    release = _release(slug, number)
    if fmt == "pdf":
        return release_pdf_response(release)
    return rows_download(release.rows, fmt, f"{release.matter_list.title}（{release.label}）")


def release_pdf_response(release: ListRelease) -> FileResponse:
    """The release as a PDF through the printing service: stored once per (release, template version)."""
    from catalogue.lists.release_pdf import release_pdf

    printed = release_pdf(release)
    response = FileResponse(printed.file.open("rb"), content_type="application/pdf")
    filename = quote(f"{release.matter_list.title}（{release.label}）.pdf")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{filename}"
    response["Cache-Control"] = "public, max-age=3600"
    return response


def release_diff(request, slug, number):
    release = _release(slug, number)
    older_number = request.GET.get("from") or (release.previous.number if release.previous else None)
    if older_number is None:
        raise Http404("这是第一个版本，没有可比较的上一版本")
    try:
        older = release.matter_list.releases.get(number=int(older_number))
    except (ValueError, ListRelease.DoesNotExist):
        raise Http404("没有这个版本")
    changes = diff_releases(older, release)
    return render(
        request,
        "catalogue/lists/release_diff.html",
        {"release": release, "older": older, "matter_list": release.matter_list, "changes": changes, "summary": summarise(changes),
         "others": release.matter_list.releases.exclude(number=release.number).order_by("-number")},
    )


# —— 权责清单 ——
def power_index(request):
    departments = DepartmentPage.objects.filter(power_entries__live=True).distinct().order_by("title")
    entries = PowerEntry.objects.filter(live=True).select_related("department").order_by("code")
    department = None
    if request.GET.get("department"):
        department = departments.filter(org_code=request.GET["department"]).first()
        if department is None:
            raise Http404("没有这个实施主体")
        entries = entries.filter(department=department)
    if request.GET.get("type"):
        entries = entries.filter(power_type=request.GET["type"])
    q = (request.GET.get("q") or "").strip()[:100]
    if q:
        entries = entries.filter(name__contains=q)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "catalogue/powers/index.html",
        {"departments": departments, "department": department, "page_obj": page, "entries": page.object_list,
         "count": entries.count(), "q": q, "query": query.urlencode(), "selected_type": request.GET.get("type", "")},
    )


def power_detail(request, code):
    entry = get_object_or_404(
        PowerEntry.objects.filter(live=True).select_related("department", "matter").prefetch_related(
            "bases", Prefetch("responsibilities", queryset=ResponsibilityItem.objects.order_by("sort_order"))
        ),
        code=code,
    )
    return render(request, "catalogue/powers/detail.html", {"entry": entry})


def power_download(request, fmt):
    from catalogue.spreadsheets.powers import power_download as download

    return download(fmt, department=request.GET.get("department"))


# —— 改革成效 ——
def figures_page(request):
    current = figures_service.current_figures()
    comparison = figures_service.release_comparison(request.GET.get("from"), request.GET.get("to"))
    return render(
        request,
        "catalogue/figures/dashboard.html",
        {
            "figures": current,
            "comparison": comparison,
            "baselines": figures_service.STATED_BASELINES,
            "baseline_note": figures_service.BASELINE_NOTE,
            "max_type": figures_service.max_of(current["by_type"]),
            "max_speedup": max((b["count"] for b in current["speedup_distribution"]), default=0),
            "top_departments": list(current["by_department"].items())[:15],
            "max_department": figures_service.max_of(current["by_department"]),
        },
    )
