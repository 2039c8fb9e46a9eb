"""权责清单: power entries (one per 依申请 matter) with their 责任事项 by stage; versioned snippets."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, RevisionMixin, WorkflowMixin
from wagtail.search import index

from catalogue.choices import ExerciseLevel, PowerSource


class PowerType(models.TextChoices):
    """The ten administrative power types (01–10 of the national 事项类型 table)."""

    LICENSING = "01", "行政许可"
    PENALTY = "02", "行政处罚"
    COERCION = "03", "行政强制"
    LEVY = "04", "行政征收"
    BENEFIT = "05", "行政给付"
    INSPECTION = "06", "行政检查"
    CONFIRMATION = "07", "行政确认"
    REWARD = "08", "行政奖励"
    ADJUDICATION = "09", "行政裁决"
    OTHER_POWER = "10", "其他行政权力"


class ResponsibilityStage(models.TextChoices):
    ACCEPT = "accept", "受理"
    REVIEW = "review", "审查"
    DECIDE = "decide", "决定"
    DELIVER = "deliver", "送达"
    SUPERVISE = "supervise", "事后监管"
    FILE = "file", "立案"
    INVESTIGATE = "investigate", "调查取证"
    HEAR = "hear", "审理"
    NOTIFY = "notify", "告知"
    ENFORCE = "enforce", "执行"


GENERAL_STAGES = [ResponsibilityStage.ACCEPT, ResponsibilityStage.REVIEW, ResponsibilityStage.DECIDE, ResponsibilityStage.DELIVER, ResponsibilityStage.SUPERVISE]
PENALTY_STAGES = [
    ResponsibilityStage.FILE, ResponsibilityStage.INVESTIGATE, ResponsibilityStage.HEAR, ResponsibilityStage.NOTIFY,
    ResponsibilityStage.DECIDE, ResponsibilityStage.DELIVER, ResponsibilityStage.ENFORCE,
]


def stages_for(power_type: str) -> list[str]:
    return PENALTY_STAGES if power_type == PowerType.PENALTY else GENERAL_STAGES


class PowerEntry(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel):
    code = models.CharField("职权编码", max_length=64, unique=True)
    name = models.CharField("职权名称", max_length=255)
    power_type = models.CharField("职权类型", max_length=2, choices=PowerType.choices)
    department = models.ForeignKey(
        "catalogue.DepartmentPage", verbose_name="实施主体", on_delete=models.PROTECT, related_name="power_entries"
    )
    handling_body = models.CharField("承办机构", max_length=255, blank=True)
    exercise_level = models.CharField("行使层级", max_length=16, choices=ExerciseLevel.choices)
    power_source = models.CharField("权力来源", max_length=20, choices=PowerSource.choices, default=PowerSource.STATUTORY)
    flow_chart = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="运行流程图", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    flow_description = models.TextField("运行流程说明", blank=True, help_text="流程图的文字说明，按环节顺序。")
    integrity_risks = models.TextField("廉政风险点", blank=True)
    matter = models.OneToOneField(
        "catalogue.MatterPage", verbose_name="对应事项", null=True, blank=True, on_delete=models.SET_NULL, related_name="power_entry",
        help_text="依申请事项与职权一一对应。",
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="power_entry")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState", content_type_field="base_content_type", object_id_field="object_id",
        related_query_name="power_entry", for_concrete_model=False,
    )

    panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("code"), FieldPanel("power_type")]), FieldPanel("name"), FieldPanel("matter")],
            heading="职权",
        ),
        MultiFieldPanel(
            [FieldPanel("department"), FieldPanel("handling_body"), FieldRowPanel([FieldPanel("exercise_level"), FieldPanel("power_source")])],
            heading="主体与层级",
        ),
        InlinePanel("bases", heading="职权依据", label="依据"),
        MultiFieldPanel([FieldPanel("flow_chart"), FieldPanel("flow_description")], heading="运行流程图"),
        FieldPanel("integrity_risks"),
        InlinePanel("responsibilities", heading="责任事项", label="责任事项"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("code"), index.FilterField("power_type")]

    class Meta:
        verbose_name = "权责清单职权"
        verbose_name_plural = "权责清单"
        ordering = ["department__title", "code"]

    def __str__(self):
        return f"{self.name}（{self.code}）"

    @property
    def revisions(self):
        return self._revisions

    def get_absolute_url(self) -> str:
        return reverse("power_detail", args=[self.code])


class PowerBasis(Orderable):
    entry = ParentalKey(PowerEntry, on_delete=models.CASCADE, related_name="bases")
    law_name = models.CharField("法律法规名称", max_length=255)
    article = models.CharField("条款", max_length=100, blank=True)
    text = models.TextField("条款内容", blank=True)

    panels = [FieldRowPanel([FieldPanel("law_name"), FieldPanel("article")]), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = "职权依据"

    def __str__(self):
        return f"{self.law_name}{self.article}"


class ResponsibilityItem(Orderable):
    entry = ParentalKey(PowerEntry, on_delete=models.CASCADE, related_name="responsibilities")
    stage = models.CharField("环节", max_length=16, choices=ResponsibilityStage.choices)
    duty = models.TextField("责任事项")
    basis = models.TextField("责任依据", blank=True)
    accountability_cases = models.TextField("追责情形", blank=True)
    accountability_basis = models.TextField("追责依据", blank=True)

    panels = [FieldPanel("stage"), FieldPanel("duty"), FieldPanel("basis"), FieldPanel("accountability_cases"), FieldPanel("accountability_basis")]

    class Meta(Orderable.Meta):
        verbose_name = "责任事项"

    def __str__(self):
        return f"{self.get_stage_display()}：{self.duty[:30]}"
