"""Which matters each list holds, and the row a matter makes in it.

A rule is a queryset over matter fields; 前置事项 and 中介服务 are the editor's selection. The row is what a
release freezes, so it carries every column the lists, the diff and the reform figures need.
"""

import hashlib
from collections.abc import Callable
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet
from wagtail.models import Page

from catalogue.choices import HandlingType, MatterType
from catalogue.models import DepartmentPage, MatterPage
from catalogue.models.lists import ListKind, MatterList

ANNUAL_INSPECTION_WORDS = ("年检", "年审", "年度检验", "年度审验", "年度核验")
POWER_TYPES = [t.value for t in MatterType if t not in (MatterType.PUBLIC_SERVICE, MatterType.FILING)]


def _annual_inspection(qs: QuerySet) -> QuerySet:
    condition = Q(themes__name="年检年审")
    for word in ANNUAL_INSPECTION_WORDS:
        condition |= Q(title__contains=word)
    return qs.filter(condition)


RULES: dict[str, Callable[[QuerySet], QuerySet]] = {
    ListKind.ALL: lambda qs: qs,
    ListKind.IMMEDIATE: lambda qs: qs.filter(handling_type=HandlingType.IMMEDIATE),
    ListKind.PROMISED: lambda qs: qs.filter(
        handling_type=HandlingType.PROMISED, legal_limit_value__isnull=False, promised_limit_value__isnull=False
    ),
    ListKind.ONE_VISIT: lambda qs: qs.filter(visits__lte=1),
    ListKind.LICENSING: lambda qs: qs.filter(matter_type=MatterType.LICENSING),
    ListKind.POWERS: lambda qs: qs.filter(matter_type__in=POWER_TYPES),
    ListKind.FEES: lambda qs: qs.filter(charges=True, fees__isnull=False),
    ListKind.ANNUAL_INSPECTION: _annual_inspection,
}

RULE_DESCRIPTIONS = {
    ListKind.ALL: "全部在用事项。",
    ListKind.IMMEDIATE: "办件类型为即办件的在用事项。",
    ListKind.PROMISED: "办件类型为承诺件、且法定办结时限与承诺办结时限均已填写的在用事项。",
    ListKind.ONE_VISIT: "到办事现场次数不超过1次的在用事项。",
    ListKind.LICENSING: "事项类型为行政许可的在用事项。",
    ListKind.POWERS: "事项类型为十类行政权力之一的在用事项。",
    ListKind.FEES: "标为收费、且填写了收费项目的在用事项。",
    ListKind.ANNUAL_INSPECTION: "主题为“年检年审”，或名称含年检、年审、年度检验的在用事项。",
    ListKind.PREREQUISITE: "由编辑逐项选定的行政许可前置事项。",
    ListKind.INTERMEDIARY: "由编辑逐项选定的中介服务事项。",
}

# Columns of a row: key → Chinese header. The order is the order of the tables and the spreadsheets.
COLUMNS: dict[str, str] = {
    "code": "实施编码",
    "name": "事项名称",
    "catalogue_code": "基本编码",
    "department": "实施主体",
    "department_code": "实施主体编码",
    "region": "行政区划",
    "level": "行使层级",
    "type": "事项类型",
    "handling_type": "办件类型",
    "legal_limit": "法定办结时限",
    "promised_limit": "承诺办结时限",
    "speedup_rate": "承诺提速率",
    "charges": "是否收费",
    "fees": "收费项目及标准",
    "materials_count": "申请材料数",
    "steps_count": "办理环节数",
    "visits": "到现场次数",
    "online_depth": "网上办理深度",
    "note": "说明",
}
# Numbers kept in a row for the figures, not shown as columns.
HIDDEN_KEYS = ("legal_days", "promised_days", "level_code", "type_code")


def base_queryset() -> QuerySet:
    return MatterPage.objects.live().public_listing()


def matters_of(matter_list: MatterList) -> QuerySet:
    qs = base_queryset()
    if matter_list.is_selected_kind:
        return qs.filter(pk__in=matter_list.selections.values("matter_id"))
    return RULES[matter_list.kind](qs).distinct()


def _days(value) -> float | None:
    return None if value is None else float(round(Decimal(value), 2))


def matter_row(matter: MatterPage, department: DepartmentPage | None, note: str = "") -> dict:
    legal, promised = matter.legal_limit, matter.promised_limit
    rate = matter.speedup_rate
    fees = list(matter.fees.all())
    return {
        "code": matter.code,
        "name": matter.title,
        "catalogue_code": matter.catalogue_item.code if matter.catalogue_item_id else matter.basic_code,
        "department": department.title if department else "",
        "department_code": department.org_code if department else "",
        "region": department.region.name if department else "",
        "level": matter.get_exercise_level_display(),
        "level_code": matter.exercise_level,
        "type": matter.get_matter_type_display(),
        "type_code": matter.matter_type,
        "handling_type": matter.get_handling_type_display(),
        "legal_limit": str(legal) if legal.is_set else "",
        "promised_limit": str(promised) if promised.is_set else "",
        "legal_days": _days(legal.in_natural_days()),
        "promised_days": _days(promised.in_natural_days()),
        "speedup_rate": float(rate) if rate is not None else None,
        "charges": "收费" if matter.charges else "不收费",
        "fees": "；".join(f"{f.name}：{f.standard}" for f in fees),
        "materials_count": len(matter.materials.all()),
        "steps_count": len(matter.steps.all()),
        "visits": matter.visits,
        "online_depth": matter.get_online_depth_display(),
        "note": note,
    }


def departments_by_path() -> dict[str, DepartmentPage]:
    return {d.path: d for d in DepartmentPage.objects.select_related("region")}


def rows_for_matters(qs: QuerySet, notes: dict[int, str] | None = None) -> list[dict]:
    notes = notes or {}
    departments = departments_by_path()
    step = MatterPage.steplen
    qs = qs.select_related("catalogue_item").prefetch_related("fees", "materials", "steps").order_by("code")
    return [matter_row(m, departments.get(m.path[:-step]), notes.get(m.pk, "")) for m in qs]


def publication_stamp() -> str:
    """Changes whenever any page is published or unpublished: the key under which rows are cached."""
    stamp = Page.objects.filter(live=True).aggregate(latest=Max("last_published_at"), count=Count("id"))
    return f"{stamp['count']}:{stamp['latest'].timestamp() if stamp['latest'] else 0}"


def rows_of(matter_list: MatterList) -> list[dict]:
    notes = dict(matter_list.selections.values_list("matter_id", "note")) if matter_list.is_selected_kind else {}
    key = f"lists:rows:{matter_list.pk}:{matter_list.kind}:{publication_stamp()}:{hashlib.md5(repr(sorted(notes.items())).encode()).hexdigest()}"
    rows = cache.get(key)
    if rows is None:
        rows = rows_for_matters(matters_of(matter_list), notes)
        cache.set(key, rows, 3600)
    return rows


def all_rows() -> list[dict]:
    key = f"lists:rows:all:{publication_stamp()}"
    rows = cache.get(key)
    if rows is None:
        rows = rows_for_matters(base_queryset())
        cache.set(key, rows, 3600)
    return rows
