"""The one function that turns a published matter into the document both engines index, so they agree."""

from collections.abc import Iterable

from catalogue.choices import ExerciseLevel, HandlingType, MatterStatus, MatterType, OnlineDepth
from catalogue.models import DepartmentPage, MatterPage, Region

FACETS = ("department", "type", "service_object", "theme", "level", "handling", "online")
FACET_LABELS = {
    "department": "实施主体",
    "type": "事项类型",
    "service_object": "服务对象",
    "theme": "主题分类",
    "level": "行使层级",
    "handling": "办件类型",
    "online": "网上办理",
}
ONLINE_YES, ONLINE_NO = "可网上办理", "仅窗口办理"


def facet_label(facet: str, value: str) -> str:
    if facet == "type":
        try:
            return MatterType(value).label
        except ValueError:
            return value
    return value


def indexable(page: MatterPage) -> bool:
    """Only live matters in use are searchable (暂停 and 取消 leave the public lists)."""
    return bool(page.live) and page.status == MatterStatus.ACTIVE


class _Lookups:
    """Departments and regions read once for a batch of pages."""

    def __init__(self):
        self.departments = {d.path: d for d in DepartmentPage.objects.all()}
        self.regions = {r.pk: r for r in Region.objects.all()}

    def department(self, page):
        return self.departments.get(page.path[: -page.steplen])

    def region_name(self, region_id):
        names, region = [], self.regions.get(region_id)
        while region is not None:
            names.append(region.name)
            region = self.regions.get(region.parent_id)
        return "".join(reversed(names))


def build_document(page: MatterPage, lookups: _Lookups | None = None) -> dict:
    """The search document of a published matter.

    `page` is the live page as stored: Wagtail keeps the page row and its child rows equal to the published
    revision (a draft lives only in a revision), so a draft never reaches the index."""
    lookups = lookups or _Lookups()
    department = lookups.department(page)
    aliases = [a.name for a in page.alias_names.all()]
    for extra in (page.short_name,):
        if extra and extra not in aliases:
            aliases.append(extra)
    themes = [t.name for t in page.themes.all()]
    objects = [s.name for s in page.service_objects.all()]
    audiences = sorted({s.get_audience_display() for s in page.service_objects.all()})
    conditions = [c.text for c in page.conditions.all()]
    materials = [m.name for m in page.materials.all()]
    results = [r.name for r in page.results.all()]
    faqs = [f"{f.question} {f.answer}" for f in page.faqs.all()]
    online = page.accepts_online or page.online_depth not in ("", OnlineDepth.NONE)
    return {
        "code": page.code,
        "page_id": page.pk,
        "name": page.title,
        "url": page.get_short_url(),
        "department": department.title if department else "",
        "region": lookups.region_name(department.region_id) if department else "",
        "matter_type": page.matter_type,
        "type_label": page.get_matter_type_display(),
        "aliases": aliases,
        "catalogue_name": page.catalogue_item.name if page.catalogue_item_id else "",
        "handling_item_name": page.handling_item_name,
        "themes": themes,
        "service_objects": objects,
        "audiences": audiences,
        "conditions": conditions,
        "materials": materials,
        "results": results,
        "faqs": faqs,
        "level": ExerciseLevel(page.exercise_level).label if page.exercise_level in ExerciseLevel.values else page.exercise_level,
        "handling": HandlingType(page.handling_type).label if page.handling_type in HandlingType.values else "",
        "online": online,
        "summary": "；".join(conditions)[:400] or "；".join(materials)[:400],
        "facets": {
            "department": [department.title] if department else [],
            "type": [page.matter_type] if page.matter_type else [],
            "service_object": objects,
            "theme": themes,
            "level": [ExerciseLevel(page.exercise_level).label] if page.exercise_level in ExerciseLevel.values else [],
            "handling": [HandlingType(page.handling_type).label] if page.handling_type in HandlingType.values else [],
            "online": [ONLINE_YES if online else ONLINE_NO],
        },
    }


def published_matters(page_ids: Iterable[int] | None = None):
    queryset = MatterPage.objects.live().filter(status=MatterStatus.ACTIVE).with_guide_rows().order_by("pk")
    if page_ids is not None:
        queryset = queryset.filter(pk__in=list(page_ids))
    return queryset


def build_documents(page_ids: Iterable[int] | None = None, batch_size: int = 500):
    """Documents of the published matters (all of them, or those with the given page ids), in batches."""
    lookups = _Lookups()
    queryset = published_matters(page_ids)
    batch = []
    for page in queryset.iterator(chunk_size=batch_size):
        batch.append(build_document(page, lookups))
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch
