"""A matter as an importer sees it: plain values, before any database object exists."""

import hashlib
import json
from dataclasses import asdict, dataclass, field


class RowError(Exception):
    """A source row that cannot be imported; names where it is so an editor can fix the file."""

    def __init__(self, line: int, field: str, message: str, sheet: str = ""):
        self.line, self.field, self.message, self.sheet = line, field, message, sheet
        where = f"工作表“{sheet}”" if sheet else ""
        super().__init__(f"{where}第{line}行，字段“{field}”：{message}")


@dataclass
class DepartmentRecord:
    org_code: str
    name: str
    region_code: str  # 12 digits
    region_name: str
    parent_region_code: str = ""
    parent_region_name: str = ""


@dataclass
class CatalogueRecord:
    code: str
    name: str
    level: str
    parent_code: str = ""
    parent_name: str = ""


@dataclass
class MatterRecord:
    line: int
    code: str
    title: str
    department: DepartmentRecord
    catalogue: CatalogueRecord | None
    fields: dict = field(default_factory=dict)  # MatterPage field name → value
    conditions: list[str] = field(default_factory=list)
    materials: list[dict] = field(default_factory=list)
    locations: list[dict] = field(default_factory=list)
    aliases: list[dict] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    service_objects: list[str] = field(default_factory=list)
    steps: list[dict] = field(default_factory=list)
    fees: list[dict] = field(default_factory=list)
    legal_bases: list[dict] = field(default_factory=list)
    results: list[dict] = field(default_factory=list)
    faqs: list[dict] = field(default_factory=list)

    def fingerprint(self) -> str:
        data = asdict(self)
        data.pop("line")
        return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def check_lengths(record: MatterRecord) -> None:
    """Every text value must fit its model field: an oversized value is a RowError, not a database error."""
    from catalogue.importers.writer import CHILD_MODELS
    from catalogue.models import MatterPage

    def check(model, values: dict, prefix: str = ""):
        for name, value in values.items():
            if not isinstance(value, str):
                continue
            limit = getattr(model._meta.get_field(name), "max_length", None)
            if limit and len(value) > limit:
                label = model._meta.get_field(name).verbose_name
                raise RowError(record.line, f"{prefix}{label}", f"长度 {len(value)} 超过上限 {limit}：“{value[:30]}…”")

    check(MatterPage, dict(record.fields, title=record.title, code=record.code))
    rows = {"conditions": [{"text": t} for t in record.conditions], "materials": record.materials, "locations": record.locations,
            "alias_names": record.aliases, "steps": record.steps, "fees": record.fees, "legal_bases": record.legal_bases,
            "results": record.results, "faqs": record.faqs}
    for relation, values in rows.items():
        model = CHILD_MODELS[relation]
        for number, row in enumerate(values, start=1):
            check(model, row, prefix=f"{model._meta.verbose_name}{number}.")
