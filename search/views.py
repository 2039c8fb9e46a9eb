"""The public search page, the click-through that feeds the analytics, and the JSON API."""

from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from search.documents import FACET_LABELS, FACETS, KIND_LABELS
from search.engines import get_engine
from search.models import SearchDocument, SearchQueryLog
from search.text import normalise_query


def _filters(params) -> dict[str, list[str]]:
    return {facet: params.getlist(facet) for facet in FACETS if params.getlist(facet)}


def _bad_kind(params) -> str:
    """The unknown `kind` values of a request, for the API's error message ("" when all are known)."""
    return "、".join(v for v in params.getlist("kind") if v not in KIND_LABELS)


def _page_number(value) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


def _log(query: str, results, engine_name: str) -> SearchQueryLog | None:
    if not query:
        return None
    return SearchQueryLog.objects.create(query=query[:100], results=results, engine=engine_name)


def popular_matters(limit: int = 8):
    return SearchDocument.objects.filter(kind="matter").order_by("-popularity", "name")[:limit]


@require_GET
def search_page(request):
    query = request.GET.get("q", "")
    filters = _filters(request.GET)
    page = _page_number(request.GET.get("page"))
    engine = get_engine()
    results = engine.search(query, filters, page=page)
    log = _log(results.query, results.count, results.engine) if page == 1 and not filters else None
    base = {"q": results.query, **{k: v for k, v in filters.items()}}
    facet_groups = []
    for facet in FACETS:
        values = results.facets.get(facet, [])
        if not values:
            continue
        links = []
        for value in values:
            chosen = dict(base)
            current = list(filters.get(facet, []))
            chosen[facet] = [v for v in current if v != value.value] if value.selected else [*current, value.value]
            links.append({"value": value, "url": "?" + urlencode({k: v for k, v in chosen.items() if v}, doseq=True)})
        facet_groups.append({"name": facet, "label": gettext(FACET_LABELS[facet]), "values": links})
    page_url = "?" + urlencode({k: v for k, v in base.items() if v}, doseq=True) + "&page="
    context = {
        "search_query": results.query,
        "results": results,
        "facet_groups": facet_groups,
        "filters": filters,
        "page_url": page_url,
        "log_id": log.pk if log else "",
        "first_number": (results.page - 1) * results.page_size + 1,
        "go_url": reverse("search_go"),
        "popular": popular_matters() if results.query and not results.count else [],
        "page_range": Paginator(range(results.count), results.page_size).get_elided_page_range(results.page, on_each_side=2, on_ends=1)
        if results.count
        else [],
    }
    return TemplateResponse(request, "search/search.html", context)


@require_GET
def go(request):
    """A click on a result: counted (for the report and the ranking), then the matter's page."""
    code = request.GET.get("code", "")[:36]
    document = SearchDocument.objects.filter(code=code).first()
    if document is None:
        raise Http404("没有这个事项")
    SearchDocument.objects.filter(pk=document.pk).update(popularity=F("popularity") + 1)
    log_id = request.GET.get("log", "")
    if log_id.isdigit():
        SearchQueryLog.objects.filter(pk=int(log_id), clicked_code="").update(clicked_code=code)
    return redirect(document.url)


@require_GET
def api_search(request):
    if bad := _bad_kind(request.GET):
        choices = "、".join(f"{value}（{label}）" for value, label in KIND_LABELS.items())
        return JsonResponse({"detail": f"kind 参数“{bad}”无效，可选：{choices}。"}, status=400, json_dumps_params={"ensure_ascii": False})
    query = request.GET.get("q", "")
    results = get_engine().search(query, _filters(request.GET), page=_page_number(request.GET.get("page")))
    if _page_number(request.GET.get("page")) == 1:
        _log(results.query, results.count, results.engine)
    return JsonResponse(
        {
            "query": results.query,
            "count": results.count,
            "page": results.page,
            "num_pages": results.num_pages,
            "results": [
                {
                    "kind": hit.kind,
                    "kind_label": KIND_LABELS.get(hit.kind, ""),
                    "code": hit.code,
                    "name": hit.name,
                    "department": hit.department,
                    "region": hit.region,
                    "type": hit.type_label,
                    "type_code": hit.matter_type,
                    "url": request.build_absolute_uri(hit.url),
                    "highlight": hit.highlight,
                    "snippet": hit.snippet,
                    "score": hit.score,
                }
                for hit in results.hits
            ],
            "facets": {
                facet: [{"value": v.value, "label": v.label, "count": v.count, "selected": v.selected} for v in values]
                for facet, values in results.facets.items()
            },
            "suggestion": results.suggestion,
            "relaxed": results.relaxed,
            "engine": results.engine,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def api_suggest(request):
    query = normalise_query(request.GET.get("q", ""))
    suggestions = get_engine().suggest(query) if query else []
    return JsonResponse({"query": query, "suggestions": suggestions}, json_dumps_params={"ensure_ascii": False})
