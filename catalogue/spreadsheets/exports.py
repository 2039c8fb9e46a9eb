"""Downloads of lists, releases and the 权责清单 as XLSX or CSV."""

from django.http import Http404, HttpResponse

from catalogue.lists.rules import COLUMNS
from catalogue.spreadsheets.tables import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, Sheet, write_csv, write_xlsx

FORMATS = ("xlsx", "csv")


def table_of_rows(rows: list[dict], columns: dict[str, str] = COLUMNS) -> tuple[list[str], list[list]]:
    return list(columns.values()), [[row.get(key) for key in columns] for row in rows]


def download(headers: list[str], body: list[list], fmt: str, filename: str, sheet_title: str = "清单") -> HttpResponse:
    if fmt == "xlsx":
        content, content_type = write_xlsx([Sheet(sheet_title, headers, body)]), XLSX_CONTENT_TYPE
    elif fmt == "csv":
        content, content_type = write_csv(headers, body), CSV_CONTENT_TYPE
    else:
        raise Http404("不支持的下载格式")
    response = HttpResponse(content, content_type=content_type)
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}.{fmt}"
    return response


def rows_download(rows: list[dict], fmt: str, filename: str) -> HttpResponse:
    headers, body = table_of_rows(rows)
    return download(headers, body, fmt, filename)
