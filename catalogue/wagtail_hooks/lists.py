"""Admin of lists and releases, the 权责清单, 十统一 and the reform figures."""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import page_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from catalogue import figures as figures_service
from catalogue import unified
from catalogue.choices import MatterType
from catalogue.lists.releases import diff_rows, publish_release, summarise
from catalogue.models import DepartmentPage, MatterList, MatterPage, PowerEntry, UnifiedElementSet
from catalogue.powers.build import consistency_report
from catalogue.spreadsheets.implementation import export_workbook, import_workbook
from catalogue.spreadsheets.powers import import_powers
from catalogue.spreadsheets.selections import import_selections
from catalogue.spreadsheets.tables import XLSX_CONTENT_TYPE, SpreadsheetError


class MatterListViewSet(SnippetViewSet):
    model = MatterList
    icon = "list-ul"
    menu_label = "清单"
    list_display = ["title", "kind", "slug"]
    list_filter = ["kind"]

class PowerEntryViewSet(SnippetViewSet):
    model = PowerEntry
    icon = "clipboard-list"
    menu_label = "权责清单"
    list_display = ["name", "code", "power_type", "department"]
    list_filter = ["power_type", "exercise_level"]
    search_fields = ["name", "code"]
    list_export = ["code", "name", "power_type", "department", "handling_body", "exercise_level"]

class UnifiedElementSetViewSet(SnippetViewSet):
    model = UnifiedElementSet
    icon = "link"
    menu_label = "十统一要素"
    list_display = ["catalogue_item", "matter_type", "updated_at"]

class ListsGroup(SnippetViewSetGroup):
    items = (MatterListViewSet, PowerEntryViewSet, UnifiedElementSetViewSet)
    menu_icon = "list-ul"
    menu_label = "清单与权责"
    menu_name = "lists"

register_snippet(ListsGroup)

def _propagate(request, instance):
    if isinstance(instance, UnifiedElementSet):
        codes = unified.propagate(instance, user=request.user)
        if codes:
            messages.info(request, f"十统一要素已更新：{len(codes)} 个实施事项生成了新的修订，待审核发布。")

hooks.register("after_edit_snippet", _propagate)
hooks.register("after_create_snippet", _propagate)


@hooks.register("after_create_page")
def _inherit_unified_elements(request, page):
    """A new matter under a unified catalogue item inherits its locked elements (a draft revision on top)."""
    if isinstance(page.specific, MatterPage) and unified.adopt(page.specific, user=request.user, submit=False):
        messages.info(request, "本事项已按基本目录继承十统一要素（办结时限、申请材料等），请核对后提交审核。")

# —— releases ——
class ReleaseForm(forms.Form):
    label = forms.CharField(label="版本名称", max_length=50, help_text="如“2027年版”。")
    note = forms.CharField(label="发布说明", widget=forms.Textarea(attrs={"rows": 3}), required=False)

def _require(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied

def release_publish_view(request, pk):
    _require(request, "catalogue.add_listrelease")
    matter_list = get_object_or_404(MatterList, pk=pk)
    rows = matter_list.current_rows()
    latest = matter_list.latest_release
    changes = diff_rows(latest.rows, rows) if latest else []
    form = ReleaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        release = publish_release(matter_list, label=form.cleaned_data["label"], note=form.cleaned_data["note"], user=request.user)
        messages.success(request, f"已发布{matter_list.title}{release.label}（第{release.number}版，{release.count}项）。")
        return redirect("lists_admin_releases", pk=matter_list.pk)
    return TemplateResponse(
        request,
        "catalogue/admin/release_publish.html",
        {"matter_list": matter_list, "form": form, "count": len(rows), "latest": latest, "changes": changes[:200],
         "summary": summarise(changes), "releases": matter_list.releases.order_by("-number"), "page_title": f"发布：{matter_list.title}"},
    )

class SelectionUploadForm(forms.Form):
    file = forms.FileField(label="选定事项表（XLSX 或 CSV，列：实施编码、说明）")


def selection_import_view(request, pk):
    _require(request, "catalogue.change_matterlist")
    matter_list = get_object_or_404(MatterList, pk=pk)
    form = SelectionUploadForm(request.POST or None, request.FILES or None)
    result, error = None, None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_selections(matter_list, upload.read(), upload.name)
        except SpreadsheetError as exc:
            error = str(exc)
    return TemplateResponse(
        request, "catalogue/admin/selection_import.html",
        {"matter_list": matter_list, "form": form, "result": result, "error": error, "page_title": f"导入选定事项：{matter_list.title}"},
    )


# —— 十统一 deviation report ——
class DeviationReportView(ReportView):
    page_title = "十统一偏离报告"
    header_icon = "warning"
    index_url_name = "lists_admin_deviations"
    index_results_url_name = "lists_admin_deviations_results"
    results_template_name = "catalogue/admin/deviation_results.html"
    permission_policy = page_permission_policy
    any_permission_required = ["change", "publish"]
    paginate_by = 50

    def get_queryset(self):
        return unified.deviation_report()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["locked"] = [unified.ELEMENTS[k].label for k in unified.locked_keys()]
        return context

@require_POST
def adopt_view(request, page_id):
    page = get_object_or_404(MatterPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if unified.adopt(page, user=request.user):
        messages.success(request, f"“{page.title}”已采用十统一要素，生成新的修订，待审核发布。")
    else:
        messages.info(request, f"“{page.title}”与十统一要素一致，无需修改。")
    return redirect(request.POST.get("next") or reverse("lists_admin_deviations"))

# —— 权责清单: consistency and spreadsheet import ——
class PowerUploadForm(forms.Form):
    file = forms.FileField(label="权责清单电子表格（XLSX）")
    dry_run = forms.BooleanField(label="仅检查，不写入", required=False)

def power_consistency_view(request):
    _require(request, "catalogue.change_powerentry")
    return TemplateResponse(request, "catalogue/admin/power_consistency.html", {"report": consistency_report(), "page_title": "权责清单与事项核对"})

def power_import_view(request):
    _require(request, "catalogue.change_powerentry")
    form = PowerUploadForm(request.POST or None, request.FILES or None)
    result, error = None, None
    if request.method == "POST" and form.is_valid():
        try:
            result = import_powers(form.cleaned_data["file"].read(), user=request.user, dry_run=form.cleaned_data["dry_run"])
        except SpreadsheetError as exc:
            error = str(exc)
    return TemplateResponse(
        request, "catalogue/admin/power_import.html",
        {"form": form, "result": result, "error": error, "dry_run": form.is_bound and form.is_valid() and form.cleaned_data["dry_run"], "page_title": "导入权责清单"},
    )

class ImplementationUploadForm(forms.Form):
    file = forms.FileField(label="实施清单电子表格（XLSX）")
    dry_run = forms.BooleanField(label="试运行：只显示将作的修改", required=False)
    publish = forms.BooleanField(label="直接发布（仅管理员）", required=False)


def implementation_import_view(request):
    _require(request, "wagtailadmin.access_admin")
    form = ImplementationUploadForm(request.POST or None, request.FILES or None)
    report, error = None, None
    if request.method == "POST" and form.is_valid():
        publish = form.cleaned_data["publish"]
        if publish and not request.user.is_superuser:
            error = "只有管理员可以直接发布；请取消“直接发布”，导入后走审核流程。"
        else:
            try:
                report = import_workbook(form.cleaned_data["file"].read(), user=request.user, dry_run=form.cleaned_data["dry_run"], publish=publish)
            except SpreadsheetError as exc:
                error = str(exc)
    return TemplateResponse(
        request, "catalogue/admin/implementation_import.html",
        {"form": form, "report": report, "error": error, "page_title": "导入实施清单",
         "export_url": reverse("lists_admin_implementation_export"), "departments": DepartmentPage.objects.order_by("title"),
         "matter_types": MatterType.choices},
    )


def implementation_export_view(request):
    _require(request, "wagtailadmin.access_admin")
    matters = MatterPage.objects.all()
    if request.GET.get("department"):
        department = get_object_or_404(DepartmentPage, org_code=request.GET["department"])
        matters = matters.child_of(department)
    if request.GET.get("type"):
        matters = matters.filter(matter_type=request.GET["type"])
    if request.GET.get("list"):
        matters = matters.filter(pk__in=get_object_or_404(MatterList, slug=request.GET["list"]).matters().values("pk"))
    response = HttpResponse(export_workbook(matters), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''%E5%AE%9E%E6%96%BD%E6%B8%85%E5%8D%95.xlsx"
    return response


def figures_admin_view(request):
    current = figures_service.current_figures()
    return TemplateResponse(
        request,
        "catalogue/admin/figures.html",
        {"figures": current, "comparison": figures_service.release_comparison(request.GET.get("from"), request.GET.get("to")),
         "baselines": figures_service.STATED_BASELINES, "baseline_note": figures_service.BASELINE_NOTE,
         "max_type": figures_service.max_of(current["by_type"]),
         "max_speedup": max((b["count"] for b in current["speedup_distribution"]), default=0),
         "top_departments": list(current["by_department"].items())[:15], "max_department": figures_service.max_of(current["by_department"]),
         "page_title": "改革成效"},
    )

@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("lists/<int:pk>/publish/", release_publish_view, name="lists_admin_releases"),
        path("lists/<int:pk>/import/", selection_import_view, name="lists_admin_selection_import"),
        path("lists/deviations/", DeviationReportView.as_view(), name="lists_admin_deviations"),
        path("lists/deviations/results/", DeviationReportView.as_view(results_only=True), name="lists_admin_deviations_results"),
        path("lists/adopt/<int:page_id>/", adopt_view, name="lists_admin_adopt"),
        path("powers/consistency/", power_consistency_view, name="lists_admin_power_consistency"),
        path("powers/import/", power_import_view, name="lists_admin_power_import"),
        path("figures/", figures_admin_view, name="lists_admin_figures"),
        path("implementation/import/", implementation_import_view, name="lists_admin_implementation_import"),
        path("implementation/export/", implementation_export_view, name="lists_admin_implementation_export"),
    ]

@hooks.register("register_reports_menu_item")
def deviation_menu_item():
    return MenuItem("十统一偏离报告", reverse("lists_admin_deviations"), icon_name="warning", order=900)

@hooks.register("register_reports_menu_item")
def power_consistency_menu_item():
    return MenuItem("权责清单核对", reverse("lists_admin_power_consistency"), icon_name="clipboard-list", order=901)

@hooks.register("register_admin_menu_item")
def implementation_menu_item():
    return MenuItem("实施清单导入导出", reverse("lists_admin_implementation_import"), icon_name="download", order=851)


@hooks.register("register_admin_menu_item")
def figures_menu_item():
    return MenuItem("改革成效", reverse("lists_admin_figures"), icon_name="order", order=850)

@hooks.register("register_snippet_listing_buttons")
def release_button(snippet, user, next_url=None):
    from wagtail.snippets.widgets import SnippetListingButton

    if isinstance(snippet, MatterList) and user.has_perm("catalogue.add_listrelease"):
        yield SnippetListingButton("发布新版本", reverse("lists_admin_releases", args=[quote(snippet.pk)]), icon_name="upload", priority=15)
    if isinstance(snippet, MatterList) and snippet.is_selected_kind and user.has_perm("catalogue.change_matterlist"):
        yield SnippetListingButton("导入选定事项", reverse("lists_admin_selection_import", args=[quote(snippet.pk)]), icon_name="download", priority=16)

