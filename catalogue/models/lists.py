"""清单/目录 and their numbered releases (2027年版).

A list is either a rule over matter fields (即办, 承诺, 行政许可目录, 收费目录, 年检年审 …; the rules live in
``catalogue.lists.rules``) or an editor's selection where no field decides (前置事项, 中介服务). Publishing a list
freezes its rows as a release; a release is immutable.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable


class ListKind(models.TextChoices):
    ALL = "all", "政务服务事项目录"
    IMMEDIATE = "immediate", "即办事项清单"
    PROMISED = "promised", "承诺办理事项清单"
    ONE_VISIT = "one_visit", "最多跑一次事项清单"
    LICENSING = "licensing", "行政许可目录"
    PREREQUISITE = "prerequisite", "行政许可前置事项目录"
    POWERS = "powers", "行政职权目录"
    FEES = "fees", "行政事业性收费目录"
    INTERMEDIARY = "intermediary", "中介服务及收费目录"
    ANNUAL_INSPECTION = "annual_inspection", "年检年审目录"


# Kinds no matter field decides: the editor chooses the matters.
SELECTED_KINDS = {ListKind.PREREQUISITE, ListKind.INTERMEDIARY}


class MatterList(ClusterableModel):
    title = models.CharField("清单名称", max_length=100)
    slug = models.SlugField("网址名", max_length=60, unique=True)
    kind = models.CharField(
        "清单类型", max_length=32, choices=ListKind.choices,
        help_text="前置事项、中介服务由编辑逐项选定；其余类型按事项字段自动生成。",
    )
    intro = models.TextField("说明", blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    panels = [
        MultiFieldPanel([FieldPanel("title"), FieldPanel("slug"), FieldPanel("kind"), FieldPanel("sort_order")], heading="清单"),
        FieldPanel("intro"),
        InlinePanel("selections", heading="选定事项（仅前置事项、中介服务目录）", label="事项"),
    ]

    class Meta:
        verbose_name = "清单"
        verbose_name_plural = "清单"
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title

    @property
    def is_selected_kind(self) -> bool:
        return self.kind in SELECTED_KINDS

    def get_absolute_url(self) -> str:
        return reverse("list_detail", args=[self.slug])

    @property
    def latest_release(self):
        return self.releases.order_by("-number").first()

    def matters(self):
        from catalogue.lists.rules import matters_of

        return matters_of(self)

    def current_rows(self) -> list[dict]:
        from catalogue.lists.rules import rows_of

        return rows_of(self)


class MatterListSelection(Orderable):
    matter_list = ParentalKey(MatterList, on_delete=models.CASCADE, related_name="selections")
    matter = models.ForeignKey("catalogue.MatterPage", verbose_name="事项", on_delete=models.CASCADE, related_name="+")
    note = models.CharField(
        "说明", max_length=500, blank=True, help_text="前置事项：所前置的审批事项；中介服务：服务名称、收费标准。"
    )

    panels = [FieldPanel("matter"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = "选定事项"
        constraints = [models.UniqueConstraint(fields=["matter_list", "matter"], name="unique_matter_per_list")]


class ReleaseImmutableError(ValidationError):
    pass


class ListRelease(models.Model):
    """Release N of a list: its rows frozen as they were when it was published. Never edited."""

    matter_list = models.ForeignKey(MatterList, verbose_name="清单", on_delete=models.PROTECT, related_name="releases")
    number = models.PositiveIntegerField("版次")
    label = models.CharField("版本名称", max_length=50, help_text="如“2027年版”。")
    released_on = models.DateField("发布日期")
    note = models.TextField("发布说明", blank=True)
    rows = models.JSONField("清单内容", default=list, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "清单版本"
        verbose_name_plural = "清单版本"
        ordering = ["matter_list", "-number"]
        constraints = [models.UniqueConstraint(fields=["matter_list", "number"], name="unique_release_number")]

    def __str__(self):
        return f"{self.matter_list.title}（{self.label}）"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ReleaseImmutableError("已发布的清单版本不能修改；请发布新的版本。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ReleaseImmutableError("已发布的清单版本不能删除。")

    @property
    def count(self) -> int:
        return len(self.rows)

    def get_absolute_url(self) -> str:
        return reverse("list_release", args=[self.matter_list.slug, self.number])

    @property
    def previous(self):
        return self.matter_list.releases.filter(number__lt=self.number).order_by("-number").first()
