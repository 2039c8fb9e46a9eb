from django.db import models


class StandardStatus(models.TextChoices):
    DRAFT = "draft", "草案"
    UPCOMING = "upcoming", "即将实施"
    CURRENT = "current", "现行"
    ABOLISHED = "abolished", "废止"


class StandardSource(models.TextChoices):
    EXTERNAL = "external", "外部标准（国家、行业、地方、团体）"
    CENTRE = "centre", "本中心编制"
    GENERATED = "generated", "由办事指南生成（办理规程）"


STATUS_BY_LABEL = {label: value for value, label in StandardStatus.choices}

# 适用层级 in the order a centre lists them.
LEVELS = [("district", "区"), ("town", "镇"), ("village", "村"), ("group", "组")]
