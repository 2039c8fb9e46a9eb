"""Writing and reading tables as XLSX (openpyxl) and CSV, with Chinese headers."""

import csv
import io
from dataclasses import dataclass, field

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


@dataclass
class Sheet:
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    # header → allowed values: written as a data-validation list on that column.
    choices: dict[str, list[str]] = field(default_factory=dict)


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def write_xlsx(sheets: list[Sheet]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        ws = book.create_sheet(sheet.title[:31])
        ws.append(sheet.headers)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in sheet.rows:
            ws.append([_cell(v) for v in row])
        ws.freeze_panes = "A2"
        for index, header in enumerate(sheet.headers, start=1):
            ws.column_dimensions[get_column_letter(index)].width = max(10, min(40, len(header) * 2 + 4))
            allowed = sheet.choices.get(header)
            if allowed:
                formula = '"' + ",".join(allowed) + '"'
                validation = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True)
                validation.error = f"“{header}”只能取：{'、'.join(allowed)}"
                validation.errorTitle = "取值不在代码表中"
                ws.add_data_validation(validation)
                letter = get_column_letter(index)
                validation.add(f"{letter}2:{letter}5000")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_csv(headers: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    # A byte-order mark, so that Excel opens the Chinese text as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


class SpreadsheetError(ValueError):
    """A file that cannot be read as a spreadsheet at all."""


def read_xlsx(data: bytes) -> dict[str, tuple[list[str], list[tuple[int, dict]]]]:
    """Sheet title → (headers, [(row number, {header: text})]). Empty rows are skipped."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a non-XLSX file
        raise SpreadsheetError(f"无法读取该文件：不是有效的 XLSX 电子表格（{type(exc).__name__}）。")
    result = {}
    for ws in book.worksheets:
        rows = ws.iter_rows(values_only=True)
        try:
            headers = [str(h).strip() if h is not None else "" for h in next(rows)]
        except StopIteration:
            result[ws.title] = ([], [])
            continue
        body = []
        for number, values in enumerate(rows, start=2):
            if values is None or all(v is None or str(v).strip() == "" for v in values):
                continue
            body.append((number, {h: ("" if v is None else str(v).strip()) for h, v in zip(headers, values, strict=False) if h}))
        result[ws.title] = (headers, body)
    return result


def read_csv(data: bytes) -> tuple[list[str], list[tuple[int, dict]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpreadsheetError("无法读取该文件：CSV 应为 UTF-8 编码。")
    reader = csv.reader(io.StringIO(text))
    try:
        headers = [h.strip() for h in next(reader)]
    except StopIteration:
        return [], []
    body = []
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        body.append((number, {h: v.strip() for h, v in zip(headers, values, strict=False) if h}))
    return headers, body
