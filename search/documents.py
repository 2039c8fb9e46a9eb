"""The documents both engines index, so they agree: a published matter (`build_document`) and a published
standard (standards.documents.standard_document, same shape), told apart by `kind`."""

import re
from collections.abc import Iterable

from django.utils.translation import gettext_noop

from catalogue.choices import ExerciseLevel, HandlingType, MatterStatus, MatterType, OnlineDepth
from catalogue.models import DepartmentPage, MatterPage, Region

KIND_MATTER, KIND_STANDARD = "matter", "standard"
KIND_LABELS = {KIND_MATTER: "办事指南", KIND_STANDARD: "服务标准"}
FACETS = ("kind", "department", "type", "service_object", "theme", "level", "handling", "online")
FACET_LABELS = {  # marked for translation; the search page shows them with gettext()
    "kind": gettext_noop("结果类型"),
    "department": gettext_noop("实施主体"),
    "type": gettext_noop("事项类型"),
    "service_object": gettext_noop("服务对象"),
    "theme": gettext_noop("主题分类"),
    "level": gettext_noop("行使层级"),
    "handling": gettext_noop("办件类型"),
    "online": gettext_noop("网上办理"),
}
ONLINE_YES, ONLINE_NO = "可网上办理", "仅窗口办理"


def facet_label(facet: str, value: str) -> str:
    if facet == "kind":
        return KIND_LABELS.get(value, value)
    if facet == "type":
        try:
            return MatterType(value).label
        except ValueError:
            return value
    return value


# A query that asks for standards: 标准/规程/规范, a standard's code (GB, GB/T, DB44/T, Q/…) or a bare standard serial.
_STANDARD_WORDS = ("标准", "规程", "规范", "国标", "行标", "地标")
_STANDARD_CODE = re.compile(r"(^|[^a-z])(gb|gbt|gbz|db\d*|dbt|q|t)([^a-z]|$)|(^|\D)\d{4,6}(\D|$)")


def wants_standards(text: str) -> bool:
    """Whether a (normalised) query asks for standards; otherwise matters come first and standards after them."""
    text = text.lower()
    return any(word in text for word in _STANDARD_WORDS) or bool(_STANDARD_CODE.search(text))


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
        "kind": KIND_MATTER,
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
        "body": [],
        "facets": {
            "kind": [KIND_MATTER],
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


def standard_batches(standard_ids: Iterable[int] | None = None, batch_size: int = 500):
    """Documents of the published standards (all, or those with the given ids), in batches."""
    from standards.documents import live_documents

    batch = []
    for document in live_documents(standard_ids):
        batch.append(document)
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def all_batches(batch_size: int = 500):
    """Everything the public search holds: the published matters, then the published standards."""
    yield from build_documents(batch_size=batch_size)
    yield from standard_batches(batch_size=batch_size)


def published_count() -> int:
    from standards.models import Standard

    return published_matters().count() + Standard.objects.public().count()


def expected_codes() -> set[str]:
    """The codes the index should hold: 实施编码 of the published matters, `std-<id>` of the published standards."""
    from standards.documents import document_code
    from standards.models import Standard

    codes = set(published_matters().values_list("code", flat=True))
    return codes | {document_code(pk) for pk in Standard.objects.public().values_list("pk", flat=True)}
