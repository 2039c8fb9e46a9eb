"""事项 (one 实施清单 entry = one public 办事指南), with every element as a field or a child row."""

from django import forms
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from catalogue.choices import (
    AliasKind,
    CrossAreaScope,
    ExerciseLevel,
    HandlingType,
    MaterialForm,
    MaterialKind,
    MaterialSource,
    MatterStatus,
    MatterType,
    Necessity,
    OnlineDepth,
    PowerSource,
    ResultKind,
    TimeUnit,
)
from catalogue.time_limits import TimeLimit, speedup_rate
from catalogue.versioning_forms import VersionedMatterPageForm


class MatterQuerySet(PageQuerySet):
    def public_listing(self):
        """Matters shown in public lists: in use (暂停/取消 keep their page but leave the lists)."""
        return self.filter(status=MatterStatus.ACTIVE)

    def with_guide_rows(self):
        return self.prefetch_related(
            "conditions", "materials", "steps", "special_steps", "fees", "legal_bases", "results",
            "locations", "alias_names", "faqs", "themes", "service_objects", "windows",
        ).select_related("catalogue_item")


MatterManager = PageManager.from_queryset(MatterQuerySet)


class MatterPage(Page):
    # —— 基本信息 ——
    code = models.CharField("实施编码", max_length=36, unique=True, validators=[MaxLengthValidator(36)])
    catalogue_item = models.ForeignKey(
        "catalogue.CatalogueItem", verbose_name="基本目录", null=True, blank=True, on_delete=models.PROTECT, related_name="matters"
    )
    basic_code = models.CharField("基本编码", max_length=20, blank=True, help_text="基本目录编码（主项/子项12位，业务办理项14位）。")
    local_code = models.CharField("地方编码", max_length=64, blank=True)
    handling_item_name = models.CharField("业务办理项", max_length=255, blank=True, help_text="如“（个人）”“（企业）”“变更”。")
    short_name = models.CharField("简称", max_length=255, blank=True)
    matter_type = models.CharField("事项类型", max_length=2, choices=MatterType.choices)
    exercise_level = models.CharField("行使层级", max_length=16, choices=ExerciseLevel.choices)
    power_source = models.CharField("权力来源", max_length=20, choices=PowerSource.choices, default=PowerSource.STATUTORY)
    entrusting_department = models.CharField("委托部门", max_length=255, blank=True)
    joint_bodies = models.TextField("联办机构", blank=True)
    status = models.CharField("事项状态", max_length=16, choices=MatterStatus.choices, default=MatterStatus.ACTIVE)
    service_objects = ParentalManyToManyField("catalogue.ServiceObject", verbose_name="服务对象", blank=True, related_name="matters")
    themes = ParentalManyToManyField("catalogue.Theme", verbose_name="主题分类", blank=True, related_name="matters")

    # —— 受理条件 ——
    quantity_limit = models.TextField("数量限制", blank=True)
    prohibitions = models.TextField("禁止性要求", blank=True)

    # —— 时限 ——
    handling_type = models.CharField("办件类型", max_length=16, choices=HandlingType.choices, default=HandlingType.PROMISED)
    legal_limit_value = models.DecimalField("法定办结时限", max_digits=6, decimal_places=1, null=True, blank=True, validators=[MinValueValidator(0)])
    legal_limit_unit = models.CharField("法定时限单位", max_length=16, choices=TimeUnit.choices, default=TimeUnit.WORKING_DAYS)
    legal_limit_note = models.CharField("法定时限说明", max_length=500, blank=True)
    promised_limit_value = models.DecimalField("承诺办结时限", max_digits=6, decimal_places=1, null=True, blank=True, validators=[MinValueValidator(0)])
    promised_limit_unit = models.CharField("承诺时限单位", max_length=16, choices=TimeUnit.choices, default=TimeUnit.WORKING_DAYS)
    promised_limit_note = models.CharField("承诺时限说明", max_length=500, blank=True)

    # —— 收费 ——
    charges = models.BooleanField("是否收费", null=True, blank=True, default=False, help_text="未注明时留空（导入数据常缺收费信息）。")

    # —— 办理方式、地点与咨询 ——
    accepts_at_window = models.BooleanField("窗口办理", default=True)
    accepts_online = models.BooleanField("网上办理", default=False)
    accepts_by_post = models.BooleanField("快递申请", default=False)
    online_depth = models.CharField("网上办理深度", max_length=16, choices=OnlineDepth.choices, default=OnlineDepth.NONE)
    online_url = models.URLField("在线办理地址", max_length=500, blank=True)
    online_platform = models.CharField("承载平台", max_length=255, blank=True)
    visits = models.PositiveSmallIntegerField("到办事现场次数", default=1)
    visits_reason = models.CharField("到现场原因", max_length=500, blank=True)
    cross_area_scope = models.CharField("通办范围", max_length=16, choices=CrossAreaScope.choices, default=CrossAreaScope.NONE)
    office_hours = models.CharField("办理时间", max_length=500, blank=True)
    windows = ParentalManyToManyField("catalogue.Window", verbose_name="办理窗口", blank=True, related_name="matters")
    consult_phone = models.CharField("咨询电话", max_length=1000, blank=True)
    consult_other = models.CharField("其他咨询方式", max_length=500, blank=True)
    complaint_phone = models.CharField("监督投诉电话", max_length=1000, blank=True)
    complaint_other = models.CharField("其他投诉方式", max_length=500, blank=True)
    supports_appointment = models.BooleanField("支持预约办理", default=False)
    appointment_url = models.URLField("预约地址", max_length=500, blank=True)
    supports_courier = models.BooleanField("支持物流快递送达", default=False)
    supports_online_payment = models.BooleanField("支持网上支付", default=False)
    supports_self_service = models.BooleanField("支持自助终端办理", default=False)

    # —— 维护 ——
    last_verified = models.DateField("最近核验日期", null=True, blank=True)
    next_review = models.DateField("下次复核日期", null=True, blank=True)
    source_url = models.URLField("来源地址", max_length=500, blank=True, help_text="导入数据的原始页面。")
    import_hash = models.CharField("导入指纹", max_length=64, blank=True, editable=False, help_text="上次导入的源数据指纹：源数据未变则重复导入不改动。")

    # —— 版本与撤销（versioning） ——
    change_note = models.TextField("本次变更说明", blank=True, help_text="提交审核或发布时必填；重大变更的说明在办事指南的历史版本中公开。")
    major_change = models.BooleanField("重大变更", default=False, help_text="勾选：公开的“更新日期”随本次发布更新，变更说明公开。不勾选：错别字等细微修改。")
    public_updated_at = models.DateTimeField("更新日期", null=True, blank=True, editable=False, help_text="最近一次重大变更的发布时间。")
    withdrawal_reason = models.TextField("暂停/取消原因", blank=True)
    withdrawn_on = models.DateField("暂停/取消日期", null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self", verbose_name="替代事项", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces",
        help_text="取消后由哪个事项替代（如有）。",
    )

    objects = MatterManager()
    base_form_class = VersionedMatterPageForm

    parent_page_types = ["catalogue.DepartmentPage"]
    subpage_types = []

    search_fields = Page.search_fields + [
        index.SearchField("code"),
        index.AutocompleteField("code"),
        index.SearchField("short_name"),
        index.RelatedFields("alias_names", [index.SearchField("name"), index.AutocompleteField("name")]),
        index.FilterField("matter_type"),
        index.FilterField("status"),
        index.FilterField("handling_type"),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title", heading="事项名称"),
                    FieldRowPanel([FieldPanel("code"), FieldPanel("basic_code"), FieldPanel("local_code")], heading="编码"),
                    FieldPanel("catalogue_item"),
                    FieldRowPanel([FieldPanel("handling_item_name"), FieldPanel("short_name")]),
                    FieldRowPanel([FieldPanel("matter_type"), FieldPanel("exercise_level"), FieldPanel("power_source")]),
                    FieldRowPanel([FieldPanel("status"), FieldPanel("entrusting_department")]),
                    FieldPanel("joint_bodies"),
                    FieldPanel("service_objects", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("themes"),
                    InlinePanel("alias_names", heading="别名与日常用语", label="别名"),
                    MultiFieldPanel([FieldPanel("last_verified"), FieldPanel("next_review"), FieldPanel("source_url")], heading="维护"),
                ],
                heading="基本信息",
            ),
            ObjectList(
                [
                    InlinePanel("conditions", heading="受理条件", label="条件"),
                    FieldPanel("quantity_limit"),
                    FieldPanel("prohibitions"),
                    InlinePanel("materials", heading="申请材料", label="材料"),
                ],
                heading="受理条件与材料",
            ),
            ObjectList(
                [InlinePanel("steps", heading="办理流程", label="环节"), InlinePanel("special_steps", heading="特殊环节", label="特殊环节")],
                heading="办理流程",
            ),
            ObjectList(
                [
                    FieldPanel("handling_type"),
                    FieldRowPanel([FieldPanel("legal_limit_value"), FieldPanel("legal_limit_unit"), FieldPanel("legal_limit_note")], heading="法定办结时限"),
                    FieldRowPanel(
                        [FieldPanel("promised_limit_value"), FieldPanel("promised_limit_unit"), FieldPanel("promised_limit_note")], heading="承诺办结时限"
                    ),
                    FieldPanel("charges"),
                    InlinePanel("fees", heading="收费项目", label="收费项目"),
                ],
                heading="时限与收费",
            ),
            ObjectList(
                [InlinePanel("legal_bases", heading="设定依据", label="依据"), InlinePanel("results", heading="办理结果", label="结果")],
                heading="依据与结果",
            ),
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldRowPanel([FieldPanel("accepts_at_window"), FieldPanel("accepts_online"), FieldPanel("accepts_by_post")]),
                            FieldRowPanel([FieldPanel("online_depth"), FieldPanel("online_platform")]),
                            FieldPanel("online_url"),
                            FieldRowPanel([FieldPanel("visits"), FieldPanel("visits_reason")]),
                            FieldPanel("cross_area_scope"),
                        ],
                        heading="办理形式",
                    ),
                    InlinePanel("locations", heading="办理地点", label="地点"),
                    FieldPanel("office_hours"),
                    FieldPanel("windows"),
                    MultiFieldPanel(
                        [FieldRowPanel([FieldPanel("consult_phone"), FieldPanel("consult_other")]), FieldRowPanel([FieldPanel("complaint_phone"), FieldPanel("complaint_other")])],
                        heading="咨询与投诉",
                    ),
                    MultiFieldPanel(
                        [
                            FieldRowPanel([FieldPanel("supports_appointment"), FieldPanel("appointment_url")]),
                            FieldRowPanel([FieldPanel("supports_courier"), FieldPanel("supports_online_payment"), FieldPanel("supports_self_service")]),
                        ],
                        heading="便民服务",
                    ),
                    InlinePanel("faqs", heading="常见问题", label="问答"),
                ],
                heading="地点与咨询",
            ),
            ObjectList(
                [
                    MultiFieldPanel([FieldPanel("change_note"), FieldPanel("major_change")], heading="本次变更（提交审核或发布时必填）"),
                    MultiFieldPanel(
                        [FieldPanel("withdrawal_reason"), FieldPanel("withdrawn_on"), FieldPanel("replaced_by")],
                        heading="暂停或取消（事项状态为暂停/取消时填写）",
                    ),
                ],
                heading="版本与状态",
            ),
            ObjectList(Page.promote_panels, heading="推广"),
            ObjectList(Page.settings_panels, heading="设置"),
        ]
    )

    class Meta:
        verbose_name = "事项（办事指南）"
        verbose_name_plural = "事项（办事指南）"
        indexes = [models.Index(fields=["matter_type", "status"])]

    def __str__(self):
        return self.title

    # —— derived facts ——
    @property
    def legal_limit(self) -> TimeLimit:
        return TimeLimit(self.legal_limit_value, self.legal_limit_unit, self.legal_limit_note)

    @property
    def promised_limit(self) -> TimeLimit:
        return TimeLimit(self.promised_limit_value, self.promised_limit_unit, self.promised_limit_note)

    @property
    def speedup_rate(self):
        return speedup_rate(self.legal_limit, self.promised_limit)

    @cached_property
    def department(self):
        from catalogue.models.organisations import DepartmentPage

        return DepartmentPage.objects.select_related("region").get(pk=self.get_parent().pk) if self.pk or self.path else None

    @property
    def handling_forms(self) -> list[str]:
        forms = []
        if self.accepts_at_window:
            forms.append("窗口办理")
        if self.accepts_online:
            forms.append("网上办理")
        if self.accepts_by_post:
            forms.append("快递申请")
        return forms

    @property
    def is_withdrawn(self) -> bool:
        return self.status != MatterStatus.ACTIVE

    def get_short_url(self) -> str:
        """The canonical short URL printed on every sheet and encoded in QR codes."""
        return reverse("matter_short_url", args=[self.code])


class MatterCondition(Orderable):
    page = ParentalKey(MatterPage, on_delete=models.CASCADE, related_name="conditions")
    text = models.TextField("受理条件")

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = "受理条件"

    def __str__(self):
        return self.text


class MatterMaterial(Orderable):
    page = ParentalKey(MatterPage, on_delete=models.CASCADE, related_name="materials")
    name = models.CharField("材料名称", max_length=500)
    shared_material = models.ForeignKey(
        "catalogue.SharedMaterial", verbose_name="材料库材料", null=True, blank=True, on_delete=models.SET_NULL, related_name="uses"
    )
    # Blank means 未注明: imported data often lacks these details, and the guide must not invent them.
    necessity = models.CharField("必要性", max_length=16, choices=Necessity.choices, blank=True, default=Necessity.REQUIRED)
    kind = models.CharField("材料类型", max_length=16, choices=MaterialKind.choices, blank=True, default=MaterialKind.ORIGINAL)
    form = models.CharField("材料形式", max_length=16, choices=MaterialForm.choices, blank=True, default=MaterialForm.PAPER)
    originals = models.PositiveSmallIntegerField("原件份数", null=True, blank=True, default=1)
    copies = models.PositiveSmallIntegerField("复印件份数", null=True, blank=True, default=0)
    paper_size = models.CharField("纸质规格", max_length=50, blank=True, default="A4")
    source = models.CharField("来源渠道", max_length=16, choices=MaterialSource.choices, blank=True, default=MaterialSource.APPLICANT)
    source_body = models.CharField("出具单位", max_length=255, blank=True)
    blank_form = models.ForeignKey("wagtaildocs.Document", verbose_name="空白表格", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    sample_form = models.ForeignKey("wagtaildocs.Document", verbose_name="示例样表", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    instructions = models.TextField("填报须知", blank=True)
    acceptance_standard = models.TextField("受理标准", blank=True)
    basis = models.CharField("设定依据", max_length=500, blank=True)
    situation = models.CharField("适用情形", max_length=255, blank=True, help_text="仅适用于某些情形时填写，如“新设”“变更”。")

    panels = [
        FieldPanel("name"),
        FieldPanel("shared_material"),
        FieldRowPanel([FieldPanel("necessity"), FieldPanel("kind"), FieldPanel("form")]),
        FieldRowPanel([FieldPanel("originals"), FieldPanel("copies"), FieldPanel("paper_size")]),
        FieldRowPanel([FieldPanel("source"), FieldPanel("source_body")]),
        FieldRowPanel([FieldPanel("blank_form"), FieldPanel("sample_form")]),
        FieldPanel("instructions"),
        FieldPanel("acceptance_standard"),
        FieldRowPanel([FieldPanel("basis"), FieldPanel("situation")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "申请材料"

    def __str__(self):
        return self.name


class MatterStep(Orderable):
    page = ParentalKey(MatterPage, on_delete=models.CASCADE, related_name="steps")
    name = models.CharField("环节", max_length=100)
    handler = models.CharField("岗位/办理人员", max_length=100, blank=True)
    time_limit = models.CharField("办理时限", max_length=100, blank=True)
    review_standard = models.TextField("审查标准", blank=True)
    result = models.CharField("办理结果", max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("handler"), FieldPanel("time_limit")]), FieldPanel("review_standard"), FieldPanel("result")]

    class Meta(Orderable.Meta):
        verbose_name = "办理环节"

    def __str__(self):
        return self.name


class MatterSpecialStep(Orderable):
    page = ParentalKey(MatterPage, on_delete=models.CASCADE, related_name="special_steps")
    name = models.CharField("特殊环节名称", max_length=100)
    time_limit = models.CharField("时限", max_length=100, blank=True)
    basis = models.CharField("设定依据", max_length=500, blank=True)
    counted_in_limit = models.BooleanField("计入办结时限", default=False)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("time_limit"), FieldPanel("counted_in_limit")]), FieldPanel("basis")]

    class Meta(Orderable.Meta):
        verbose_name = "特殊环节"

    def __str__(self):
        return self.name


class MatterFee(Orderable):
    page = ParentalKey(MatterPage, on_delete=models.CASCADE, related_name="fees")
    name = models.CharField("收费项目", max_length=255)
    standard = models.CharField("收费标准", max_length=500)
    basis = models.CharField("收费依据", max_length=500, blank=True)
    reducible = models.BooleanField("允许减免", default=False)
    reduction_basis = models.CharField("减免依据", max_length=500, blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("standard")]), FieldPanel("basis"), FieldRowPanel([FieldPanel("reducible"), FieldPanel("reduction_basis")])]

    class Meta(Orderable.Meta):
        verbose_name = "收费项目"

    def __str__(self):
        return self.name


class MatterLegalBasis(Orderable):
    """设定依据 at article level, so a change of law finds every matter that cites it."""

    page = ParentalKey(MatterPage, on_delete=models.CASCADE, related_name="legal_bases")
    law_name = models.CharField("法律法规名称", max_length=255)
    document_number = models.CharField("文号", max_length=100, blank=True)
    article = models.CharField("条款", max_length=100, blank=True, help_text="如“第十二条第一款”。")
    text = models.TextField("条款内容", blank=True)

    panels = [FieldRowPanel([FieldPanel("law_name"), FieldPanel("document_number"), FieldPanel("article")]), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = "设定依据"
        indexes = [models.Index(fields=["law_name", "article"])]

    def __str__(self):
        return f"{self.law_name}{self.article}"


class MatterResult(Orderable):
    page = ParentalKey(MatterPage, on_delete=models.CASCADE, related_name="results")
    name = models.CharField("结果名称", max_length=255)
    kind = models.CharField("结果类型", max_length=16, choices=ResultKind.choices, default=ResultKind.OTHER)
    validity = models.CharField("有效期", max_length=100, blank=True)
    sample = models.ForeignKey("wagtaildocs.Document", verbose_name="结果样本", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("kind"), FieldPanel("validity")]), FieldPanel("sample")]

    class Meta(Orderable.Meta):
        verbose_name = "办理结果"

    def __str__(self):
        return self.name


class MatterLocation(Orderable):
    page = ParentalKey(MatterPage, on_delete=models.CASCADE, related_name="locations")
    address = models.CharField("办理地点", max_length=500)
    hours = models.CharField("办理时间", max_length=500, blank=True)
    phone = models.CharField("电话", max_length=100, blank=True)

    panels = [FieldPanel("address"), FieldRowPanel([FieldPanel("hours"), FieldPanel("phone")])]

    class Meta(Orderable.Meta):
        verbose_name = "办理地点"

    def __str__(self):
        return self.address


class MatterAlias(Orderable):
    """Colloquial and short names people search with (日常用语, 简称)."""

    page = ParentalKey(MatterPage, on_delete=models.CASCADE, related_name="alias_names")
    name = models.CharField("别名", max_length=255)
    kind = models.CharField("类型", max_length=16, choices=AliasKind.choices, default=AliasKind.DAILY)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("kind")])]

    class Meta(Orderable.Meta):
        verbose_name = "别名"

    def __str__(self):
        return self.name


class MatterFAQ(Orderable):
    page = ParentalKey(MatterPage, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField("问题", max_length=500)
    answer = models.TextField("解答")

    panels = [FieldPanel("question"), FieldPanel("answer")]

    class Meta(Orderable.Meta):
        verbose_name = "常见问题"

    def __str__(self):
        return self.question
