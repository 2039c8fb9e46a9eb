"""Admin: the editors' synonym table and best bets, and the search report."""

from django.contrib.auth.decorators import permission_required
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from search import analytics
from search.models import BestBet, Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = "同义词"
    list_display = ["term", "official", "note", "updated_at"]
    ordering = ["term"]


class BestBetViewSet(SnippetViewSet):
    model = BestBet
    icon = "pick"
    menu_label = "推荐结果"
    list_display = ["query", "matter", "sort_order", "updated_at"]


class SearchSettingsGroup(SnippetViewSetGroup):
    items = (SynonymViewSet, BestBetViewSet)
    menu_icon = "search"
    menu_label = "搜索设置"
    menu_name = "search-settings"


register_snippet(SearchSettingsGroup)


@permission_required("search.change_synonym")
def search_report(request):
    days = request.GET.get("days", "30")
    days = int(days) if days.isdigit() and 0 < int(days) <= 3650 else 30
    context = {
        "days": days,
        "top": analytics.top_queries(days),
        "zero": analytics.zero_result_queries(days),
        "no_click": analytics.no_click_queries(days),
    }
    return TemplateResponse(request, "search/admin/report.html", context)


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("reports/search/", search_report, name="search_report")]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return MenuItem("搜索词统计", reverse("search_report"), icon_name="search", order=900)
