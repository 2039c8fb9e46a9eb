"""The editor-chosen lists (前置事项, 中介服务) kept in a spreadsheet: XLSX or CSV with columns 实施编码, 说明.

The whole file is checked first; one bad row rejects it, naming the row and the column, and nothing changes.
"""

from dataclasses import dataclass, field

from django.db import transaction

from catalogue.models import MatterList, MatterListSelection, MatterPage
from catalogue.spreadsheets.tables import read_csv, read_xlsx

CODE, NOTE = "实施编码", "说明"


@dataclass
class SelectionImport:
    problems: list[str] = field(default_factory=list)
    count: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def read_table(data: bytes, filename: str):
    if filename.lower().endswith(".csv"):
        return read_csv(data)
    sheets = read_xlsx(data)
    return next(iter(sheets.values()), ([], []))


def import_selections(matter_list: MatterList, data: bytes, filename: str) -> SelectionImport:
    result = SelectionImport()
    if not matter_list.is_selected_kind:
        result.problems.append(f"“{matter_list.title}”按规则生成，不能导入选定事项。")
        return result
    headers, rows = read_table(data, filename)
    if CODE not in headers:
        result.problems.append(f"第1行：缺少“{CODE}”列。")
        return result
    matters = dict(MatterPage.objects.live().public_listing().values_list("code", "pk"))
    seen: dict[str, int] = {}
    chosen = []
    for number, row in rows:
        code = row.get(CODE, "")
        if code not in matters:
            result.problems.append(f"第{number}行“{CODE}”列：没有实施编码为“{code[:40]}”的在用事项。")
        elif code in seen:
            result.problems.append(f"第{number}行“{CODE}”列：与第{seen[code]}行重复。")
        elif len(row.get(NOTE, "")) > 500:
            result.problems.append(f"第{number}行“{NOTE}”列：超过500字。")
        else:
            seen[code] = number
            chosen.append((matters[code], row.get(NOTE, "")))
    if result.problems:
        return result
    with transaction.atomic():
        matter_list.selections.all().delete()
        MatterListSelection.objects.bulk_create(
            MatterListSelection(matter_list=matter_list, matter_id=pk, note=note, sort_order=i) for i, (pk, note) in enumerate(chosen)
        )
    result.count = len(chosen)
    return result
