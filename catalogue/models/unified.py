"""十统一: the elements a catalogue item (基本目录) unifies for every body that implements it.

A blank element is not unified. Which unified elements an implementing matter may not change locally is
configuration: ``settings.CATALOGUE_UNIFIED_ELEMENTS`` (see ``catalogue.unified``).
"""

from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from catalogue.choices import HandlingType, MatterType, TimeUnit

LINES_HELP = "每行一项；留空表示本要素不统一。"


class UnifiedElementSet(models.Model):
    catalogue_item = models.OneToOneField(
        "catalogue.CatalogueItem", verbose_name="基本目录", on_delete=models.CASCADE, related_name="unified_elements"
    )
    name = models.CharField("事项名称", max_length=255, blank=True)
    matter_type = models.CharField("事项类型", max_length=2, choices=MatterType.choices, blank=True)
    legal_limit_value = models.DecimalField("法定办结时限", max_digits=6, decimal_places=1, null=True, blank=True)
    legal_limit_unit = models.CharField("法定时限单位", max_length=16, choices=TimeUnit.choices, default=TimeUnit.WORKING_DAYS)
    handling_type = models.CharField("办件类型", max_length=16, choices=HandlingType.choices, blank=True)
    promised_limit_value = models.DecimalField("承诺办结时限", max_digits=6, decimal_places=1, null=True, blank=True)
    promised_limit_unit = models.CharField("承诺时限单位", max_length=16, choices=TimeUnit.choices, default=TimeUnit.WORKING_DAYS)
    charges = models.BooleanField("是否收费", null=True, blank=True)
    fees = models.TextField("收费标准", blank=True, help_text="每行“收费项目｜收费标准”；" + LINES_HELP)
    legal_bases = models.TextField("设定依据", blank=True, help_text="每行“法律法规名称｜条款”；" + LINES_HELP)
    conditions = models.TextField("受理条件", blank=True, help_text=LINES_HELP)
    materials = models.TextField("申请材料", blank=True, help_text="每行一份材料名称；" + LINES_HELP)
    steps = models.TextField("办理流程", blank=True, help_text="每行一个环节名称；" + LINES_HELP)
    results = models.TextField("办理结果", blank=True, help_text=LINES_HELP)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [
        FieldPanel("catalogue_item"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("matter_type")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("legal_limit_value"), FieldPanel("legal_limit_unit")]),
                FieldRowPanel([FieldPanel("handling_type"), FieldPanel("promised_limit_value"), FieldPanel("promised_limit_unit")]),
            ],
            heading="办理时限",
        ),
        FieldPanel("charges"),
        FieldPanel("fees"),
        FieldPanel("legal_bases"),
        FieldPanel("conditions"),
        FieldPanel("materials"),
        FieldPanel("steps"),
        FieldPanel("results"),
    ]

    class Meta:
        verbose_name = "十统一要素"
        verbose_name_plural = "十统一要素"
        ordering = ["catalogue_item__code"]

    def __str__(self):
        return f"{self.catalogue_item.name}（{self.catalogue_item.code}）"
