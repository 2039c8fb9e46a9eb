"""The service standard system: its tree (GB/T 24421.2), the standards in it, their editions and what they govern.

A standard is a snippet with Wagtail's full versioning stack (drafts, review workflow, history, compare, locking),
not a page: it has no place in the site's page tree (a standard is found by its number, category and status, not
by a parent page), its public URL is its number, and editors of the standards office need one list with filters
rather than a tree of a thousand children. A new **edition** is a new standard whose `replaces` names the old one.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from standards.choices import StandardSource, StandardStatus
from standards.numbers import KIND_LABELS, StandardNumberError, parse_number


class StandardCategory(models.Model):
    """A node of the 标准体系表 (GB/T 24421.2: 服务通用基础 / 服务保障 / 服务提供, plus 岗位工作)."""

    code = models.CharField("体系编号", max_length=20, unique=True, help_text="如“300”“303”，决定在体系表中的位置。")
    name = models.CharField("名称", max_length=100)
    parent = models.ForeignKey("self", verbose_name="上级类别", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    description = models.TextField("说明", blank=True)

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("parent"), FieldPanel("description")]

    class Meta:
        verbose_name = "标准体系类别"
        verbose_name_plural = "标准体系表"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        node = self.parent
        while node is not None:
            if node.pk == self.pk:
                raise ValidationError({"parent": "上级类别不能是本类别或其下级。"})
            node = node.parent

    @property
    def depth(self) -> int:
        depth, node = 0, self.parent
        while node is not None:
            depth, node = depth + 1, node.parent
        return depth

    def descendant_ids(self) -> list[int]:
        ids, frontier = [self.pk], [self.pk]
        while frontier:
            frontier = list(StandardCategory.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            ids += frontier
        return ids


class ApplicableLevel(models.Model):
    """适用层级: 区 / 镇 / 村 / 组."""

    code = models.CharField("代码", max_length=20, unique=True)
    name = models.CharField("名称", max_length=20)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "适用层级"
        verbose_name_plural = "适用层级"
        ordering = ["sort_order"]

    def __str__(self):
        return self.name


class Post(index.Indexed, models.Model):
    """岗位: a post whose work a 岗位工作标准 governs (首席代表, 综合受理员, 审批员 …)."""

    name = models.CharField("岗位名称", max_length=100)
    department = models.ForeignKey(
        "catalogue.DepartmentPage", verbose_name="所属部门", null=True, blank=True, on_delete=models.SET_NULL, related_name="posts"
    )
    duties = models.TextField("岗位职责", blank=True)

    panels = [FieldPanel("name"), FieldPanel("department"), FieldPanel("duties")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = "岗位"
        verbose_name_plural = "岗位"
        ordering = ["name"]

    def __str__(self):
        return self.name


class ClauseBlock(blocks.StructBlock):
    number = blocks.CharBlock(label="条号", max_length=20, help_text="如“4”“4.1”。")
    heading = blocks.CharBlock(label="标题", max_length=200, required=False)
    text = blocks.TextBlock(label="条文", required=False)
    items = blocks.ListBlock(blocks.TextBlock(label="条目"), label="列项", default=[])

    class Meta:
        label = "条款"
        icon = "list-ol"
        template = "standards/blocks/clause.html"


class StandardQuerySet(models.QuerySet):
    def public(self):
        """What the public sees: published standards, drafts (草案) excluded."""
        return self.filter(live=True).exclude(status=StandardStatus.DRAFT)

    def current(self):
        return self.filter(live=True, status=StandardStatus.CURRENT)


class Standard(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, index.Indexed, ClusterableModel):
    number = models.CharField("标准编号", max_length=64, unique=True, help_text="如 GB/T 24421.2-2023、DB44/T 1234-2020、Q/ZWFW 30001-2026。")
    prefix = models.CharField("代号", max_length=20, editable=False, db_index=True)
    serial = models.PositiveIntegerField("顺序号", editable=False, default=0)
    part = models.CharField("部分号", max_length=20, editable=False, blank=True)
    year = models.PositiveSmallIntegerField("年号", editable=False, default=0)
    sort_key = models.CharField("排序键", max_length=80, editable=False, db_index=True)
    slug = models.CharField("网址编号", max_length=80, unique=True, editable=False)

    title = models.CharField("中文名称", max_length=255)
    title_en = models.CharField("英文名称", max_length=255, blank=True)
    category = models.ForeignKey(StandardCategory, verbose_name="体系类别", on_delete=models.PROTECT, related_name="standards")
    status = models.CharField("状态", max_length=16, choices=StandardStatus.choices, default=StandardStatus.DRAFT, db_index=True)
    source = models.CharField("来源", max_length=16, choices=StandardSource.choices, default=StandardSource.CENTRE)
    issued_on = models.DateField("发布日期", null=True, blank=True)
    effective_on = models.DateField("实施日期", null=True, blank=True)
    abolished_on = models.DateField("废止日期", null=True, blank=True)
    issuing_body = models.CharField("发布机构", max_length=255, blank=True)
    responsible_body = models.CharField("归口（负责）单位", max_length=255, blank=True)
    drafters = models.CharField("起草人", max_length=500, blank=True)
    levels = ParentalManyToManyField(ApplicableLevel, verbose_name="适用层级", blank=True, related_name="standards")
    replaces = ParentalManyToManyField(
        "self", verbose_name="代替标准", symmetrical=False, blank=True, related_name="replaced_by",
        help_text="本标准代替的旧版本；本标准实施之日起旧版本自动废止。",
    )
    scope = models.TextField("范围", blank=True)
    body = StreamField([("clause", ClauseBlock())], verbose_name="正文", blank=True, use_json_field=True)
    note = models.TextField("备注", blank=True)
    matters = ParentalManyToManyField("catalogue.MatterPage", verbose_name="规范的事项", blank=True, related_name="standards")
    windows = ParentalManyToManyField("catalogue.Window", verbose_name="规范的窗口", blank=True, related_name="standards")
    posts = ParentalManyToManyField(Post, verbose_name="规范的岗位", blank=True, related_name="standards")
    generated_for = models.ForeignKey(
        "catalogue.MatterPage", verbose_name="生成自事项", null=True, blank=True, on_delete=models.SET_NULL, related_name="generated_procedures",
        editable=False,
    )
    source_fingerprint = models.CharField("生成指纹", max_length=64, blank=True, editable=False)

    objects = StandardQuerySet.as_manager()

    search_fields = [
        index.SearchField("number", boost=3),
        index.AutocompleteField("number"),
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("title_en"),
        index.SearchField("scope"),
        index.FilterField("status"),
        index.FilterField("prefix"),
        index.FilterField("category"),
        index.FilterField("live"),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("number"),
                    FieldPanel("title"),
                    FieldPanel("title_en"),
                    FieldRowPanel([FieldPanel("category"), FieldPanel("status"), FieldPanel("source")]),
                    FieldRowPanel([FieldPanel("issued_on"), FieldPanel("effective_on"), FieldPanel("abolished_on")], heading="日期"),
                    FieldRowPanel([FieldPanel("issuing_body"), FieldPanel("responsible_body")]),
                    FieldPanel("drafters"),
                    FieldPanel("levels", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("replaces"),
                    FieldPanel("note"),
                ],
                heading="标准信息",
            ),
            ObjectList(
                [
                    FieldPanel("scope"),
                    InlinePanel("references", heading="规范性引用文件", label="引用文件"),
                    FieldPanel("body"),
                    InlinePanel("attachments", heading="附件", label="附件"),
                ],
                heading="正文",
            ),
            ObjectList(
                [FieldPanel("matters"), FieldPanel("windows"), FieldPanel("posts")],
                heading="规范对象",
            ),
        ]
    )

    class Meta:
        verbose_name = "服务标准"
        verbose_name_plural = "服务标准"
        ordering = ["sort_key"]

    def __str__(self):
        return f"{self.number} {self.title}"

    # —— number ——
    def clean(self):
        super().clean()
        try:
            parsed = parse_number(self.number)
        except StandardNumberError as error:
            raise ValidationError({"number": str(error)})
        clash = Standard.objects.filter(number=str(parsed)).exclude(pk=self.pk)
        if clash.exists():
            raise ValidationError({"number": f"标准编号 {parsed} 已存在。"})
        if self.effective_on and self.issued_on and self.effective_on < self.issued_on:
            raise ValidationError({"effective_on": "实施日期不能早于发布日期。"})
        if self.status == StandardStatus.ABOLISHED and not self.abolished_on:
            raise ValidationError({"abolished_on": "废止的标准请填写废止日期。"})

    def apply_number(self):
        parsed = parse_number(self.number)
        self.number = str(parsed)
        self.prefix, self.serial, self.part, self.year = parsed.prefix, parsed.serial, parsed.part, parsed.year
        self.sort_key, self.slug = parsed.sort_key, parsed.slug

    def save(self, *args, **kwargs):
        self.apply_number()
        super().save(*args, **kwargs)

    @property
    def designation(self) -> str:
        return parse_number(self.number).designation

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[parse_number(self.number).kind]

    # —— editions ——
    def edition_chain(self) -> list["Standard"]:
        """Every edition from the oldest to the newest, following 代替 / 被代替 both ways."""
        older, seen = [], {self.pk}
        node = self
        while True:
            previous = [s for s in node.replaces.all() if s.pk not in seen]
            if not previous:
                break
            node = previous[0]
            seen.add(node.pk)
            older.append(node)
        newer, node = [], self
        while True:
            following = [s for s in Standard.objects.filter(replaces=node).order_by("sort_key") if s.pk not in seen]
            if not following:
                break
            node = following[0]
            seen.add(node.pk)
            newer.append(node)
        return list(reversed(older)) + [self] + newer

    def latest_edition(self) -> "Standard":
        return self.edition_chain()[-1]

    # —— Wagtail ——
    def get_url(self) -> str:
        return reverse("standards:detail", args=[self.slug])

    def get_preview_template(self, request, mode_name):
        return "standards/standard_page.html"

    def get_preview_context(self, request, mode_name):
        from standards.views import standard_context

        return standard_context(self)

    @cached_property
    def live_matters(self):
        return list(self.matters.filter(live=True).order_by("title"))


class StandardReference(Orderable):
    """规范性引用文件: dated (注日期, only that edition applies) or undated (不注日期, the latest edition applies)."""

    standard = ParentalKey(Standard, on_delete=models.CASCADE, related_name="references")
    cited = models.ForeignKey(
        Standard, verbose_name="引用的标准", null=True, blank=True, on_delete=models.SET_NULL, related_name="cited_by"
    )
    cited_number = models.CharField("引用编号", max_length=64, help_text="注日期引用写全编号（GB/T 32169.3-2015），不注日期引用可省年号。")
    cited_title = models.CharField("引用文件名称", max_length=255, blank=True)
    dated = models.BooleanField("注日期引用", default=True)

    panels = [FieldRowPanel([FieldPanel("cited_number"), FieldPanel("dated")]), FieldPanel("cited"), FieldPanel("cited_title")]

    class Meta(Orderable.Meta):
        verbose_name = "规范性引用文件"

    def __str__(self):
        return self.display_number

    @property
    def display_number(self) -> str:
        if self.dated:
            return self.cited_number
        return self.cited_number.split("-")[0] if self.cited else self.cited_number

    def applicable_edition(self) -> Standard | None:
        """The edition this reference means: the cited one when dated, the newest one when undated."""
        if self.cited is None:
            return None
        return self.cited if self.dated else self.cited.latest_edition()

    @property
    def cites_abolished(self) -> bool:
        edition = self.applicable_edition()
        return edition is not None and edition.status == StandardStatus.ABOLISHED


class StandardAttachment(Orderable):
    standard = ParentalKey(Standard, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField("附件名称", max_length=255)
    document = models.ForeignKey("wagtaildocs.Document", verbose_name="文件", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("title"), FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = "附件"

    def __str__(self):
        return self.title
