"""The ways the public finds a matter: service objects (服务对象) and themes (主题分类)."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from catalogue.choices import Audience


class ServiceObject(models.Model):
    """服务对象: 自然人, 企业法人, 事业法人, 社会组织法人, 非法人企业, 行政机关, 其他组织."""

    name = models.CharField("名称", max_length=50, unique=True)
    audience = models.CharField("面向", max_length=16, choices=Audience.choices)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    panels = [FieldPanel("name"), FieldPanel("audience"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = "服务对象"
        verbose_name_plural = "服务对象"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Theme(index.Indexed, models.Model):
    """主题分类 (个人: 户籍办理, 社会保障 …; 法人: 设立变更, 准营准办 …)."""

    name = models.CharField("主题", max_length=50)
    slug = models.SlugField("网址名", max_length=80, unique=True, allow_unicode=True)
    audience = models.CharField("面向", max_length=16, choices=Audience.choices)
    description = models.TextField("说明", blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("audience"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = "主题分类"
        verbose_name_plural = "主题分类"
        ordering = ["audience", "name"]
        constraints = [models.UniqueConstraint(fields=["name", "audience"], name="unique_theme_per_audience")]

    def __str__(self):
        return f"{self.name}（{self.get_audience_display()}）"
