"""十统一: the elements a catalogue item unifies, how a matter inherits them, and who deviates.

Which elements are locked is configuration (``settings.CATALOGUE_UNIFIED_ELEMENTS``); an element that the
catalogue item leaves blank is not unified. A locked element is read-only in the matter's admin form (its
value and source shown); a change to the catalogue item reaches every matter under it as a new revision that
goes through the page's workflow, never straight to the public site.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from catalogue.choices import ExerciseLevel, HandlingType, MatterType, TimeUnit
from catalogue.models import (
    CatalogueItem,
    MatterCondition,
    MatterFee,
    MatterLegalBasis,
    MatterMaterial,
    MatterPage,
    MatterResult,
    MatterStep,
    UnifiedElementSet,
)
from catalogue.time_limits import TimeLimit

SEP = "｜"


def _lines(text: str) -> tuple[str, ...] | None:
    lines = tuple(line.strip() for line in (text or "").splitlines() if line.strip())
    return lines or None


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value).normalize()


@dataclass(frozen=True)
class RowsSpec:
    relation: str
    model: type
    key: Callable[[Any], str]  # the comparable text of an existing row
    build: Callable[[str], dict]  # a new row from a unified line


ROW_SPECS = {
    "conditions": RowsSpec("conditions", MatterCondition, lambda r: r.text.strip(), lambda line: {"text": line}),
    "materials": RowsSpec("materials", MatterMaterial, lambda r: r.name.strip(), lambda line: {"name": line}),
    "steps": RowsSpec("steps", MatterStep, lambda r: r.name.strip(), lambda line: {"name": line}),
    "results": RowsSpec("results", MatterResult, lambda r: r.name.strip(), lambda line: {"name": line}),
    "legal_bases": RowsSpec(
        "legal_bases", MatterLegalBasis,
        lambda r: SEP.join(p for p in (r.law_name.strip(), r.article.strip()) if p),
        lambda line: dict(zip(("law_name", "article"), [p.strip() for p in line.split(SEP)][:2], strict=False)),
    ),
    "fees": RowsSpec(
        "fees", MatterFee,
        lambda r: SEP.join((r.name.strip(), r.standard.strip())),
        lambda line: dict(zip(("name", "standard", "basis"), [p.strip() for p in line.split(SEP)][:3], strict=False)),
    ),
}


def _row_keys(matter: MatterPage, relation: str) -> tuple[str, ...]:
    return tuple(ROW_SPECS[relation].key(r) for r in getattr(matter, relation).all())


def _set_rows(matter: MatterPage, relation: str, lines: tuple[str, ...]):
    spec = ROW_SPECS[relation]
    existing = {spec.key(r): r for r in getattr(matter, relation).all()}
    rows = []
    for i, line in enumerate(lines):
        row = existing.get(line) or spec.model(**spec.build(line))
        row.sort_order = i
        rows.append(row)
    setattr(matter, relation, rows)


@dataclass(frozen=True)
class Element:
    key: str
    label: str
    form_fields: tuple[str, ...]  # scalar fields of the matter form
    relation: str | None  # child rows of the matter form
    unified: Callable[[UnifiedElementSet], Any]  # None: the catalogue item does not unify it
    current: Callable[[MatterPage], Any]
    apply: Callable[[MatterPage, UnifiedElementSet], None]
    display: Callable[[Any], str]


def _limit_text(value) -> str:
    return str(TimeLimit(value[0], value[1])) if value and value[0] is not None else "无"


def _promised_text(value) -> str:
    handling_type, number, unit = value
    label = HandlingType(handling_type).label
    return label if number is None else f"{label}，{TimeLimit(number, unit)}"


def _apply_fields(**mapping):
    def apply(matter, unified):
        for matter_field, unified_field in mapping.items():
            setattr(matter, matter_field, getattr(unified, unified_field))

    return apply


def _apply_promised(matter, unified):
    matter.handling_type = unified.handling_type
    matter.promised_limit_value = unified.promised_limit_value
    matter.promised_limit_unit = unified.promised_limit_unit


def _apply_charges(matter, unified):
    matter.charges = unified.charges
    _set_rows(matter, "fees", _lines(unified.fees) or () if unified.charges else ())


def _lines_element(key: str, label: str) -> Element:
    return Element(
        key, label, (), key,
        unified=lambda u: _lines(getattr(u, key)),
        current=lambda m: _row_keys(m, key),
        apply=lambda m, u: _set_rows(m, key, _lines(getattr(u, key)) or ()),
        display=lambda v: "；".join(v) if v else "（无）",
    )


ELEMENTS: dict[str, Element] = {
    e.key: e
    for e in [
        Element(
            "name", "事项名称", ("title",), None,
            unified=lambda u: u.name or None, current=lambda m: m.title, apply=_apply_fields(title="name"), display=str,
        ),
        Element(
            "matter_type", "事项类型", ("matter_type",), None,
            unified=lambda u: u.matter_type or None, current=lambda m: m.matter_type,
            apply=_apply_fields(matter_type="matter_type"), display=lambda v: MatterType(v).label,
        ),
        Element(
            "legal_limit", "法定办结时限", ("legal_limit_value", "legal_limit_unit"), None,
            unified=lambda u: (_decimal(u.legal_limit_value), u.legal_limit_unit) if u.legal_limit_value is not None else None,
            current=lambda m: (_decimal(m.legal_limit_value), m.legal_limit_unit),
            apply=_apply_fields(legal_limit_value="legal_limit_value", legal_limit_unit="legal_limit_unit"),
            display=_limit_text,
        ),
        Element(
            "promised_limit", "办件类型与承诺办结时限", ("handling_type", "promised_limit_value", "promised_limit_unit"), None,
            unified=lambda u: (
                (u.handling_type, _decimal(u.promised_limit_value), u.promised_limit_unit if u.promised_limit_value is not None else "")
                if u.handling_type else None
            ),
            current=lambda m: (m.handling_type, _decimal(m.promised_limit_value), m.promised_limit_unit if m.promised_limit_value is not None else ""),
            apply=_apply_promised,
            display=_promised_text,
        ),
        Element(
            "charges", "收费标准", ("charges",), "fees",
            unified=lambda u: None if u.charges is None else (bool(u.charges), (_lines(u.fees) or ()) if u.charges else ()),
            current=lambda m: (bool(m.charges), _row_keys(m, "fees")),
            apply=_apply_charges,
            display=lambda v: ("收费：" + "；".join(v[1])) if v[0] else "不收费",
        ),
        _lines_element("legal_bases", "设定依据"),
        _lines_element("conditions", "受理条件"),
        _lines_element("materials", "申请材料"),
        _lines_element("steps", "办理流程"),
        _lines_element("results", "办理结果"),
    ]
}


def locked_keys() -> list[str]:
    keys = getattr(settings, "CATALOGUE_UNIFIED_ELEMENTS", [])
    unknown = [k for k in keys if k not in ELEMENTS]
    if unknown:
        raise ValueError(f"CATALOGUE_UNIFIED_ELEMENTS 含未知要素：{', '.join(unknown)}；可选：{', '.join(ELEMENTS)}")
    return list(keys)


def unified_set_for(matter: MatterPage) -> UnifiedElementSet | None:
    """The unified elements that govern a matter: its catalogue item's own, else the nearest parent's
    (a 子项 without its own set follows its 主项)."""
    item_id = matter.catalogue_item_id
    while item_id is not None:
        found = UnifiedElementSet.objects.filter(catalogue_item_id=item_id).select_related("catalogue_item").first()
        if found is not None:
            return found
        item_id = CatalogueItem.objects.filter(pk=item_id).values_list("parent_id", flat=True).first()
    return None


def locked_elements(unified: UnifiedElementSet | None) -> list[Element]:
    """The elements this catalogue item unifies and the configuration locks."""
    if unified is None:
        return []
    return [ELEMENTS[k] for k in locked_keys() if ELEMENTS[k].unified(unified) is not None]


@dataclass
class Deviation:
    element: Element
    local: Any
    unified: Any

    @property
    def local_text(self) -> str:
        return self.element.display(self.local)

    @property
    def unified_text(self) -> str:
        return self.element.display(self.unified)


def deviations(matter: MatterPage, unified: UnifiedElementSet | None = None) -> list[Deviation]:
    unified = unified if unified is not None else unified_set_for(matter)
    result = []
    for element in locked_elements(unified):
        wanted, local = element.unified(unified), element.current(matter)
        if wanted != local:
            result.append(Deviation(element, local, wanted))
    return result


def source_label(unified: UnifiedElementSet) -> str:
    item = unified.catalogue_item
    return f"基本目录“{item.name}”（{item.code}）"


# —— the admin form ——
def lock_form(form) -> None:
    """Called by the matter's admin form: locked scalar fields become read-only and show the unified value."""
    matter = form.instance
    unified = unified_set_for(matter)
    form.unified_set = unified
    form.locked_elements = locked_elements(unified)
    for element in form.locked_elements:
        probe = MatterPage()
        element.apply(probe, unified)
        for name in element.form_fields:
            field = form.fields.get(name)
            if field is None:
                continue
            field.disabled = True
            form.initial[name] = getattr(probe, name)
            field.help_text = f"十统一要素，由{source_label(unified)}统一规定，本地不能修改：{element.display(element.unified(unified))}"


def formset_keys(form, relation: str) -> tuple[str, ...]:
    spec = ROW_SPECS[relation]
    formset = form.formsets.get(relation)
    formset.is_valid()  # the parent form is cleaned before its formsets; clean this one now
    keys = []
    for sub in formset.forms:
        data = getattr(sub, "cleaned_data", None) or {}
        if data and not data.get("DELETE"):
            keys.append(spec.key(spec.model(**{k: v for k, v in data.items() if k in {f.name for f in spec.model._meta.fields}})))
    return tuple(keys)


def clean_locked_rows(form) -> None:
    """Locked child rows (材料, 条件, 依据 …) cannot be changed locally: the form refuses the change."""
    unified = getattr(form, "unified_set", None)
    for element in getattr(form, "locked_elements", []):
        relation = element.relation
        if relation is None or relation not in form.formsets:
            continue
        wanted = element.unified(unified)
        wanted_rows = wanted[1] if element.key == "charges" else wanted
        current_rows = formset_keys(form, relation)
        if element.key == "charges" and not wanted[0]:
            wanted_rows = ()
        if tuple(wanted_rows) != current_rows and current_rows != _row_keys(form.instance, relation):
            form.add_error(
                None,
                f"“{element.label}”是十统一要素，由{source_label(unified)}统一规定，本地不能修改；"
                f"统一值：{element.display(wanted)}。如需调整，请修改基本目录。",
            )


# —— propagation and adoption: new revisions, through the workflow ——
def _start_workflow(page: MatterPage, user) -> bool:
    workflow = page.get_workflow()
    if workflow is None or page.workflow_in_progress:
        return False
    workflow.start(page, user)
    return True


def adopt(matter: MatterPage, user=None, unified: UnifiedElementSet | None = None, submit: bool = True) -> bool:
    """Give the matter the unified values of its locked elements as a new revision (submitted to the
    page's workflow when it has one, unless `submit` is False). Returns False when nothing deviates."""
    page = MatterPage.objects.get(pk=matter.pk)
    latest = page.get_latest_revision_as_object()
    unified = unified if unified is not None else unified_set_for(latest)
    found = deviations(latest, unified)
    if not found:
        return False
    with transaction.atomic():
        for deviation in found:
            deviation.element.apply(latest, unified)
        latest.save_revision(user=user, log_action=True, clean=False)
        if submit:
            _start_workflow(latest, user)
    return True


def matters_under(item: CatalogueItem):
    """Matters of the item, and of its 子项 that have no unified elements of their own."""
    return MatterPage.objects.filter(Q(catalogue_item=item) | Q(catalogue_item__parent=item, catalogue_item__unified_elements__isnull=True))


def propagate(unified: UnifiedElementSet, user=None) -> list[str]:
    """After a change of the catalogue item's unified elements: a new revision for every matter under it
    whose locked elements differ. Returns the codes of the matters that got one."""
    return [m.code for m in matters_under(unified.catalogue_item).order_by("code") if adopt(m, user=user, unified=unified)]


def deviation_report():
    """Live matters whose locked elements differ from their catalogue item: [(matter, unified, deviations)]."""
    sets = {u.catalogue_item_id: u for u in UnifiedElementSet.objects.select_related("catalogue_item")}
    if not sets or not locked_keys():
        return []
    parents = dict(CatalogueItem.objects.filter(parent_id__in=sets.keys()).values_list("pk", "parent_id"))
    governing = {item_id: sets[item_id] for item_id in sets}
    governing.update({child: sets[parent] for child, parent in parents.items() if child not in sets})
    matters = (
        MatterPage.objects.live().public_listing().filter(catalogue_item_id__in=governing.keys())
        .prefetch_related("conditions", "materials", "steps", "fees", "legal_bases", "results").order_by("catalogue_item__code", "code")
    )
    report = []
    for matter in matters:
        unified_set = governing[matter.catalogue_item_id]
        found = deviations(matter, unified_set)
        if found:
            report.append((matter, unified_set, found))
    return report


LEVEL_RANK = {level.value: rank for rank, level in enumerate(ExerciseLevel)}


def derive_unified_sets() -> int:
    """For catalogue items implemented by two or more bodies and not yet unified: take the elements of the
    highest-level implementing matter (the province defines the catalogue) as the unified ones."""
    created = 0
    candidates = MatterPage.objects.live().filter(catalogue_item__isnull=False, catalogue_item__unified_elements__isnull=True)
    by_item: dict[int, list[MatterPage]] = {}
    for matter in candidates.prefetch_related("conditions", "materials", "fees", "legal_bases", "results", "steps"):
        by_item.setdefault(matter.catalogue_item_id, []).append(matter)
    for item_id, matters in by_item.items():
        if len({m.path[: -MatterPage.steplen] for m in matters}) < 2:
            continue
        ref = min(matters, key=lambda m: (LEVEL_RANK.get(m.exercise_level, 99), m.code))
        UnifiedElementSet.objects.create(
            catalogue_item_id=item_id,
            matter_type=ref.matter_type,
            legal_limit_value=ref.legal_limit_value,
            legal_limit_unit=ref.legal_limit_unit,
            handling_type=ref.handling_type,
            promised_limit_value=ref.promised_limit_value,
            promised_limit_unit=ref.promised_limit_unit or TimeUnit.WORKING_DAYS,
            charges=ref.charges,
            fees="\n".join(_row_keys(ref, "fees")),
            legal_bases="\n".join(_row_keys(ref, "legal_bases")),
            conditions="\n".join(_row_keys(ref, "conditions")),
            materials="\n".join(_row_keys(ref, "materials")),
            results="\n".join(_row_keys(ref, "results")),
        )
        created += 1
    return created
