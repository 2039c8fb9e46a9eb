"""The 权责清单 as a spreadsheet: sheet 职权 and sheet 责任事项, Chinese headers, coded columns validated."""

from dataclasses import dataclass, field

from django.db import transaction
from django.http import Http404, HttpResponse

from catalogue.choices import ExerciseLevel, PowerSource
from catalogue.models import DepartmentPage, MatterPage, PowerBasis, PowerEntry, ResponsibilityItem
from catalogue.models.powers import PowerType, ResponsibilityStage, stages_for
from catalogue.spreadsheets.tables import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, Sheet, read_xlsx, write_csv, write_xlsx

ENTRY_HEADERS = ["职权编码", "职权名称", "职权类型", "实施主体编码", "实施主体", "承办机构", "行使层级", "权力来源", "职权依据", "运行流程", "廉政风险点", "对应事项实施编码"]
DUTY_HEADERS = ["职权编码", "环节", "责任事项", "责任依据", "追责情形", "追责依据"]
ENTRY_SHEET, DUTY_SHEET = "职权", "责任事项"
SEP = "｜"


def _bases_text(entry) -> str:
    return "\n".join(SEP.join(p for p in (b.law_name, b.article) if p) for b in entry.bases.all())


def power_sheets(entries) -> list[Sheet]:
    entry_rows, duty_rows = [], []
    for e in entries:
        entry_rows.append([
            e.code, e.name, e.get_power_type_display(), e.department.org_code, e.department.title, e.handling_body,
            e.get_exercise_level_display(), e.get_power_source_display(), _bases_text(e), e.flow_description, e.integrity_risks,
            e.matter.code if e.matter_id else "",
        ])
        for r in e.responsibilities.all():
            duty_rows.append([e.code, r.get_stage_display(), r.duty, r.basis, r.accountability_cases, r.accountability_basis])
    return [
        Sheet(ENTRY_SHEET, ENTRY_HEADERS, entry_rows, choices={
            "职权类型": PowerType.labels, "行使层级": ExerciseLevel.labels, "权力来源": PowerSource.labels}),
        Sheet(DUTY_SHEET, DUTY_HEADERS, duty_rows, choices={"环节": ResponsibilityStage.labels}),
    ]


def live_entries(department_code: str | None = None):
    entries = PowerEntry.objects.filter(live=True).select_related("department", "matter").prefetch_related("bases", "responsibilities")
    if department_code:
        entries = entries.filter(department__org_code=department_code)
    return entries.order_by("code")


def power_download(fmt: str, department: str | None = None) -> HttpResponse:
    from urllib.parse import quote

    sheets = power_sheets(live_entries(department))
    if fmt == "xlsx":
        response = HttpResponse(write_xlsx(sheets), content_type=XLSX_CONTENT_TYPE)
    elif fmt == "csv":
        response = HttpResponse(write_csv(sheets[0].headers, sheets[0].rows), content_type=CSV_CONTENT_TYPE)
    else:
        raise Http404("不支持的下载格式")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote('权责清单')}.{fmt}"
    return response


@dataclass
class RowProblem:
    sheet: str
    row: int
    column: str
    reason: str

    def __str__(self):
        return f"工作表“{self.sheet}”第{self.row}行“{self.column}”列：{self.reason}"


@dataclass
class PowerImportResult:
    problems: list[RowProblem] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _label_map(choices) -> dict[str, str]:
    return {label: value for value, label in choices.choices}


def import_powers(data: bytes, *, user=None, dry_run: bool = False) -> PowerImportResult:
    """Validate the whole file first; a single bad cell rejects it with sheet, row, column and reason and
    changes nothing. Otherwise every changed entry gets a new revision (a draft for review); new entries are
    created as drafts too."""
    result = PowerImportResult()
    sheets = read_xlsx(data)
    for name, headers in ((ENTRY_SHEET, ENTRY_HEADERS), (DUTY_SHEET, DUTY_HEADERS)):
        if name not in sheets:
            result.problems.append(RowProblem(name, 1, "", "缺少该工作表"))
            continue
        missing = [h for h in headers if h not in sheets[name][0]]
        if missing:
            result.problems.append(RowProblem(name, 1, missing[0], "缺少该列"))
    if result.problems:
        return result
    types, levels, sources = _label_map(PowerType), _label_map(ExerciseLevel), _label_map(PowerSource)
    stages = _label_map(ResponsibilityStage)
    departments = {d.org_code: d for d in DepartmentPage.objects.all()}
    matters = dict(MatterPage.objects.values_list("code", "pk"))
    parsed: dict[str, dict] = {}
    for number, row in sheets[ENTRY_SHEET][1]:
        def problem(column, reason, number=number):
            result.problems.append(RowProblem(ENTRY_SHEET, number, column, reason))

        code = row.get("职权编码", "")
        if not code:
            problem("职权编码", "不能为空")
            continue
        if code in parsed:
            problem("职权编码", f"“{code}”重复")
        if not row.get("职权名称"):
            problem("职权名称", "不能为空")
        for column, table in (("职权类型", types), ("行使层级", levels), ("权力来源", sources)):
            if row.get(column, "") not in table:
                problem(column, f"“{row.get(column, '')}”不在代码表中，可选：{'、'.join(table)}")
        if row.get("实施主体编码", "") not in departments:
            problem("实施主体编码", f"没有组织机构代码为“{row.get('实施主体编码', '')}”的实施主体")
        matter_code = row.get("对应事项实施编码", "")
        if matter_code and matter_code not in matters:
            problem("对应事项实施编码", f"没有实施编码为“{matter_code}”的事项")
        parsed[code] = {"row": row, "duties": []}
    for number, row in sheets[DUTY_SHEET][1]:
        code = row.get("职权编码", "")
        if code not in parsed:
            result.problems.append(RowProblem(DUTY_SHEET, number, "职权编码", f"“{code}”不在“职权”工作表中"))
            continue
        stage = stages.get(row.get("环节", ""))
        power_type = types.get(parsed[code]["row"].get("职权类型", ""))
        if stage is None or (power_type and stage not in stages_for(power_type)):
            allowed = "、".join(ResponsibilityStage(s).label for s in stages_for(power_type or PowerType.LICENSING))
            result.problems.append(RowProblem(DUTY_SHEET, number, "环节", f"“{row.get('环节', '')}”不是该类职权的环节，可选：{allowed}"))
            continue
        if not row.get("责任事项"):
            result.problems.append(RowProblem(DUTY_SHEET, number, "责任事项", "不能为空"))
        parsed[code]["duties"].append((stage, row))
    if result.problems:
        return result
    with transaction.atomic():
        for code, item in parsed.items():
            _apply_entry(code, item, result, user, departments, matters, types, levels, sources)
        if dry_run:
            transaction.set_rollback(True)
    return result


def _apply_entry(code, item, result, user, departments, matters, types, levels, sources):
    row = item["row"]
    existing = PowerEntry.objects.filter(code=code).first()
    entry = existing.get_latest_revision_as_object() if existing else PowerEntry(code=code, live=False)
    values = {
        "name": row["职权名称"], "power_type": types[row["职权类型"]], "department_id": departments[row["实施主体编码"]].pk,
        "handling_body": row.get("承办机构", ""), "exercise_level": levels[row["行使层级"]], "power_source": sources[row["权力来源"]],
        "flow_description": row.get("运行流程", ""), "integrity_risks": row.get("廉政风险点", ""),
        "matter_id": matters.get(row.get("对应事项实施编码", "")),
    }
    bases = [line for line in row.get("职权依据", "").splitlines() if line.strip()]
    duties = [(stage, r["责任事项"], r.get("责任依据", ""), r.get("追责情形", ""), r.get("追责依据", "")) for stage, r in item["duties"]]
    if existing:
        same = all(getattr(entry, k) == v for k, v in values.items())
        same = same and _bases_text(entry).splitlines() == bases
        same = same and [(d.stage, d.duty, d.basis, d.accountability_cases, d.accountability_basis) for d in entry.responsibilities.all()] == duties
        if same:
            result.unchanged += 1
            return
    for key, value in values.items():
        setattr(entry, key, value)
    entry.bases = [PowerBasis(sort_order=i, **dict(zip(("law_name", "article"), line.split(SEP), strict=False))) for i, line in enumerate(bases)]
    entry.responsibilities = [
        ResponsibilityItem(sort_order=i, stage=s, duty=d, basis=b, accountability_cases=c, accountability_basis=a)
        for i, (s, d, b, c, a) in enumerate(duties)
    ]
    if existing is None:
        entry.save()
        result.created.append(code)
    else:
        result.updated.append(code)
    entry.save_revision(user=user, log_action=True)
