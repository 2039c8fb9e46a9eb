"""The default 标准体系表 (GB/T 24421.2-2023 服务业组织标准体系, adapted to a 政务服务中心) and 适用层级.

Seeding only creates what is missing: categories editors renamed or added in the admin are left alone.
"""

import re

from standards.choices import LEVELS
from standards.models import ApplicableLevel, StandardCategory

TREE: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("100", "服务通用基础标准", [
        ("101", "标准化导则"), ("102", "术语与缩略语"), ("103", "符号与标志"), ("104", "数值与数据"), ("105", "测量标准"),
    ]),
    ("200", "服务保障标准", [
        ("201", "环境与设施设备"), ("202", "安全与应急"), ("203", "信息与数据"), ("204", "人力资源"), ("205", "财务与合同管理"),
        ("206", "进驻与运行管理"),
    ]),
    ("300", "服务提供标准", [
        ("301", "服务规范"), ("302", "服务提供规范（办理规程）"), ("303", "窗口服务规范"), ("304", "服务质量控制"),
        ("305", "服务评价与改进"),
    ]),
    ("400", "岗位工作标准", [("401", "决策层岗位"), ("402", "管理层岗位"), ("403", "操作层岗位")]),
]


# The short names the national CSV uses in its `category` column.
TOP_LEVEL_ALIASES = {"服务通用基础": "100", "服务保障": "200", "服务提供": "300", "岗位工作": "400"}

PROCEDURE_CATEGORY = "302"


def seed_system() -> int:
    created = 0
    for code, name, children in TREE:
        parent, made = StandardCategory.objects.get_or_create(code=code, defaults={"name": name})
        created += made
        for child_code, child_name in children:
            _, made = StandardCategory.objects.get_or_create(code=child_code, defaults={"name": child_name, "parent": parent})
            created += made
    for order, (code, name) in enumerate(LEVELS):
        _, made = ApplicableLevel.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})
        created += made
    assign_review_workflow()
    return created


def assign_review_workflow() -> None:
    """Standards go through the site's review workflow (Wagtail's default 审核 workflow) unless an administrator
    assigned another one to them."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Workflow, WorkflowContentType

    from standards.models import Standard

    workflow = Workflow.objects.filter(active=True).order_by("pk").first()
    if workflow is not None:
        WorkflowContentType.objects.get_or_create(content_type=ContentType.objects.get_for_model(Standard), defaults={"workflow": workflow})


def find_category(value: str) -> StandardCategory | None:
    """A category by its code, its name or the short top-level name used in the national list."""
    value = (value or "").strip()
    if not value:
        return None
    match = re.match(r"^(\d+)\s+\S", value)
    code = match.group(1) if match else TOP_LEVEL_ALIASES.get(value, value)
    return (
        StandardCategory.objects.filter(code=code).first()
        or StandardCategory.objects.filter(name=value).first()
        or StandardCategory.objects.filter(name=value + "标准").first()
    )
