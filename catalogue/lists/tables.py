"""Filtering, sorting and counting list rows — the same for a live list and a frozen release."""

from collections import Counter

from catalogue.lists.rules import COLUMNS

FILTERS = {"department": "department_code", "type": "type", "level": "level", "handling_type": "handling_type"}
SORTABLE = set(COLUMNS) - {"note"}


def filter_rows(rows: list[dict], params) -> list[dict]:
    result = rows
    for param, key in FILTERS.items():
        value = (params.get(param) or "").strip()
        if value:
            result = [r for r in result if str(r.get(key, "")) == value]
    q = (params.get("q") or "").strip()[:100]
    if q:
        result = [r for r in result if q in r.get("name", "") or q in r.get("code", "") or q in r.get("department", "")]
    return result


def sort_rows(rows: list[dict], sort: str | None) -> list[dict]:
    sort = (sort or "").strip()
    key = sort.lstrip("-")
    if key not in SORTABLE:
        return rows

    def sort_key(row):
        value = row.get(key)
        return (value is None, value if value is not None else "")

    return sorted(rows, key=sort_key, reverse=sort.startswith("-"))


def facet_options(rows: list[dict]) -> dict[str, list[tuple[str, str, int]]]:
    """Filter → [(value, label, count)] over all rows, for the filter menus."""
    departments = Counter((r["department_code"], r["department"]) for r in rows)
    options = {"department": [(code, name, n) for (code, name), n in sorted(departments.items(), key=lambda i: (-i[1], i[0][1]))]}
    for param in ("type", "level", "handling_type"):
        counts = Counter(r[FILTERS[param]] for r in rows)
        options[param] = [(value, value, n) for value, n in sorted(counts.items(), key=lambda i: -i[1])]
    return options
