"""The public change log, generated from two published versions' snapshots (never typed by hand):
"承诺办结时限 7 → 5 个工作日", "申请材料 新增：营业执照", "受理条件 删除：…".

Entries are dicts: {field, label, kind (changed / added / removed), from, to, item, text}; `text` is the
sentence shown to the public and `from`/`to` the plain values (for the API's diff endpoint)."""

from catalogue.diff import format_number
from catalogue.models import (
    MatterFAQ,
    MatterFee,
    MatterLegalBasis,
    MatterLocation,
    MatterMaterial,
    MatterPage,
    MatterResult,
    MatterSpecialStep,
    MatterStep,
)

# Snapshot keys that are not content (or are derived from other keys).
IGNORED = {"url", "updated_at", "short_url", "speedup_rate", "code", "public_updated_at", "version"}

LABELS = {
    "name": "事项名称",
    "type": "事项类型",
    "department": "实施主体",
    "catalogue_item": "基本目录",
    "legal_limit": "法定办结时限",
    "promised_limit": "承诺办结时限",
    "conditions": "受理条件",
    "materials": "申请材料",
    "steps": "办理流程",
    "special_steps": "特殊环节",
    "fees": "收费项目",
    "legal_basis": "设定依据",
    "results": "办理结果",
    "locations": "办理地点",
    "faqs": "常见问题",
    "themes": "主题分类",
    "service_objects": "服务对象",
    "aliases": "别名",
    "handling_forms": "办理形式",
    "windows": "办理窗口",
    "withdrawal": "暂停/取消",
}

# Child rows: how a row is named, and the model whose verbose names label its fields.
ROWS = {
    "materials": (lambda r: r.get("name", ""), MatterMaterial),
    "steps": (lambda r: r.get("name", ""), MatterStep),
    "special_steps": (lambda r: r.get("name", ""), MatterSpecialStep),
    "fees": (lambda r: r.get("name", ""), MatterFee),
    "legal_basis": (lambda r: f"{r.get('law_name', '')}{r.get('article', '')}", MatterLegalBasis),
    "results": (lambda r: r.get("name", ""), MatterResult),
    "locations": (lambda r: r.get("address", ""), MatterLocation),
    "faqs": (lambda r: r.get("question", ""), MatterFAQ),
    "windows": (lambda r: f"{r.get('number', '')}号窗口", None),
}


def label_for(key: str, model=MatterPage) -> str:
    if model is MatterPage and key in LABELS:
        return LABELS[key]
    if model is not None:
        try:
            return str(model._meta.get_field(key).verbose_name)
        except Exception:  # noqa: BLE001 — a serializer key that is not a model field
            pass
    return LABELS.get(key, key)


def show(value) -> str:
    """A snapshot value as the guide would print it."""
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return format_number(value)
    if isinstance(value, dict):
        if "label" in value:
            return str(value["label"])
        if "name" in value:
            return str(value["name"])
        return "，".join(f"{k} {show(v)}" for k, v in value.items() if v not in (None, ""))
    if isinstance(value, list):
        return "、".join(show(v) for v in value) or "（空）"
    return str(value)


def _time_limit_entry(key, a, b):
    a, b = a or {}, b or {}
    if a == b:
        return None
    label = label_for(key)
    av, bv = format_number(a.get("value")), format_number(b.get("value"))
    if a.get("unit") == b.get("unit") and av and bv:
        unit = b.get("unit") or ""
        text = f"{label} {av} → {bv} {'个' if unit == '工作日' else ''}{unit}".rstrip()
    else:
        left = f"{av} {a.get('unit', '')}".strip() if av else "（空）"
        right = f"{bv} {b.get('unit', '')}".strip() if bv else "（空）"
        text = f"{label} {left} → {right}"
    if av == bv and a.get("note") != b.get("note"):
        text = f"{label}说明 {show(a.get('note'))} → {show(b.get('note'))}"
    return {"field": key, "label": label, "kind": "changed", "from": a, "to": b, "item": "", "text": text}


def _row_entries(key, rows_a, rows_b):
    name_of, model = ROWS[key]
    label = label_for(key)
    by_name_a = {name_of(r): r for r in rows_a or []}
    by_name_b = {name_of(r): r for r in rows_b or []}
    entries = []
    for name, row in by_name_b.items():
        if name not in by_name_a:
            entries.append({"field": key, "label": label, "kind": "added", "from": None, "to": row, "item": name, "text": f"{label} 新增：{name}"})
    for name, row in by_name_a.items():
        if name not in by_name_b:
            entries.append({"field": key, "label": label, "kind": "removed", "from": row, "to": None, "item": name, "text": f"{label} 删除：{name}"})
    for name, row_b in by_name_b.items():
        row_a = by_name_a.get(name)
        if row_a is None or row_a == row_b:
            continue
        details = [
            f"{label_for(field, model)} {show(row_a.get(field))} → {show(row_b.get(field))}"
            for field in row_b
            if row_a.get(field) != row_b.get(field)
        ]
        entries.append({
            "field": key, "label": label, "kind": "changed", "from": row_a, "to": row_b, "item": name,
            "text": f"{label} 修改：{name}（{'；'.join(details)}）",
        })
    if not entries and [name_of(r) for r in rows_a or []] != [name_of(r) for r in rows_b or []]:
        entries.append({"field": key, "label": label, "kind": "changed", "from": rows_a, "to": rows_b, "item": "", "text": f"{label} 调整了顺序"})
    return entries


def _list_entries(key, a, b):
    label = label_for(key)
    a, b = a or [], b or []
    entries = [
        {"field": key, "label": label, "kind": "added", "from": None, "to": item, "item": item, "text": f"{label} 新增：{item}"}
        for item in b if item not in a
    ]
    entries += [
        {"field": key, "label": label, "kind": "removed", "from": item, "to": None, "item": item, "text": f"{label} 删除：{item}"}
        for item in a if item not in b
    ]
    return entries


def change_log(old: dict, new: dict) -> list[dict]:
    """Field-level changes from snapshot `old` to snapshot `new`, in the order of the guide."""
    entries = []
    keys = list(new.keys()) + [k for k in old.keys() if k not in new]
    for key in keys:
        if key in IGNORED:
            continue
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        if key in ("legal_limit", "promised_limit"):
            entry = _time_limit_entry(key, a, b)
            if entry:
                entries.append(entry)
        elif key in ROWS:
            entries += _row_entries(key, a, b)
        elif isinstance(a, list) or isinstance(b, list):
            entries += _list_entries(key, a, b)
        else:
            label = label_for(key)
            entries.append({"field": key, "label": label, "kind": "changed", "from": a, "to": b, "item": "", "text": f"{label} {show(a)} → {show(b)}"})
    return entries
