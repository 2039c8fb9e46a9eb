"""The rules a matter must follow, worded for the editor who broke them.

Errors stop a save; warnings are shown and let the editor go on. The admin form, the importers and the
spreadsheet import all call these functions, so a rule has one home.
"""

import re
from collections.abc import Iterable

from catalogue.choices import HandlingType
from catalogue.time_limits import TimeLimit

# 兜底条款: catch-all wording that GB/T 39554 and the 实施清单 rules forbid in conditions and materials.
CATCH_ALL_PATTERNS = [
    re.compile(p)
    for p in (
        r"其他(相关)?材料",
        r"其它(相关)?材料",
        r"法律(、|和|及)?(行政)?法规(规定的)?(其他|其它)(条件|材料)",
        r"(规定|要求)的其他(条件|材料)",
        r"其他(条件|情形)",
        r"等(相关)?材料$",
        r"(审批|办理)?(机关|部门)(认为)?(需要|要求)(提交|提供)的其他",
    )
]


UNIT_CONVERSION_NOTE = "1个工作日≈1.4个自然日，1月≈30日，1年≈365日，8小时≈1个工作日"


def limit_errors(handling_type: str, legal: TimeLimit, promised: TimeLimit) -> dict[str, str]:
    """Field name → message for the time-limit rules."""
    errors = {}
    if handling_type == HandlingType.IMMEDIATE and promised.is_set and promised.value > 0:
        errors["promised_limit_value"] = "即办件当场办结，不填写承诺办结时限；如需承诺天数，请将办件类型改为承诺件。"
    if handling_type == HandlingType.PROMISED and not promised.is_set:
        errors["promised_limit_value"] = "承诺件须填写承诺办结时限。"
    if legal.is_set and promised.is_set:
        if legal.unit == promised.unit:
            longer = promised.value > legal.value
        else:
            longer = promised.in_natural_days() > legal.in_natural_days()
        if longer:
            message = f"承诺办结时限（{promised}）不能长于法定办结时限（{legal}）。"
            if legal.unit != promised.unit:
                message += f"单位不同时按自然日比较：{UNIT_CONVERSION_NOTE}。"
            errors["promised_limit_value"] = message
    return errors


def fee_errors(charges: bool, fees: Iterable[dict]) -> list[str]:
    fees = [f for f in fees if (f.get("name") or "").strip()]
    if charges and not fees:
        return ["本事项标为收费，请至少填写一项收费项目及其收费依据；不收费请取消勾选“是否收费”。"]
    if charges:
        missing = [f["name"] for f in fees if not (f.get("basis") or "").strip()]
        if missing:
            return [f"收费项目“{'、'.join(missing)}”缺少收费依据。"]
    if not charges and fees:
        return ["本事项标为不收费，却填写了收费项目：请勾选“是否收费”或删除收费项目。"]
    return []


def catch_all_warnings(label: str, texts: Iterable[str]) -> list[str]:
    warnings = []
    for text in texts:
        text = (text or "").strip()
        if any(p.search(text) for p in CATCH_ALL_PATTERNS):
            warnings.append(f"{label}“{text[:40]}”像是兜底条款，请逐项写明具体内容。")
    return warnings
