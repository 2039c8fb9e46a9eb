"""Non-blocking advice on a matter, shown to the editor after saving (兜底条款 and the like)."""

from catalogue import validation


def matter_warnings(page) -> list[str]:
    warnings = validation.catch_all_warnings("受理条件", (c.text for c in page.conditions.all()))
    warnings += validation.catch_all_warnings("申请材料", (m.name for m in page.materials.all()))
    return warnings
