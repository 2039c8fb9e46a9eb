"""Regions, implementing bodies (实施主体) and their windows."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import RegexValidator
from django.db import models
from django.http import Http404
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, Page, RevisionMixin, WorkflowMixin
from wagtail.search import index

from catalogue.choices import BodyNature, MatterType, RegionLevel, WindowCategory


class Region(index.Indexed, models.Model):
    """行政区划: 12-digit code in a tree 省 › 市 › 区/县 › 镇/街道 › 村/社区."""

    code = models.CharField("区划代码", max_length=12, unique=True, validators=[RegexValidator(r"^\d{12}$", "区划代码为12位数字")])
    name = models.CharField("名称", max_length=100)
    level = models.CharField("层级", max_length=16, choices=RegionLevel.choices)
    parent = models.ForeignKey("self", verbose_name="上级区划", null=True, blank=True, on_delete=models.PROTECT, related_name="children")

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("level"), FieldPanel("parent")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("code")]

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def full_name(self) -> str:
        names, region = [], self
        while region is not None:
            names.append(region.name)
            region = region.parent
        return "".join(reversed(names))


class DepartmentIndexPage(Page):
    """部门: the list of implementing bodies; each department page holds its matters."""

    intro = models.TextField("简介", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["catalogue.DepartmentPage"]
    max_count = 1

    class Meta:
        verbose_name = "部门目录"

    def get_context(self, request, *args, **kwargs):
        from cms.navigation import live_matter_counts

        context = super().get_context(request, *args, **kwargs)
        departments = list(DepartmentPage.objects.child_of(self).live().select_related("region").order_by("region__code", "title"))
        counts = live_matter_counts(departments)
        regions: dict = {}
        for department in departments:
            department.matter_count = counts.get(department.pk, 0)
            regions.setdefault(department.region, []).append(department)
        context["departments"] = departments
        context["regions"] = list(regions.items())
        return context


class DepartmentPage(Page):
    """实施主体: a department, authorised or entrusted body. Its matters are its child pages, so page
    permissions on this subtree are the department's editorial rights."""

    org_code = models.CharField(
        "组织机构代码", max_length=18, unique=True, help_text="9位组织机构代码，或统一社会信用代码中的对应部分。"
    )
    credit_code = models.CharField(
        "统一社会信用代码",
        max_length=18,
        blank=True,
        validators=[RegexValidator(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$", "统一社会信用代码应为18位")],
    )
    short_name = models.CharField("机关简称", max_length=20, blank=True, help_text="用于文书编号，如“粤教”。")
    nature = models.CharField("实施主体性质", max_length=16, choices=BodyNature.choices, default=BodyNature.STATUTORY)
    region = models.ForeignKey(Region, verbose_name="所属区划", on_delete=models.PROTECT, related_name="departments")
    address = models.CharField("地址", max_length=255, blank=True)
    phone = models.CharField("咨询电话", max_length=100, blank=True)
    website = models.URLField("网站", blank=True)
    intro = models.TextField("部门简介", blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("org_code"), FieldPanel("credit_code"), FieldPanel("short_name"), FieldPanel("nature"), FieldPanel("region")],
            heading="主体信息",
        ),
        MultiFieldPanel([FieldPanel("address"), FieldPanel("phone"), FieldPanel("website"), FieldPanel("intro")], heading="联系方式"),
    ]
    search_fields = Page.search_fields + [index.SearchField("org_code"), index.FilterField("org_code")]
    parent_page_types = ["catalogue.DepartmentIndexPage"]
    subpage_types = ["catalogue.MatterPage"]

    class Meta:
        verbose_name = "实施主体（部门）"
        verbose_name_plural = "实施主体（部门）"

    def get_context(self, request, *args, **kwargs):
        from catalogue.models.matters import MatterPage
        from cms.navigation import paginate

        context = super().get_context(request, *args, **kwargs)
        matters = MatterPage.objects.child_of(self).live().public_listing().order_by("matter_type", "title", "pk")
        # 事项类型 facet: each type this department has, with its count; an unknown type code is a 404.
        counts = dict(matters.order_by().values_list("matter_type").annotate(n=models.Count("pk")))
        context["type_facets"] = [(code, label, counts[code]) for code, label in MatterType.choices if code in counts]
        context["all_count"] = sum(counts.values())
        type_filter = request.GET.get("type", "") if request is not None else ""
        if type_filter:
            if type_filter not in MatterType.values:
                raise Http404("没有这个事项类型")
            matters = matters.filter(matter_type=type_filter)
        context["type_filter"] = type_filter
        context["page_query"] = f"type={type_filter}&" if type_filter else ""
        context["page_obj"] = paginate(request, matters)
        context["matters"] = context["page_obj"].object_list
        context["matter_count"] = context["page_obj"].paginator.count
        context["windows"] = self.windows.all()
        return context


class Window(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model):
    """窗口 of a service hall."""

    number = models.CharField("窗口号", max_length=20)
    name = models.CharField("窗口名称", max_length=100)
    category = models.CharField("窗口类别", max_length=16, choices=WindowCategory.choices)
    department = models.ForeignKey(
        DepartmentPage, verbose_name="所属部门", null=True, blank=True, on_delete=models.SET_NULL, related_name="windows",
        help_text="综合窗口可不填。",
    )
    hall = models.CharField("大厅", max_length=100, blank=True)
    floor = models.CharField("楼层", max_length=20, blank=True)
    address = models.CharField("地址", max_length=255, blank=True)
    hours = models.CharField("办公时间", max_length=255, blank=True)
    phone = models.CharField("电话", max_length=100, blank=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="window")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState", content_type_field="base_content_type", object_id_field="object_id",
        related_query_name="window", for_concrete_model=False,
    )

    panels = [
        FieldPanel("number"), FieldPanel("name"), FieldPanel("category"), FieldPanel("department"),
        FieldPanel("hall"), FieldPanel("floor"), FieldPanel("address"), FieldPanel("hours"), FieldPanel("phone"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("number")]

    class Meta:
        verbose_name = "窗口"
        verbose_name_plural = "窗口"
        ordering = ["hall", "number"]

    @property
    def revisions(self):
        return self._revisions

    def __str__(self):
        return f"{self.number}号窗口 {self.name}"
