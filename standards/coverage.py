"""The centre's standards figures: counts by category and status, 标准覆盖率 by department (share of matters in
use that a 现行 standard governs; the target is ≥ 90 %), matters without a current standard, and standards
whose normative references point at an abolished edition. A handful of aggregate queries, whatever the size."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from catalogue.choices import MatterStatus
from catalogue.models import DepartmentPage, MatterPage
from standards.choices import StandardStatus
from standards.models import Standard, StandardCategory, StandardReference

COVERAGE_TARGET = 0.9


def governed_matter_ids() -> set[int]:
    """Ids of matters linked to at least one published 现行 standard (one indexed query, no correlated subquery:
    SQLite's planner runs an EXISTS per matter far slower)."""
    through = Standard.matters.through
    return set(
        through.objects.filter(standard__live=True, standard__status=StandardStatus.CURRENT).values_list("matterpage_id", flat=True).distinct()
    )


def matters_in_use():
    return MatterPage.objects.live().filter(status=MatterStatus.ACTIVE)


def category_counts() -> list[dict]:
    """Every category of the tree with its own and its subtree's counts by status."""
    own: dict[int, Counter] = defaultdict(Counter)
    for row in Standard.objects.filter(live=True).values("category_id", "status").annotate(n=Count("id")):
        own[row["category_id"]][row["status"]] = row["n"]
    categories = list(StandardCategory.objects.order_by("code"))
    children = defaultdict(list)
    for c in categories:
        children[c.parent_id].append(c)

    def total(category) -> Counter:
        counts = Counter(own.get(category.pk, Counter()))
        for child in children[category.pk]:
            counts.update(total(child))
        return counts

    rows = []

    def walk(category, depth):
        counts = total(category)
        rows.append({
            "code": category.code, "name": category.name, "depth": depth, "parent": category.parent.code if category.parent_id else None,
            "total": sum(counts.values()), "by_status": {s.label: counts.get(s.value, 0) for s in StandardStatus},
        })
        for child in children[category.pk]:
            walk(child, depth + 1)

    for root in children[None]:
        walk(root, 0)
    return rows


def citing_abolished() -> list[dict]:
    """Live standards (not themselves 废止) whose reference means an abolished edition: a dated reference to an
    abolished standard, or an undated one whose newest edition is abolished too."""
    rows = []
    references = (
        StandardReference.objects.filter(standard__live=True, cited__isnull=False)
        .exclude(standard__status=StandardStatus.ABOLISHED)
        .filter(cited__status=StandardStatus.ABOLISHED)
        .select_related("standard", "cited")
    )
    for reference in references:
        edition = reference.applicable_edition()
        if edition.status == StandardStatus.ABOLISHED:
            replacement = reference.cited.latest_edition()
            rows.append({
                "number": reference.standard.number, "title": reference.standard.title,
                "cites": reference.cited.number if reference.dated else reference.display_number, "dated": reference.dated,
                "replacement": replacement.number if replacement.pk != reference.cited_id and replacement.status != StandardStatus.ABOLISHED else None,
            })
    return rows


@dataclass
class Coverage:
    total_standards: int
    by_status: dict[str, int]
    by_category: list[dict]
    matters: int
    governed: int
    by_department: list[dict]
    uncovered: list[dict] = field(default_factory=list)
    citing_abolished: list[dict] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        return round(self.governed / self.matters, 4) if self.matters else None

    @property
    def meets_target(self) -> bool:
        return self.rate is not None and self.rate >= COVERAGE_TARGET

    def as_dict(self) -> dict:
        return {
            "standards": {"total": self.total_standards, "by_status": self.by_status, "by_category": self.by_category},
            "coverage": {"matters": self.matters, "governed": self.governed, "rate": self.rate, "target": COVERAGE_TARGET,
                         "meets_target": self.meets_target, "by_department": self.by_department},
            "matters_without_current_standard": {"count": self.matters - self.governed, "items": self.uncovered},
            "standards_citing_abolished": {"count": len(self.citing_abolished), "items": self.citing_abolished},
        }


def compute(uncovered_limit: int | None = 200) -> Coverage:
    status_counts = dict(Standard.objects.filter(live=True).values_list("status").annotate(n=Count("id")))
    by_status = {s.label: status_counts.get(s.value, 0) for s in StandardStatus}
    governed_ids = governed_matter_ids()
    matters = list(matters_in_use().values("pk", "code", "title", "path"))
    for matter in matters:
        matter["governed"] = matter["pk"] in governed_ids
    steplen = MatterPage.steplen
    departments = {d["path"]: d for d in DepartmentPage.objects.values("path", "title", "org_code")}
    per_department: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    uncovered = []
    for matter in matters:
        counts = per_department[matter["path"][:-steplen]]
        counts[0] += 1
        if matter["governed"]:
            counts[1] += 1
        elif uncovered_limit is None or len(uncovered) < uncovered_limit:
            department = departments.get(matter["path"][:-steplen], {})
            uncovered.append({"code": matter["code"], "title": matter["title"], "department": department.get("title", "")})
    by_department = []
    for path, (total, governed) in per_department.items():
        department = departments.get(path, {"title": "", "org_code": ""})
        by_department.append({"department": department["title"], "org_code": department["org_code"], "matters": total,
                              "governed": governed, "rate": round(governed / total, 4) if total else None})
    by_department.sort(key=lambda row: (row["rate"] if row["rate"] is not None else 2, row["department"]))
    governed = sum(1 for m in matters if m["governed"])
    return Coverage(
        total_standards=sum(status_counts.values()), by_status=by_status, by_category=category_counts(), matters=len(matters),
        governed=governed, by_department=by_department, uncovered=uncovered, citing_abolished=citing_abolished(),
    )
