"""Which elements of a matter differ between two published revisions (for the page a printed QR code opens)."""

from catalogue.models import MatterPage

CHILD_RELATIONS = {
    "conditions": "受理条件",
    "materials": "申请材料",
    "steps": "办理流程",
    "special_steps": "特殊环节",
    "fees": "收费项目",
    "legal_bases": "设定依据",
    "results": "办理结果",
    "locations": "办理地点",
    "faqs": "常见问题",
}
IGNORED = {
    "id", "pk", "path", "depth", "numchild", "url_path", "latest_revision", "live_revision", "latest_revision_created_at",
    "last_published_at", "first_published_at", "has_unpublished_changes", "draft_title", "live", "locked", "locked_at",
    "locked_by", "owner", "content_type", "page_ptr", "import_hash", "translation_key", "locale", "alias_of", "go_live_at",
    "expire_at", "expired", "slug", "search_description", "seo_title", "show_in_menus", "alias_names",
}


def _rows(value):
    return [{k: v for k, v in row.items() if k not in ("pk", "id", "page", "sort_order")} for row in (value or [])]


def changed_fields(old: dict, new: dict) -> list[str]:
    labels = []
    fields = {f.name: f for f in MatterPage._meta.get_fields() if hasattr(f, "verbose_name")}
    for name in sorted(set(old) | set(new), key=lambda n: list(fields).index(n) if n in fields else 999):
        if name in IGNORED:
            continue
        if name in CHILD_RELATIONS:
            if _rows(old.get(name)) != _rows(new.get(name)):
                labels.append(CHILD_RELATIONS[name])
        elif old.get(name) != new.get(name) and name in fields:
            label = str(fields[name].verbose_name)
            if name.endswith("_unit") or name.endswith("_note"):
                label = label.replace("单位", "").replace("说明", "")
            if label not in labels:
                labels.append(label)
    return labels
