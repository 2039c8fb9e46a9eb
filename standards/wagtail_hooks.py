"""Admin: standards, the system tree and posts as snippets (grouped under 服务标准), the figures dashboard and the
XLSX 标准明细表 import/export."""

import django_filters
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from standards import admin_views
from standards.choices import StandardSource, StandardStatus
from standards.models import Post, Standard, StandardCategory


def _prefix_choices():
    return [(p, p) for p in Standard.objects.order_by("sort_key").values_list("prefix", flat=True).distinct()]


class StandardFilterSet(WagtailFilterSet):
    category = django_filters.ModelChoiceFilter(label="体系类别", queryset=StandardCategory.objects.all(), method="filter_category")
    status = django_filters.ChoiceFilter(label="状态", choices=StandardStatus.choices)
    prefix = django_filters.ChoiceFilter(label="代号", choices=_prefix_choices)
    source = django_filters.ChoiceFilter(label="来源", choices=StandardSource.choices)
    levels = django_filters.CharFilter(label="适用层级（区/镇/村/组）", field_name="levels__name")
    matters__code = django_filters.CharFilter(label="事项实施编码")

    class Meta:
        model = Standard
        fields = ["category", "status", "prefix", "source", "levels", "matters__code"]

    def filter_category(self, queryset, name, value):
        return queryset.filter(category_id__in=value.descendant_ids()) if value else queryset


class StandardViewSet(SnippetViewSet):
    model = Standard
    icon = "doc-full"
    menu_label = "标准目录"
    list_display = ["number", "title", Column("category", label="体系类别"), Column("get_status_display", label="状态"),
                    "effective_on", UpdatedAtColumn()]
    list_per_page = 50
    filterset_class = StandardFilterSet
    # Number and title substrings through the ORM: 社保 is found inside a longer title without a search index.
    search_fields = ["number", "title", "title_en"]
    search_backend_name = None
    ordering = ["sort_key"]
    inspect_view_enabled = True
    list_export = ["number", "title", "title_en", "category", "status", "issued_on", "effective_on", "abolished_on", "issuing_body",
                   "responsible_body"]
    export_filename = "standards"


class StandardCategoryViewSet(SnippetViewSet):
    model = StandardCategory
    icon = "list-ul"
    menu_label = "标准体系表"
    list_display = ["code", "name", "parent"]
    search_fields = ["code", "name"]
    search_backend_name = None
    ordering = ["code"]


class PostViewSet(SnippetViewSet):
    model = Post
    icon = "user"
    menu_label = "岗位"
    list_display = ["name", "department"]
    search_fields = ["name"]
    search_backend_name = None


class StandardsGroup(SnippetViewSetGroup):
    menu_label = "服务标准"
    menu_icon = "doc-full-inverse"
    menu_order = 250
    items = (StandardViewSet, StandardCategoryViewSet, PostViewSet)


register_snippet(StandardsGroup)


@hooks.register("register_admin_urls")
def register_standards_admin_urls():
    return [
        path("standards/figures/", admin_views.figures, name="standards_figures"),
        path("standards/xlsx/", admin_views.xlsx, name="standards_xlsx"),
        path("standards/xlsx/export/", admin_views.xlsx_export, name="standards_xlsx_export"),
    ]


class StaffMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_figures_menu_item():
    return StaffMenuItem("标准统计", reverse("standards_figures"), icon_name="table", order=251, permission="standards.view_standard")


@hooks.register("register_admin_menu_item")
def register_xlsx_menu_item():
    return StaffMenuItem("标准明细表导入导出", reverse("standards_xlsx"), icon_name="download", order=252, permission="standards.add_standard")
