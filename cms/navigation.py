"""Menu and listing data for the public site: the main menu, live-matter counts, paging.

Views and templates ask here instead of counting in loops, so each number on a page is one SQL query and
always the count of live, in-use matters (暂停/取消 matters keep their page but leave the lists).
"""

from dataclasses import dataclass

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

MATTERS_PER_PAGE = 20


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool = False


def main_menu(request, current_page=None) -> list[NavItem]:
    """首页 / 个人办事 / 法人办事 / 部门: the same four ways in on every public page."""
    from catalogue.models import DepartmentIndexPage
    from cms.models import HomePage

    home = HomePage.objects.live().first()
    if home is None:
        return []
    home_url = home.get_url(request) or "/"
    items = [
        (_("首页"), home_url, "home"),
        (_("个人办事"), f"{home_url}#ways-person", "person"),
        (_("法人办事"), f"{home_url}#ways-organisation", "organisation"),
    ]
    index = DepartmentIndexPage.objects.live().first()
    if index is not None:
        items.append((_("部门"), index.get_url(request), "departments"))
    path = request.path if request is not None else ""
    result = []
    for label, url, key in items:
        if key == "home":
            active = path == home_url
        elif key == "departments":
            active = bool(url) and path.startswith(url)
        else:
            active = False
        result.append(NavItem(str(label), url, active))
    return result


def live_matter_counts(parents) -> dict[int, int]:
    """Page id → number of live, in-use matters directly below it (departments hold their matters)."""
    from catalogue.models import MatterPage

    parents = list(parents)
    if not parents:
        return {}
    counts: dict[int, int] = {}
    by_length: dict[int, list] = {}
    for parent in parents:
        by_length.setdefault(len(parent.path), []).append(parent)
    for length, group in by_length.items():
        rows = (
            MatterPage.objects.live()
            .public_listing()
            .filter(depth=group[0].depth + 1)
            .annotate(parent_path=Substr("path", 1, length))
            .filter(parent_path__in=[p.path for p in group])
            .order_by()
            .values("parent_path")
            .annotate(n=Count("pk"))
        )
        found = {row["parent_path"]: row["n"] for row in rows}
        counts.update({p.pk: found.get(p.path, 0) for p in group})
    return counts


def with_departments(matters) -> list:
    """The matters as a list, each with its department loaded in one query (no query per row)."""
    from catalogue.models import DepartmentPage

    matters = list(matters)
    if not matters:
        return matters
    steplen = Page.steplen
    parent_paths = {m.path[: len(m.path) - steplen] for m in matters}
    departments = {d.path: d for d in DepartmentPage.objects.filter(path__in=parent_paths).select_related("region")}
    for matter in matters:
        department = departments.get(matter.path[: len(matter.path) - steplen])
        if department is not None:
            matter.__dict__["department"] = department  # fills MatterPage.department (a cached_property)
    return matters


def paginate(request, queryset, per_page: int = MATTERS_PER_PAGE) -> PaginatorPage:
    """The requested page of a listing; a page number out of range or not a number gives the nearest page."""
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page") if request is not None else None)
