"""The matter catalogue in the admin: a flat matter listing with filters, the 事项目录 snippets and the
non-blocking 兜底条款 warnings shown after an editor saves a matter."""

import django_filters
from django.contrib import messages
from django.db.models import Q
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.tables.pages import ParentPageColumn
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from catalogue.choices import BodyNature, MatterStatus, MatterType
from catalogue.guide_warnings import matter_warnings
from catalogue.models import CatalogueItem, DepartmentPage, MatterPage, Region, ServiceObject, SharedMaterial, Theme, Window


class PublishingState:
    LIVE = "live"
    DRAFT = "draft"
    CHANGED = "changed"
    IN_MODERATION = "in_moderation"

    choices = [
        (LIVE, "已发布"),
        (CHANGED, "已发布，有未发布的修改"),
        (DRAFT, "草稿（未发布）"),
        (IN_MODERATION, "审核中"),
    ]


class MatterPageFilterSet(PageListingViewSet.filterset_class):
    department = django_filters.ModelChoiceFilter(
        label="实施主体", queryset=DepartmentPage.objects.order_by("title"), method="filter_department", empty_label="全部部门"
    )
    matter_type = django_filters.ChoiceFilter(label="事项类型", choices=MatterType.choices, empty_label="全部类型")
    status = django_filters.ChoiceFilter(label="事项状态", choices=MatterStatus.choices, empty_label="全部状态")
    publishing = django_filters.ChoiceFilter(
        label="发布状态", choices=PublishingState.choices, method="filter_publishing", empty_label="全部"
    )

    class Meta:
        model = MatterPage
        fields = []

    def filter_department(self, queryset, name, value):
        return queryset.child_of(value) if value else queryset

    def filter_publishing(self, queryset, name, value):
        if value == PublishingState.LIVE:
            return queryset.filter(live=True)
        if value == PublishingState.CHANGED:
            return queryset.filter(live=True, has_unpublished_changes=True)
        if value == PublishingState.DRAFT:
            return queryset.filter(live=False)
        if value == PublishingState.IN_MODERATION:
            return queryset.filter(Q(_workflow_states__status="in_progress")).distinct()
        return queryset


class MatterPageListingViewSet(PageListingViewSet):
    model = MatterPage
    icon = "list-ul"
    menu_label = "事项（办事指南）"
    menu_order = 150
    add_to_admin_menu = True
    name = "matters"
    filterset_class = MatterPageFilterSet
    columns = [
        *PageListingViewSet.columns,
        Column("code", label="实施编码", sort_key="code"),
        Column("matter_type", label="事项类型", accessor="get_matter_type_display", sort_key="matter_type"),
        ParentPageColumn("department", label="实施主体"),
    ]


class DepartmentPageFilterSet(PageListingViewSet.filterset_class):
    region = django_filters.ModelChoiceFilter(label="所属区划", queryset=Region.objects.all(), empty_label="全部区划")
    nature = django_filters.ChoiceFilter(label="实施主体性质", choices=BodyNature.choices, empty_label="全部")

    class Meta:
        model = DepartmentPage
        fields = []


class DepartmentPageListingViewSet(PageListingViewSet):
    model = DepartmentPage
    icon = "group"
    menu_label = "实施主体（部门）"
    menu_order = 155
    add_to_admin_menu = True
    name = "departments"
    filterset_class = DepartmentPageFilterSet
    columns = [
        *PageListingViewSet.columns,
        Column("org_code", label="组织机构代码", sort_key="org_code"),
        Column("region", label="所属区划"),
    ]


@hooks.register("register_admin_viewset")
def register_matter_listing():
    return MatterPageListingViewSet()


@hooks.register("register_admin_viewset")
def register_department_listing():
    return DepartmentPageListingViewSet()


# —— 事项目录: the reference data that matters point to ——


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    menu_label = "行政区划"
    list_display = ["name", "code", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["name", "code"]
    ordering = ["code"]


class WindowViewSet(SnippetViewSet):
    model = Window
    icon = "desktop"
    menu_label = "窗口"
    list_display = ["__str__", "category", "department", "hall", "floor", "live"]
    list_filter = ["category", "department"]


class SharedMaterialViewSet(SnippetViewSet):
    model = SharedMaterial
    icon = "doc-full"
    menu_label = "材料库"
    list_display = ["name", "source", "issuing_body", "is_licence", "live"]
    list_filter = ["source", "is_licence"]


class CatalogueItemViewSet(SnippetViewSet):
    model = CatalogueItem
    icon = "folder-open-inverse"
    menu_label = "基本目录"
    list_display = ["name", "code", "level", "matter_type", "parent"]
    list_filter = ["level", "matter_type"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = "主题分类"
    list_display = ["name", "audience", "slug"]
    list_filter = ["audience"]


class ServiceObjectViewSet(SnippetViewSet):
    model = ServiceObject
    icon = "user"
    menu_label = "服务对象"
    list_display = ["name", "audience", "sort_order"]
    list_filter = ["audience"]


class CatalogueSnippetGroup(SnippetViewSetGroup):
    menu_label = "事项目录"
    menu_icon = "folder-inverse"
    menu_order = 160
    items = (CatalogueItemViewSet, SharedMaterialViewSet, ThemeViewSet, ServiceObjectViewSet, RegionViewSet, WindowViewSet)


register_snippet(CatalogueSnippetGroup)


# —— 兜底条款 and other advice: shown, never blocking ——


def _warn(request, page):
    # The page object of the create/edit view holds the child rows just submitted (a draft's rows are not in
    # the database tables), so it is used as it is, never re-read.
    if not isinstance(page, MatterPage):
        return
    storage = messages.get_messages(request)
    already = {str(m) for m in storage}
    storage.used = False  # only looked at: keep the queued messages for the next page
    for message in matter_warnings(page):
        if message not in already:
            messages.warning(request, message)


@hooks.register("after_create_page")
def warn_after_create(request, page):
    _warn(request, page)


@hooks.register("after_edit_page")
def warn_after_edit(request, page):
    _warn(request, page)


@hooks.register("before_edit_page")
def warn_on_opening(request, page):
    # An editor opening a matter (an imported one, say) sees the advice before changing anything.
    if request.method == "GET":
        _warn(request, page)
