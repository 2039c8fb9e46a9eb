"""Notices counter staff print under 行政许可法 art. 32: 补正材料通知书 (every missing material at once),
受理通知书 and 不予受理通知书. Numbered 机关简称 + 类型 + 年份 + 序号 without gaps or duplicates."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone


class NoticeKind(models.TextChoices):
    CORRECTION = "correction", "补正材料通知书"
    ACCEPTANCE = "acceptance", "受理通知书"
    REJECTION = "rejection", "不予受理通知书"


NUMBER_WORDS = {NoticeKind.CORRECTION: "补正", NoticeKind.ACCEPTANCE: "受理", NoticeKind.REJECTION: "不予受理"}


class NoticeCounter(models.Model):
    """One row per (机关简称, 类型, 年份), locked while a number is taken."""

    prefix = models.CharField("机关简称", max_length=60)
    kind = models.CharField("类型", max_length=16, choices=NoticeKind.choices)
    year = models.PositiveSmallIntegerField("年份")
    last_serial = models.PositiveIntegerField("已用序号", default=0)

    class Meta:
        verbose_name = "文书编号计数器"
        verbose_name_plural = "文书编号计数器"
        constraints = [models.UniqueConstraint(fields=["prefix", "kind", "year"], name="notice_counter_key")]

    def __str__(self):
        return f"{self.prefix}{NUMBER_WORDS[self.kind]}〔{self.year}〕{self.last_serial}"


class Notice(models.Model):
    number = models.CharField("文书编号", max_length=100, unique=True)
    prefix = models.CharField("机关简称", max_length=60)
    kind = models.CharField("类型", max_length=16, choices=NoticeKind.choices)
    year = models.PositiveSmallIntegerField("年份")
    serial = models.PositiveIntegerField("序号")
    matter = models.ForeignKey("catalogue.MatterPage", verbose_name="事项", null=True, on_delete=models.SET_NULL, related_name="notices")
    matter_code = models.CharField("实施编码", max_length=36)
    matter_title = models.CharField("事项名称", max_length=255)
    matter_revision_id = models.PositiveBigIntegerField("依据的指南版本（修订）", null=True)
    department = models.ForeignKey("catalogue.DepartmentPage", verbose_name="实施主体", null=True, on_delete=models.SET_NULL, related_name="notices")
    applicant_name = models.CharField("申请人", max_length=200, blank=True)
    missing_materials = models.JSONField("需补正的材料", default=list, blank=True)
    reason = models.TextField("不予受理理由", blank=True)
    competent_body = models.CharField("有权受理的行政机关", max_length=200, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="开具人", null=True, on_delete=models.SET_NULL, related_name="+")
    issued_at = models.DateTimeField("开具时间", default=timezone.now)
    purged_at = models.DateTimeField("申请人信息删除时间", null=True, blank=True)

    class Meta:
        verbose_name = "窗口文书"
        verbose_name_plural = "窗口文书"
        ordering = ["-issued_at"]
        constraints = [models.UniqueConstraint(fields=["prefix", "kind", "year", "serial"], name="notice_serial_key")]

    def __str__(self):
        return self.number

    @staticmethod
    def format_number(prefix: str, kind: str, year: int, serial: int) -> str:
        return f"{prefix}{NUMBER_WORDS[kind]}〔{year}〕{serial}号"

    @classmethod
    def issue(cls, *, matter, kind: str, user, applicant_name: str = "", missing_materials=(), reason: str = "", competent_body: str = ""):
        """Take the next number and create the notice in one transaction: a rollback returns the number."""
        department = matter.department
        prefix = department.short_name or department.title
        now = timezone.now()
        year = timezone.localtime(now).year
        with transaction.atomic():
            counter = NoticeCounter.objects.select_for_update().filter(prefix=prefix, kind=kind, year=year).first()
            if counter is None:
                try:
                    with transaction.atomic():
                        NoticeCounter.objects.create(prefix=prefix, kind=kind, year=year)
                except IntegrityError:  # created by a concurrent request
                    pass
                counter = NoticeCounter.objects.select_for_update().get(prefix=prefix, kind=kind, year=year)
            counter.last_serial += 1
            counter.save(update_fields=["last_serial"])
            return cls.objects.create(
                number=cls.format_number(prefix, kind, year, counter.last_serial),
                prefix=prefix, kind=kind, year=year, serial=counter.last_serial,
                matter=matter, matter_code=matter.code, matter_title=matter.title, matter_revision_id=matter.live_revision_id,
                department=department, applicant_name=applicant_name, missing_materials=list(missing_materials),
                reason=reason, competent_body=competent_body, issued_by=user, issued_at=now,
            )

    @classmethod
    def purge_expired(cls, *, now=None, days: int | None = None) -> int:
        """Remove applicant data older than the retention period; the numbered record itself stays."""
        days = settings.NOTICE_RETENTION_DAYS if days is None else days
        now = now or timezone.now()
        expired = cls.objects.filter(issued_at__lt=now - timedelta(days=days), purged_at__isnull=True)
        return expired.update(applicant_name="", purged_at=now)


class NoticePrint(models.Model):
    notice = models.ForeignKey(Notice, verbose_name="文书", on_delete=models.CASCADE, related_name="prints")
    printed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="打印人", null=True, on_delete=models.SET_NULL, related_name="+")
    printed_at = models.DateTimeField("打印时间", auto_now_add=True)

    class Meta:
        verbose_name = "文书打印记录"
        verbose_name_plural = "文书打印记录"
        ordering = ["-printed_at"]
