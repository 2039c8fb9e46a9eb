"""The lists every centre publishes, with their web names."""

from catalogue.lists.rules import RULE_DESCRIPTIONS
from catalogue.models.lists import ListKind, MatterList

STANDARD_LISTS = [
    (ListKind.ALL, "quanbu"),
    (ListKind.IMMEDIATE, "jiban"),
    (ListKind.PROMISED, "chengnuo"),
    (ListKind.ONE_VISIT, "zuiduopaoyici"),
    (ListKind.LICENSING, "xingzhengxuke"),
    (ListKind.PREREQUISITE, "qianzhi"),
    (ListKind.POWERS, "zhiquan"),
    (ListKind.FEES, "shoufei"),
    (ListKind.INTERMEDIARY, "zhongjie"),
    (ListKind.ANNUAL_INSPECTION, "nianjian"),
]


def ensure_standard_lists() -> list[MatterList]:
    lists = []
    for order, (kind, slug) in enumerate(STANDARD_LISTS):
        matter_list, _ = MatterList.objects.get_or_create(
            slug=slug, defaults={"title": kind.label, "kind": kind, "sort_order": order, "intro": RULE_DESCRIPTIONS[kind]}
        )
        lists.append(matter_list)
    return lists
