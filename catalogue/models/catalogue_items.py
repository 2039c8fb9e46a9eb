"""基本目录: 主项 › 子项 › 业务办理项. Codes differ by province, so they are stored, never parsed."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from catalogue.choices import CatalogueLevel, MatterType


class CatalogueItem(index.Indexed, models.Model):
    code = models.CharField("基本编码", max_length=20, unique=True)
    name = models.CharField("名称", max_length=255)
    level = models.CharField("目录层级", max_length=16, choices=CatalogueLevel.choices)
    parent = models.ForeignKey("self", verbose_name="上级目录", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    matter_type = models.CharField("事项类型", max_length=2, choices=MatterType.choices)

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("level"), FieldPanel("parent"), FieldPanel("matter_type")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("code"), index.FilterField("level")]

    class Meta:
        verbose_name = "基本目录"
        verbose_name_plural = "基本目录"
        ordering = ["code"]

    def __str__(self):
        return f"{self.name}（{self.code}）"
