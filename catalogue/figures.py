"""Reform figures (改革成效), computed from matter rows: the live catalogue or a frozen list release.

Because a release keeps the same rows, every figure can be compared between two releases (or two dates:
the latest release of the 全部事项 list on or before each date).
"""

from collections import Counter
from statistics import mean

from catalogue.lists.rules import all_rows

SPEEDUP_BUCKETS = [(0, 0.25, "25%以下"), (0.25, 0.5, "25%–50%"), (0.5, 0.75, "50%–75%"), (0.75, 0.9, "75%–90%"), (0.9, 1.01, "90%及以上")]
# Compared between two releases: key → (label, unit, lower is better).
COMPARABLE = {
    "total": ("事项总数", "项", False),
    "materials_total": ("申请材料", "份", True),
    "steps_total": ("审批环节", "个", True),
    "immediate_share": ("即办件占比", "%", False),
    "speedup_mean": ("承诺提速率", "%", False),
    "promised_average_days": ("承诺件平均承诺时限", "天", True),
    "zero_visit_share": ("零跑动占比", "%", False),
}

# Figures the centre has reported before this system held its data (the seeds of the project). They are shown
# as stated baselines only, always labelled so, never as figures computed here.
STATED_BASELINES = [
    {"key": "materials_total", "label": "申请材料", "before": 3113, "after": 2153, "unit": "份"},
    {"key": "steps_total", "label": "审批环节", "before": 1709, "after": 1228, "unit": "个"},
    {"key": "speedup_mean", "label": "承诺提速率", "before": 85, "after": 93, "unit": "%"},
    {"key": "promised_average_days", "label": "承诺件平均办结时限", "before": 18.22, "after": 3.54, "unit": "天"},
]
BASELINE_NOTE = "中心此前对外公布的数字（项目种子材料所载），并非本系统根据现有数据计算所得，仅作对照。"


def _pct(part: int | float, whole: int | float) -> float | None:
    return round(100 * part / whole, 2) if whole else None


def figures_from_rows(rows: list[dict]) -> dict:
    total = len(rows)
    rates = [r["speedup_rate"] for r in rows if r.get("speedup_rate") is not None]
    promised_days = [r["promised_days"] for r in rows if r.get("handling_type") == "承诺件" and r.get("promised_days") is not None]
    visits = Counter("0" if r.get("visits") == 0 else "1" if r.get("visits") == 1 else "more" for r in rows)
    immediate = sum(1 for r in rows if r.get("handling_type") == "即办件")
    distribution = [
        {"label": label, "count": sum(1 for x in rates if low <= x < high)} for low, high, label in SPEEDUP_BUCKETS
    ]
    return {
        "total": total,
        "by_type": dict(Counter(r["type"] for r in rows).most_common()),
        "by_department": dict(Counter(r["department"] for r in rows).most_common()),
        "by_level": dict(Counter(r["level"] for r in rows).most_common()),
        "immediate_count": immediate,
        "immediate_share": _pct(immediate, total),
        "materials_total": sum(r.get("materials_count") or 0 for r in rows),
        "steps_total": sum(r.get("steps_count") or 0 for r in rows),
        "speedup_mean": round(100 * mean(rates), 2) if rates else None,
        "speedup_distribution": distribution,
        "promised_count": len(promised_days),
        "promised_average_days": round(mean(promised_days), 2) if promised_days else None,
        "visits": {"0": visits.get("0", 0), "1": visits.get("1", 0), "more": visits.get("more", 0)},
        "zero_visit_share": _pct(visits.get("0", 0), total),
        "online_depth": dict(Counter(r.get("online_depth", "") for r in rows).most_common()),
    }


def current_figures() -> dict:
    return figures_from_rows(all_rows())


def compare(before: dict, after: dict) -> list[dict]:
    result = []
    for key, (label, unit, lower_is_better) in COMPARABLE.items():
        old, new = before.get(key), after.get(key)
        delta = round(new - old, 2) if old is not None and new is not None else None
        improved = None if not delta else (delta < 0) == lower_is_better
        result.append({"key": key, "label": label, "unit": unit, "before": old, "after": new, "delta": delta, "improved": improved})
    return result


def max_of(counts: dict) -> int:
    return max(counts.values(), default=0)


class FigureRefError(ValueError):
    pass


def rows_at(ref: str) -> tuple[str, list[dict]]:
    """(label, rows) for a reference: "current", "<list slug>:<release number>", or a date YYYY-MM-DD (the
    latest release of the 全部事项 list published on or before it)."""
    import datetime

    from catalogue.models import ListRelease
    from catalogue.models.lists import ListKind

    ref = (ref or "").strip()
    if ref in ("", "current"):
        return "当前", all_rows()
    if ":" in ref:
        slug, _, number = ref.partition(":")
        release = ListRelease.objects.filter(matter_list__slug=slug, number=int(number) if number.isdigit() else -1).select_related("matter_list").first()
        if release is None:
            raise FigureRefError(f"没有清单版本“{ref[:40]}”")
        return f"{release.matter_list.title}{release.label}", release.rows
    try:
        day = datetime.date.fromisoformat(ref)
    except ValueError:
        raise FigureRefError(f"无法识别“{ref[:40]}”：应为 current、清单网址名:版次 或 YYYY-MM-DD 日期")
    release = (
        ListRelease.objects.filter(matter_list__kind=ListKind.ALL, released_on__lte=day).order_by("-released_on", "-number").first()
    )
    if release is None:
        raise FigureRefError(f"{day} 之前没有发布过全部事项目录的版本")
    return f"{day}（{release.label}）", release.rows


def release_comparison(before_ref: str | None, after_ref: str | None) -> dict | None:
    """Figures between two references; by default the first release of the 全部事项 list and the current data."""
    from catalogue.models import ListRelease
    from catalogue.models.lists import ListKind

    if not before_ref:
        first = ListRelease.objects.filter(matter_list__kind=ListKind.ALL).order_by("number").select_related("matter_list").first()
        if first is None:
            return None
        before_ref = f"{first.matter_list.slug}:{first.number}"
    try:
        before_label, before_rows = rows_at(before_ref)
        after_label, after_rows = rows_at(after_ref or "current")
    except FigureRefError as error:
        return {"error": str(error)}
    return {
        "before": before_label,
        "after": after_label,
        "rows": compare(figures_from_rows(before_rows), figures_from_rows(after_rows)),
    }
