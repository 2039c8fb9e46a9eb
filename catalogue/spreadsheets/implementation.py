"""The 实施清单 spreadsheet: one XLSX template with a sheet per part (事项, 申请材料, 办理流程, 收费, 设定依据,
常见问题), Chinese headers and a data-validation list on every coded column.

Export writes any set of matters; import reads the same template, validates everything first (types, codes,
units, 承诺 ≤ 法定, references between sheets) and then either changes nothing and reports sheet, row, column and
reason, or applies every changed matter as a new revision (through the page's workflow, or published when an
administrator asks). A dry run reports the changes it would make. An export imported unchanged is 0 changes:
both sides are compared in the same canonical text.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import models, transaction

from catalogue import validation
from catalogue.choices import (
    CrossAreaScope,
    ExerciseLevel,
    HandlingType,
    MaterialForm,
    MaterialKind,
    MaterialSource,
    MatterStatus,
    MatterType,
    Necessity,
    OnlineDepth,
    PowerSource,
    TimeUnit,
)
from catalogue.models import (
    DepartmentPage,
    MatterCondition,
    MatterFAQ,
    MatterFee,
    MatterLegalBasis,
    MatterMaterial,
    MatterPage,
    MatterStep,
)
from catalogue.spreadsheets.tables import Sheet, read_xlsx, write_xlsx
from catalogue.time_limits import TimeLimit, format_number

YES, NO, UNKNOWN = "是", "否", "未注明"


@dataclass(frozen=True)
class Col:
    header: str
    attr: str
    kind: str = "text"  # text | choice | decimal | count | bool | nullbool
    choices: type[models.TextChoices] | None = None
    required: bool = False

    @property
    def allowed(self) -> list[str] | None:
        if self.kind == "choice":
            return list(self.choices.labels)
        if self.kind == "bool":
            return [YES, NO]
        if self.kind == "nullbool":
            return [YES, NO, UNKNOWN]
        return None

    def to_text(self, obj) -> str:
        value = getattr(obj, self.attr)
        if self.kind == "choice":
            return self.choices(value).label if value else ""
        if self.kind == "decimal":
            return "" if value is None else format_number(Decimal(value))
        if self.kind == "count":
            return "" if value is None else str(value)
        if self.kind == "bool":
            return YES if value else NO
        if self.kind == "nullbool":
            return UNKNOWN if value is None else YES if value else NO
        return (value or "").strip()

    def parse(self, text: str) -> str:
        """The canonical text of a cell; ValueError with the reason when it is not acceptable."""
        text = (text or "").strip()
        if not text:
            if self.required:
                raise ValueError("不能为空")
            return UNKNOWN if self.kind == "nullbool" else NO if self.kind == "bool" else ""
        if self.allowed is not None and text not in self.allowed:
            raise ValueError(f"“{text[:30]}”不在代码表中，可选：{'、'.join(self.allowed)}")
        if self.kind == "decimal":
            try:
                number = Decimal(text)
            except InvalidOperation:
                raise ValueError(f"“{text[:30]}”不是数字")
            if number < 0 or number != number.quantize(Decimal("0.1")):
                raise ValueError(f"“{text[:30]}”应为不小于0、最多一位小数的数字")
            return format_number(number)
        if self.kind == "count":
            if not text.removesuffix(".0").isdigit():
                raise ValueError(f"“{text[:30]}”应为非负整数")
            return text.removesuffix(".0")
        return text

    def to_value(self, text: str):
        if self.kind == "choice":
            return next((v for v, label in self.choices.choices if label == text), "")
        if self.kind == "decimal":
            return Decimal(text) if text else None
        if self.kind == "count":
            return int(text) if text else None
        if self.kind == "bool":
            return text == YES
        if self.kind == "nullbool":
            return None if text == UNKNOWN else text == YES
        return text


MATTER_SHEET = "事项"
CONDITIONS_HEADER = "受理条件"
MATTER_COLS = [
    Col("实施编码", "code", required=True),
    Col("事项名称", "title", required=True),
    Col("基本编码", "basic_code"),
    Col("事项类型", "matter_type", "choice", MatterType, required=True),
    Col("行使层级", "exercise_level", "choice", ExerciseLevel, required=True),
    Col("权力来源", "power_source", "choice", PowerSource, required=True),
    Col("事项状态", "status", "choice", MatterStatus, required=True),
    Col("办件类型", "handling_type", "choice", HandlingType, required=True),
    Col("法定办结时限", "legal_limit_value", "decimal"),
    Col("法定时限单位", "legal_limit_unit", "choice", TimeUnit, required=True),
    Col("承诺办结时限", "promised_limit_value", "decimal"),
    Col("承诺时限单位", "promised_limit_unit", "choice", TimeUnit, required=True),
    Col("是否收费", "charges", "nullbool"),
    Col("数量限制", "quantity_limit"),
    Col("禁止性要求", "prohibitions"),
    Col("网上办理深度", "online_depth", "choice", OnlineDepth, required=True),
    Col("到办事现场次数", "visits", "count", required=True),
    Col("通办范围", "cross_area_scope", "choice", CrossAreaScope, required=True),
    Col("办理时间", "office_hours"),
    Col("咨询电话", "consult_phone"),
    Col("监督投诉电话", "complaint_phone"),
]
DEPARTMENT_HEADER = "实施主体编码"
CODE, ORDER = "实施编码", "序号"


@dataclass(frozen=True)
class ChildSheet:
    title: str
    relation: str
    model: type
    cols: list[Col]


CHILD_SHEETS = [
    ChildSheet("申请材料", "materials", MatterMaterial, [
        Col("材料名称", "name", required=True),
        Col("必要性", "necessity", "choice", Necessity),
        Col("材料类型", "kind", "choice", MaterialKind),
        Col("材料形式", "form", "choice", MaterialForm),
        Col("原件份数", "originals", "count"),
        Col("复印件份数", "copies", "count"),
        Col("纸质规格", "paper_size"),
        Col("来源渠道", "source", "choice", MaterialSource),
        Col("出具单位", "source_body"),
        Col("填报须知", "instructions"),
        Col("受理标准", "acceptance_standard"),
        Col("依据", "basis"),
        Col("适用情形", "situation"),
    ]),
    ChildSheet("办理流程", "steps", MatterStep, [
        Col("环节", "name", required=True), Col("岗位/办理人员", "handler"), Col("办理时限", "time_limit"),
        Col("审查标准", "review_standard"), Col("办理结果", "result"),
    ]),
    ChildSheet("收费", "fees", MatterFee, [
        Col("收费项目", "name", required=True), Col("收费标准", "standard", required=True), Col("收费依据", "basis"),
        Col("允许减免", "reducible", "bool"), Col("减免依据", "reduction_basis"),
    ]),
    ChildSheet("设定依据", "legal_bases", MatterLegalBasis, [
        Col("法律法规名称", "law_name", required=True), Col("文号", "document_number"), Col("条款", "article"), Col("条款内容", "text"),
    ]),
    ChildSheet("常见问题", "faqs", MatterFAQ, [Col("问题", "question", required=True), Col("解答", "answer", required=True)]),
]


def _max_length(model, attr):
    try:
        return model._meta.get_field(attr).max_length
    except Exception:
        return None


# —— export ——
def matter_snapshot(matter: MatterPage) -> dict:
    """Everything the template holds about a matter, as canonical text."""
    snapshot = {col.header: col.to_text(matter) for col in MATTER_COLS}
    snapshot[CONDITIONS_HEADER] = "\n".join(c.text.strip() for c in matter.conditions.all())
    for child in CHILD_SHEETS:
        snapshot[child.title] = [tuple(col.to_text(row) for col in child.cols) for row in getattr(matter, child.relation).all()]
    return snapshot


def export_workbook(matters) -> bytes:
    """The template filled with the given matters (their latest revisions: what an editor is working on)."""
    departments = {d.path: d for d in DepartmentPage.objects.all()}
    matter_sheet = Sheet(MATTER_SHEET, [col.header for col in MATTER_COLS[:2]] + [DEPARTMENT_HEADER] + [col.header for col in MATTER_COLS[2:]] + [CONDITIONS_HEADER],
                         choices={c.header: c.allowed for c in MATTER_COLS if c.allowed})
    child_sheets = [Sheet(c.title, [CODE, ORDER] + [col.header for col in c.cols], choices={col.header: col.allowed for col in c.cols if col.allowed})
                    for c in CHILD_SHEETS]
    for page in matters.order_by("code"):
        matter = page.get_latest_revision_as_object() if page.has_unpublished_changes else page
        snapshot = matter_snapshot(matter)
        department = departments.get(page.path[: -MatterPage.steplen])
        values = [snapshot[c.header] for c in MATTER_COLS]
        matter_sheet.rows.append(values[:2] + [department.org_code if department else ""] + values[2:] + [snapshot[CONDITIONS_HEADER]])
        for child, sheet in zip(CHILD_SHEETS, child_sheets, strict=True):
            for i, row in enumerate(snapshot[child.title], start=1):
                sheet.rows.append([matter.code, str(i), *row])
    return write_xlsx([matter_sheet, *child_sheets])


# —— import ——
@dataclass
class Problem:
    sheet: str
    row: int
    column: str
    reason: str

    def __str__(self):
        return f"工作表“{self.sheet}”第{self.row}行“{self.column}”列：{self.reason}"


@dataclass
class MatterChange:
    code: str
    title: str
    created: bool
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (column, old, new)


@dataclass
class ImportReport:
    problems: list[Problem] = field(default_factory=list)
    changes: list[MatterChange] = field(default_factory=list)
    unchanged: int = 0
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def __str__(self):
        if self.problems:
            return f"文件有 {len(self.problems)} 处错误，未作任何修改：\n" + "\n".join(str(p) for p in self.problems)
        verb = "已导入" if self.applied else "将导入（试运行，未修改）"
        return f"{verb}：{len(self.changes)} 个事项有变化，{self.unchanged} 个未变"


def _parse_cells(cols, row, sheet, number, problems) -> list[str]:
    values = []
    for col in cols:
        try:
            text = col.parse(row.get(col.header, ""))
            limit = _max_length(MatterPage if sheet == MATTER_SHEET else next(c.model for c in CHILD_SHEETS if c.title == sheet), col.attr)
            if limit and col.kind == "text" and len(text) > limit:
                raise ValueError(f"长度 {len(text)} 超过上限 {limit}")
        except ValueError as error:
            problems.append(Problem(sheet, number, col.header, str(error)))
            text = ""
        values.append(text)
    return values


def _read(data: bytes, report: ImportReport):
    sheets = read_xlsx(data)
    expected = {MATTER_SHEET: [c.header for c in MATTER_COLS] + [DEPARTMENT_HEADER, CONDITIONS_HEADER]}
    expected.update({c.title: [CODE, ORDER] + [col.header for col in c.cols] for c in CHILD_SHEETS})
    for title, headers in expected.items():
        if title not in sheets:
            report.problems.append(Problem(title, 1, "", "缺少该工作表"))
            continue
        for header in headers:
            if header not in sheets[title][0]:
                report.problems.append(Problem(title, 1, header, "缺少该列"))
    return sheets


def parse_workbook(data: bytes) -> tuple[ImportReport, dict[str, dict], dict[str, str]]:
    """(report, code → parsed snapshot, code → department code). Every problem of the file is collected."""
    report = ImportReport()
    sheets = _read(data, report)
    if report.problems:
        return report, {}, {}
    parsed: dict[str, dict] = {}
    departments: dict[str, str] = {}
    rows_at: dict[str, int] = {}
    known_departments = set(DepartmentPage.objects.values_list("org_code", flat=True))
    existing = set(MatterPage.objects.values_list("code", flat=True))
    for number, row in sheets[MATTER_SHEET][1]:
        values = _parse_cells(MATTER_COLS, row, MATTER_SHEET, number, report.problems)
        snapshot = dict(zip([c.header for c in MATTER_COLS], values, strict=True))
        code = snapshot["实施编码"]
        if not code:
            continue
        if code in parsed:
            report.problems.append(Problem(MATTER_SHEET, number, "实施编码", f"“{code}”在第{rows_at[code]}行已出现"))
            continue
        department = row.get(DEPARTMENT_HEADER, "").strip()
        if code not in existing and department not in known_departments:
            report.problems.append(Problem(MATTER_SHEET, number, DEPARTMENT_HEADER, f"新事项须填写已有实施主体的编码，“{department}”不存在"))
        conditions = [line.strip() for line in row.get(CONDITIONS_HEADER, "").splitlines() if line.strip()]
        snapshot[CONDITIONS_HEADER] = "\n".join(conditions)
        for child in CHILD_SHEETS:
            snapshot[child.title] = []
        _check_limits(snapshot, number, report)
        parsed[code], departments[code], rows_at[code] = snapshot, department, number
    ordered: dict[tuple[str, str], list] = defaultdict(list)
    for child in CHILD_SHEETS:
        for number, row in sheets[child.title][1]:
            code = row.get(CODE, "").strip()
            if code not in parsed:
                report.problems.append(Problem(child.title, number, CODE, f"“{code}”不在“事项”工作表中"))
                continue
            order = row.get(ORDER, "").strip().removesuffix(".0")
            if not order.isdigit():
                report.problems.append(Problem(child.title, number, ORDER, f"“{order}”应为正整数"))
                continue
            values = _parse_cells(child.cols, row, child.title, number, report.problems)
            ordered[(code, child.title)].append((int(order), number, tuple(values)))
    for (code, title), rows in ordered.items():
        parsed[code][title] = [values for _, _, values in sorted(rows)]
    for code, snapshot in parsed.items():
        charges = snapshot["是否收费"] == YES
        fees = [{"name": r[0], "basis": r[2]} for r in snapshot["收费"]]
        for message in validation.fee_errors(charges, fees):
            report.problems.append(Problem(MATTER_SHEET, rows_at[code], "是否收费", message))
    return report, parsed, departments


def _check_limits(snapshot: dict, number: int, report: ImportReport):
    cols = {c.header: c for c in MATTER_COLS}
    if any(p.row == number and p.sheet == MATTER_SHEET for p in report.problems):
        return
    legal = TimeLimit(cols["法定办结时限"].to_value(snapshot["法定办结时限"]), cols["法定时限单位"].to_value(snapshot["法定时限单位"]))
    promised = TimeLimit(cols["承诺办结时限"].to_value(snapshot["承诺办结时限"]), cols["承诺时限单位"].to_value(snapshot["承诺时限单位"]))
    if promised.value == 0:
        promised = TimeLimit(None, promised.unit)
    handling_type = cols["办件类型"].to_value(snapshot["办件类型"])
    for field_name, message in validation.limit_errors(handling_type, legal, promised).items():
        column = "承诺办结时限" if field_name.startswith("promised") else "法定办结时限"
        report.problems.append(Problem(MATTER_SHEET, number, column, message))


def _differences(old: dict, new: dict) -> list[tuple[str, str, str]]:
    result = []
    for key, value in new.items():
        before = old.get(key)
        if before != value:
            if isinstance(value, list):
                result.append((key, f"{len(before or [])} 行", f"{len(value)} 行（内容有变）"))
            else:
                result.append((key, before or "", value))
    return result


def _apply(matter: MatterPage, snapshot: dict):
    for col in MATTER_COLS:
        setattr(matter, col.attr, col.to_value(snapshot[col.header]))
    matter.conditions = [MatterCondition(sort_order=i, text=t) for i, t in enumerate(snapshot[CONDITIONS_HEADER].splitlines()) if t]
    for child in CHILD_SHEETS:
        previous = {getattr(r, child.cols[0].attr): r for r in getattr(matter, child.relation).all()}
        rows = []
        for i, values in enumerate(snapshot[child.title]):
            row = child.model(sort_order=i, **{col.attr: col.to_value(v) for col, v in zip(child.cols, values, strict=True)})
            old = previous.get(values[0])
            if child.model is MatterMaterial and old is not None:  # keep what the template does not carry
                row.shared_material, row.blank_form, row.sample_form = old.shared_material, old.blank_form, old.sample_form
            rows.append(row)
        setattr(matter, child.relation, rows)


def import_workbook(data: bytes, *, user=None, dry_run: bool = False, publish: bool = False) -> ImportReport:
    report, parsed, departments = parse_workbook(data)
    if report.problems:
        return report
    pages = {p.code: p for p in MatterPage.objects.filter(code__in=parsed.keys())}
    department_pages = {d.org_code: d for d in DepartmentPage.objects.filter(org_code__in=set(departments.values()))}
    plan = []
    for code, snapshot in parsed.items():
        page = pages.get(code)
        if page is None:
            report.changes.append(MatterChange(code, snapshot["事项名称"], True, [("事项", "", "新增")]))
            plan.append((None, snapshot, department_pages[departments[code]]))
            continue
        current = page.get_latest_revision_as_object()
        fields = _differences(matter_snapshot(current), snapshot)
        if fields:
            report.changes.append(MatterChange(code, snapshot["事项名称"], False, fields))
            plan.append((current, snapshot, None))
        else:
            report.unchanged += 1
    if dry_run or not plan:
        report.applied = not dry_run
        return report
    from catalogue.unified import _start_workflow

    with transaction.atomic():
        for matter, snapshot, department in plan:
            if matter is None:
                matter = MatterPage(slug=snapshot["实施编码"].lower(), live=False)
                _apply(matter, snapshot)
                department.add_child(instance=matter)
            else:
                _apply(matter, snapshot)
            revision = matter.save_revision(user=user, log_action=True, clean=False)
            if publish:
                revision.publish(user=user)
            else:
                _start_workflow(matter, user)
    report.applied = True
    return report
