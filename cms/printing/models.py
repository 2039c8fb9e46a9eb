"""Stored PDFs: one file per (object, published revision, variant, template version), and booklets."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse


class PrintedFile(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField("对象")
    revision_id = models.PositiveBigIntegerField("发布版本（修订）")
    variant = models.CharField("文档", max_length=32)
    template_version = models.CharField("模板版本", max_length=16)
    file = models.FileField("文件", upload_to="printed/%Y/%m/", max_length=255)
    pages = models.PositiveIntegerField("页数", default=0)
    size = models.PositiveIntegerField("字节数", default=0)
    build_seconds = models.FloatField("生成耗时（秒）", default=0)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        verbose_name = "已生成的打印文件"
        verbose_name_plural = "已生成的打印文件"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "revision_id", "variant", "template_version"], name="printed_file_key"
            )
        ]

    def __str__(self):
        return f"{self.variant} {self.content_type_id}/{self.object_id}@{self.revision_id}"


class BookletKind(models.TextChoices):
    DEPARTMENT = "department", "部门"
    WINDOW = "window", "窗口"
    LIST = "list", "清单"
    RELEASE = "release", "清单版本"


class BookletStatus(models.TextChoices):
    PENDING = "pending", "排队中"
    RUNNING = "running", "生成中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class Booklet(models.Model):
    """服务指南汇编 of a department, a window, a list or a published list release, built in the background with visible progress."""

    LISTS = {
        "immediate": "即办事项清单",
        "promised": "承诺办理事项清单",
        "licensing": "行政许可事项目录",
        "public_service": "公共服务事项目录",
    }

    title = models.CharField("汇编名称", max_length=200, blank=True, help_text="留空时按部门、窗口或清单自动命名。")
    kind = models.CharField("汇编范围", max_length=16, choices=BookletKind.choices, default=BookletKind.DEPARTMENT)
    department = models.ForeignKey(
        "catalogue.DepartmentPage", verbose_name="部门", null=True, blank=True, on_delete=models.CASCADE, related_name="booklets"
    )
    window = models.ForeignKey("catalogue.Window", verbose_name="窗口", null=True, blank=True, on_delete=models.CASCADE, related_name="booklets")
    list_key = models.CharField("清单", max_length=32, blank=True, choices=list(LISTS.items()))
    list_release = models.ForeignKey(
        "catalogue.ListRelease", verbose_name="清单版本", null=True, blank=True, on_delete=models.PROTECT, related_name="booklets",
        help_text="汇编该版本清单所列事项的现行办事指南，按清单顺序排列。",
    )
    status = models.CharField("状态", max_length=16, choices=BookletStatus.choices, default=BookletStatus.PENDING)
    progress_done = models.PositiveIntegerField("已完成", default=0)
    progress_total = models.PositiveIntegerField("总数", default=0)
    stage = models.CharField("当前步骤", max_length=100, blank=True)
    file = models.FileField("文件", upload_to="booklets/%Y/", max_length=255, blank=True)
    pages = models.PositiveIntegerField("页数", default=0)
    error = models.TextField("错误信息", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="创建人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "服务指南汇编"
        verbose_name_plural = "服务指南汇编"
        ordering = ["-created_at"]

    def __str__(self):
        return self.display_title

    def clean(self):
        from django.core.exceptions import ValidationError

        required = {BookletKind.DEPARTMENT: ("department", "请选择部门。"), BookletKind.WINDOW: ("window", "请选择窗口。"),
                    BookletKind.LIST: ("list_key", "请选择清单。"), BookletKind.RELEASE: ("list_release", "请选择清单版本。")}
        field, message = required[self.kind]
        if not getattr(self, field if field == "list_key" else f"{field}_id"):
            raise ValidationError({field: message})

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        if self.kind == BookletKind.DEPARTMENT and self.department_id:
            return f"{self.department.title}服务指南汇编"
        if self.kind == BookletKind.WINDOW and self.window_id:
            return f"{self.window}服务指南汇编"
        if self.kind == BookletKind.RELEASE and self.list_release_id:
            return f"{self.list_release}服务指南汇编"
        if self.kind == BookletKind.LIST and self.list_key:
            return f"{self.LISTS.get(self.list_key, self.list_key)}服务指南汇编"
        return "服务指南汇编"

    @property
    def percent(self) -> int:
        return int(100 * self.progress_done / self.progress_total) if self.progress_total else 0

    def get_download_url(self) -> str:
        return reverse("booklet_pdf", args=[self.pk])
