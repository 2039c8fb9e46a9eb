"""National code tables of the 实施清单 (GB/T 39554.1-2020 and the national data tables)."""

from django.db import models


class MatterType(models.TextChoices):
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
    FILING = "11", "行政备案"
    PUBLIC_SERVICE = "20", "公共服务"

    @classmethod
    def from_label(cls, label: str) -> "MatterType | None":
        for member in cls:
            if member.label == label:
                return member
        return None


class ExerciseLevel(models.TextChoices):
    NATIONAL = "national", "国家级"
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"
    TOWN = "town", "镇（乡、街道）级"
    VILLAGE = "village", "村（社区）级"


class PowerSource(models.TextChoices):
    STATUTORY = "statutory", "法定本级行使"
    DELEGATED_DOWN = "delegated_down", "上级下放"
    AUTHORISED_UP = "authorised_up", "上级授权"
    AUTHORISED_PEER = "authorised_peer", "同级授权"
    ENTRUSTED_UP = "entrusted_up", "上级委托"
    ENTRUSTED_PEER = "entrusted_peer", "同级委托"


class BodyNature(models.TextChoices):
    STATUTORY = "statutory", "法定机关"
    AUTHORISED = "authorised", "法律法规授权组织"
    ENTRUSTED = "entrusted", "受委托组织"


class MatterStatus(models.TextChoices):
    ACTIVE = "active", "在用"
    SUSPENDED = "suspended", "暂停"
    CANCELLED = "cancelled", "取消"


class HandlingType(models.TextChoices):
    IMMEDIATE = "immediate", "即办件"
    PROMISED = "promised", "承诺件"


class TimeUnit(models.TextChoices):
    WORKING_DAYS = "working_days", "工作日"
    NATURAL_DAYS = "natural_days", "自然日"
    MONTHS = "months", "月"
    YEARS = "years", "年"
    HOURS = "hours", "小时"

    @classmethod
    def from_label(cls, label: str) -> "TimeUnit | None":
        label = label.strip()
        for member in cls:
            if member.label == label:
                return member
        return {"天": cls.NATURAL_DAYS, "日": cls.NATURAL_DAYS, "个工作日": cls.WORKING_DAYS, "个月": cls.MONTHS}.get(label)


# Rough conversion to natural days, used only to compare a 承诺 and a 法定 limit given in different units.
NATURAL_DAYS_PER_UNIT = {
    TimeUnit.WORKING_DAYS: 7 / 5,
    TimeUnit.NATURAL_DAYS: 1,
    TimeUnit.MONTHS: 30,
    TimeUnit.YEARS: 365,
    # 小时 in a time limit are office hours: 8 to a working day.
    TimeUnit.HOURS: 7 / 5 / 8,
}


class Necessity(models.TextChoices):
    REQUIRED = "required", "必要"
    OPTIONAL = "optional", "非必要"
    DEFERRABLE = "deferrable", "容缺后补"


class MaterialKind(models.TextChoices):
    ORIGINAL = "original", "原件"
    COPY = "copy", "复印件"
    BOTH = "both", "原件和复印件"


class MaterialForm(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子"
    BOTH = "both", "纸质和电子"


class MaterialSource(models.TextChoices):
    APPLICANT = "applicant", "申请人自备"
    GOVERNMENT = "government", "政府部门核发"
    OTHER = "other", "其他"


class ResultKind(models.TextChoices):
    LICENCE = "licence", "证照"
    APPROVAL = "approval", "批文"
    OTHER = "other", "其他"


class OnlineDepth(models.TextChoices):
    NONE = "none", "不支持网上办理"
    CONSULT = "consult", "互联网咨询"
    RECEIVE = "receive", "互联网收件"
    PRE_REVIEW = "pre_review", "互联网预审"
    ACCEPT = "accept", "互联网受理"
    FULL = "full", "全程网办"


class CrossAreaScope(models.TextChoices):
    NONE = "none", "不支持通办"
    CITY = "city", "全市通办"
    PROVINCE = "province", "全省通办"
    NATIONAL = "national", "全国通办"


class Audience(models.TextChoices):
    PERSON = "person", "个人"
    ORGANISATION = "organisation", "法人"


class AliasKind(models.TextChoices):
    DAILY = "daily", "日常用语"
    SHORT = "short", "简称"
    COLLOQUIAL = "colloquial", "口语名称"


class CatalogueLevel(models.TextChoices):
    MAIN = "main", "主项"
    SUB = "sub", "子项"
    BUSINESS = "business", "业务办理项"


class WindowCategory(models.TextChoices):
    LIVELIHOOD = "livelihood", "社会民生类"
    REGISTRATION = "registration", "注册登记类"
    OPERATING = "operating", "经营许可类"
    CONSTRUCTION = "construction", "投资建设类"
    SPECIAL = "special", "专区"


class RegionLevel(models.TextChoices):
    PROVINCE = "province", "省"
    CITY = "city", "市"
    COUNTY = "county", "区/县"
    TOWN = "town", "镇/街道"
    VILLAGE = "village", "村/社区"
    GROUP = "group", "组"
