"""Reading and writing the 标准明细表: the national CSV and the centre's XLSX.

All or nothing, like the matter importer: every row is read and checked first; one bad cell stops the whole
import with the row (line) and column named, and nothing is written. Then one transaction writes.
"""

import csv
import datetime
import hashlib
import io
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import Count
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font

from catalogue.importers.records import RowError
from search.admin_backend import deferred_indexing
from standards.choices import STATUS_BY_LABEL, StandardSource, StandardStatus
from standards.models import ApplicableLevel, Standard
from standards.numbers import KIND_ENTERPRISE, KIND_NATIONAL, StandardNumberError, parse_number
from standards.publishing import publish
from standards.system import find_category, seed_system

SHEET_TITLE = "标准明细表"

# field → (CSV header, XLSX header)
COLUMNS: list[tuple[str, str, str]] = [
    ("number", "number", "标准编号"),
    ("title", "title", "标准名称"),
    ("title_en", "title_en", "英文名称"),
    ("category", "category", "体系类别"),
    ("status", "status", "状态"),
    ("issued_on", "issued", "发布日期"),
    ("effective_on", "effective", "实施日期"),
    ("abolished_on", "abolished", "废止日期"),
    ("issuing_body", "issuing_body", "发布机构"),
    ("responsible_body", "responsible_body", "归口单位"),
    ("drafters", "drafters", "起草人"),
    ("levels", "levels", "适用层级"),
    ("replaces", "replaces", "代替标准"),
    ("replaced_by", "replaced_by", "被代替标准"),
    ("note", "note", "备注"),
]
REQUIRED = {"number", "title", "category", "status"}
EXPORT_ONLY = ["序号", "规范事项数"]
_LIST_SPLIT = re.compile(r"[；;，,、\n]+")
_TEXT_FIELDS = ("title", "title_en", "issuing_body", "responsible_body", "drafters", "note")


class StandardImportError(Exception):
    def __init__(self, errors: list[RowError]):
        self.errors = errors
        shown = "\n".join(str(e) for e in errors[:20])
        more = f"\n……另有 {len(errors) - 20} 处错误" if len(errors) > 20 else ""
        super().__init__(f"标准明细表有 {len(errors)} 处错误，未导入任何数据：\n{shown}{more}")


@dataclass
class StandardRecord:
    line: int
    number: str
    title: str
    category_code: str
    status: str
    title_en: str = ""
    issued_on: datetime.date | None = None
    effective_on: datetime.date | None = None
    abolished_on: datetime.date | None = None
    issuing_body: str = ""
    responsible_body: str = ""
    drafters: str = ""
    levels: list[str] = field(default_factory=list)
    replaces: list[str] = field(default_factory=list)
    replaced_by: list[str] = field(default_factory=list)
    note: str = ""

    def fingerprint(self) -> str:
        data = asdict(self)
        data.pop("line")
        return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value, line: int, column: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", text)
    if not match:
        raise RowError(line, column, f"日期“{text}”无法识别，请写成 2023-03-17")
    try:
        return datetime.date(*(int(g) for g in match.groups()))
    except ValueError:
        raise RowError(line, column, f"日期“{text}”不存在")


def parse_row(values: dict, line: int, headers: dict[str, str]) -> StandardRecord:
    """`values`: field name → raw cell value; `headers`: field name → the column heading used in messages."""
    def cell(name):
        return _text(values.get(name))

    for name in REQUIRED:
        if not cell(name):
            raise RowError(line, headers[name], "不能为空")
    try:
        number = str(parse_number(cell("number")))
    except StandardNumberError as error:
        raise RowError(line, headers["number"], str(error))
    category = find_category(cell("category"))
    if category is None:
        raise RowError(line, headers["category"], f"标准体系表中没有类别“{cell('category')}”")
    status_text = cell("status")
    status = STATUS_BY_LABEL.get(status_text) or (status_text if status_text in StandardStatus.values else None)
    if status is None:
        raise RowError(line, headers["status"], f"状态“{status_text}”应为 草案、即将实施、现行 或 废止")
    record = StandardRecord(line=line, number=number, title=cell("title"), category_code=category.code, status=status)
    for name in ("issued_on", "effective_on", "abolished_on"):
        setattr(record, name, _date(values.get(name), line, headers[name]))
    if record.issued_on and record.effective_on and record.effective_on < record.issued_on:
        raise RowError(line, headers["effective_on"], "实施日期早于发布日期")
    for name in _TEXT_FIELDS:
        if name != "title":
            setattr(record, name, cell(name))
        limit = Standard._meta.get_field(name).max_length
        if limit and len(getattr(record, name)) > limit:
            raise RowError(line, headers[name], f"长度 {len(getattr(record, name))} 超过上限 {limit}")
    level_names = {level.name: level.code for level in ApplicableLevel.objects.all()}
    for name in (n.strip() for n in _LIST_SPLIT.split(cell("levels")) if n.strip()):
        if name not in level_names:
            raise RowError(line, headers["levels"], f"适用层级“{name}”应为 {'、'.join(level_names)} 之一")
        record.levels.append(level_names[name])
    for name in ("replaces", "replaced_by"):
        for text in (n.strip() for n in _LIST_SPLIT.split(cell(name)) if n.strip()):
            try:
                getattr(record, name).append(str(parse_number(text)))
            except StandardNumberError as error:
                raise RowError(line, headers[name], str(error))
            if getattr(record, name)[-1] == number:
                raise RowError(line, headers[name], "标准不能代替自己")
    return record


def check_records(records: list[StandardRecord], headers: dict[str, str], errors: list[RowError]) -> None:
    seen: dict[str, int] = {}
    for record in records:
        if record.number in seen:
            errors.append(RowError(record.line, headers["number"], f"标准编号 {record.number} 与第{seen[record.number]}行重复"))
        seen.setdefault(record.number, record.line)
    known = set(seen) | set(Standard.objects.filter(number__in=[n for r in records for n in r.replaces + r.replaced_by]).values_list("number", flat=True))
    for record in records:
        for name in ("replaces", "replaced_by"):
            for number in getattr(record, name):
                if number not in known:
                    errors.append(RowError(record.line, headers[name], f"找不到标准 {number}：请先导入它，或在本表中列出"))


def read_csv(path: Path) -> list[StandardRecord]:
    headers = {name: csv_name for name, csv_name, _ in COLUMNS}
    text = Path(path).read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    missing = [h for n, h in headers.items() if n in REQUIRED and h not in (reader.fieldnames or [])]
    if missing:
        raise StandardImportError([RowError(1, "、".join(missing), "缺少这些列")])
    records, errors = [], []
    for line, row in enumerate(reader, start=2):
        values = {name: row.get(csv_name) for name, csv_name in headers.items()}
        try:
            records.append(parse_row(values, line, headers))
        except RowError as error:
            errors.append(error)
    check_records(records, headers, errors)
    if errors:
        raise StandardImportError(errors)
    return records


def read_xlsx(source) -> list[StandardRecord]:
    headers = {name: xlsx_name for name, _, xlsx_name in COLUMNS}
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises several types for a file that is not a workbook
        raise StandardImportError([RowError(1, "文件", f"不是有效的 XLSX 文件（{error.__class__.__name__}）")])
    sheet = workbook[SHEET_TITLE] if SHEET_TITLE in workbook.sheetnames else workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    heading_row = [_text(v) for v in next(rows, ())]
    position = {name: heading_row.index(title) for name, title in headers.items() if title in heading_row}
    missing = [headers[n] for n in REQUIRED if n not in position]
    if missing:
        raise StandardImportError([RowError(1, "、".join(missing), "缺少这些列", sheet=sheet.title)])
    records, errors = [], []
    for line, row in enumerate(rows, start=2):
        if not any(v not in (None, "") for v in row):
            continue
        values = {name: (row[i] if i < len(row) else None) for name, i in position.items()}
        try:
            records.append(parse_row(values, line, headers))
        except RowError as error:
            error.sheet = sheet.title
            errors.append(RowError(error.line, error.field, error.message, sheet=sheet.title))
    workbook.close()
    check_records(records, headers, errors)
    if errors:
        raise StandardImportError(errors)
    return records


def _creation_order(records: list[StandardRecord]) -> tuple[list[StandardRecord], dict[str, set[str]]]:
    """Replaced editions before the editions that replace them, so every 代替 link can be set on creation."""
    by_number = {r.number: r for r in records}
    older: dict[str, set[str]] = {r.number: set(r.replaces) for r in records}
    for r in records:
        for newer in r.replaced_by:
            older.setdefault(newer, set()).add(r.number)
    ordered, done = [], set()

    def visit(number, trail=()):
        if number in done or number not in by_number:
            return
        if number in trail:
            raise StandardImportError([RowError(by_number[number].line, "代替标准", "代替关系形成了循环")])
        for previous in sorted(older.get(number, ())):
            visit(previous, trail + (number,))
        done.add(number)
        ordered.append(by_number[number])

    for record in records:
        visit(record.number)
    return ordered, older


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self):
        return f"新增 {self.created} 项，更新 {self.updated} 项，未变 {self.unchanged} 项"


def _default_issuing_body(number: str, year: int) -> str:
    if parse_number(number).kind != KIND_NATIONAL:
        return ""
    if year >= 2018:
        return "国家市场监督管理总局、国家标准化管理委员会"
    return "中华人民共和国国家质量监督检验检疫总局、中国国家标准化管理委员会"


def write_records(records: list[StandardRecord], *, user=None, keep_edits: bool = True) -> ImportResult:
    with transaction.atomic(), deferred_indexing():
        return _write_records(records, user=user, keep_edits=keep_edits)


def _write_records(records: list[StandardRecord], *, user=None, keep_edits: bool = True) -> ImportResult:
    """Create or update one standard per record. With `keep_edits`, a standard whose source row has not changed
    since the last import is left as editors made it (re-running the demo import changes nothing)."""
    from standards.system import find_category

    seed_system()
    ordered, older = _creation_order(records)
    effective = {r.number: r.effective_on for r in records}
    levels = {level.code: level for level in ApplicableLevel.objects.all()}
    result = ImportResult()
    for record in ordered:
        fingerprint = record.fingerprint()
        standard = Standard.objects.filter(number=record.number).first()
        if standard is not None and keep_edits and standard.source_fingerprint == fingerprint:
            result.unchanged += 1
            continue
        is_new = standard is None
        standard = standard or Standard(number=record.number)
        abolished_on = record.abolished_on
        if record.status == StandardStatus.ABOLISHED and abolished_on is None:
            newer = [effective.get(n) for n in record.replaced_by if effective.get(n)]
            abolished_on = min(newer) if newer else None
        values = {
            "title": record.title, "title_en": record.title_en, "category": find_category(record.category_code),
            "status": record.status, "issued_on": record.issued_on, "effective_on": record.effective_on,
            "abolished_on": abolished_on, "issuing_body": record.issuing_body or _default_issuing_body(record.number, parse_number(record.number).year),
            "responsible_body": record.responsible_body, "drafters": record.drafters, "note": record.note,
        }
        replaces = sorted(older.get(record.number, set()))
        replace_objects = list(Standard.objects.filter(number__in=replaces))
        current_levels = sorted(level.code for level in standard.levels.all()) if not is_new else []
        current_replaces = sorted(s.number for s in standard.replaces.all()) if not is_new else []
        changed = is_new or any(getattr(standard, k) != v for k, v in values.items()) or current_levels != sorted(record.levels) or current_replaces != replaces
        if not changed:
            if standard.source_fingerprint != fingerprint:
                Standard.objects.filter(pk=standard.pk).update(source_fingerprint=fingerprint)
            result.unchanged += 1
            continue
        for name, value in values.items():
            setattr(standard, name, value)
        if is_new:
            standard.source = StandardSource.CENTRE if parse_number(record.number).kind == KIND_ENTERPRISE else StandardSource.EXTERNAL
        standard.source_fingerprint = fingerprint
        standard.levels = [levels[c] for c in record.levels]
        standard.replaces = replace_objects
        publish(standard, user=user)
        if is_new:
            result.created += 1
        else:
            result.updated += 1
    return result


def export_xlsx(queryset=None) -> bytes:
    queryset = (queryset if queryset is not None else Standard.objects.filter(live=True)).select_related("category").prefetch_related(
        "levels", "replaces", "replaced_by"
    )
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    titles = [EXPORT_ONLY[0]] + [xlsx for _, _, xlsx in COLUMNS] + [EXPORT_ONLY[1]]
    sheet.append(titles)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    matter_counts = dict(
        Standard.matters.through.objects.filter(standard__in=queryset).values_list("standard_id").annotate(n=Count("id"))
    )
    for index, s in enumerate(queryset.order_by("sort_key"), start=1):
        sheet.append([
            index, s.number, s.title, s.title_en, f"{s.category.code} {s.category.name}", s.get_status_display(),
            s.issued_on, s.effective_on, s.abolished_on, s.issuing_body, s.responsible_body, s.drafters,
            "、".join(level.name for level in s.levels.all()),
            "；".join(r.number for r in s.replaces.all()),
            "；".join(r.number for r in s.replaced_by.all()),
            s.note, matter_counts.get(s.pk, 0),
        ])
    for column, width in zip("ABCDEFGHIJKLMNOPQ", [6, 22, 50, 30, 24, 8, 12, 12, 12, 30, 24, 20, 12, 22, 22, 30, 10], strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2, min_col=7, max_col=9):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "C2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
