"""办结时限: parsing "30(工作日)" and comparing a 承诺 limit with the 法定 one."""

import re
from dataclasses import dataclass
from decimal import Decimal

from catalogue.choices import NATURAL_DAYS_PER_UNIT, TimeUnit

_LIMIT_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[（(]\s*([^）)]+?)\s*[）)]\s*$")
_EMPTY = {"", "无", "/", "-", "—", "暂无"}


class TimeLimitFormatError(ValueError):
    pass


@dataclass(frozen=True)
class TimeLimit:
    value: Decimal | None
    unit: str
    note: str = ""

    @property
    def is_set(self) -> bool:
        return self.value is not None

    def in_natural_days(self) -> Decimal | None:
        if self.value is None:
            return None
        return self.value * Decimal(str(NATURAL_DAYS_PER_UNIT[TimeUnit(self.unit)]))

    def __str__(self) -> str:
        if self.value is None:
            return self.note or "无"
        return f"{format_number(self.value)}个{TimeUnit(self.unit).label}" if self.unit == TimeUnit.WORKING_DAYS else f"{format_number(self.value)}{TimeUnit(self.unit).label}"


def format_number(value: Decimal) -> str:
    return f"{value.normalize():f}" if value == value.to_integral() or "." not in str(value) else str(value.normalize())


def parse_time_limit(text: str | None) -> TimeLimit:
    """Parse "30(工作日)" / "1 (工作日)" / "无"; raise TimeLimitFormatError for anything else."""
    text = (text or "").strip()
    if text in _EMPTY:
        return TimeLimit(None, TimeUnit.WORKING_DAYS)
    match = _LIMIT_RE.match(text)
    if not match:
        raise TimeLimitFormatError(f"无法识别的办结时限“{text[:40]}”，应为“30(工作日)”的形式")
    unit = TimeUnit.from_label(match.group(2))
    if unit is None:
        raise TimeLimitFormatError(f"未知的时限单位“{match.group(2)}”")
    return TimeLimit(Decimal(match.group(1)), unit)


def speedup_rate(legal: TimeLimit, promised: TimeLimit) -> Decimal | None:
    """承诺提速率 = (法定 − 承诺) / 法定, as a fraction rounded to 4 places; None when it is not defined."""
    legal_days, promised_days = legal.in_natural_days(), promised.in_natural_days()
    if not legal_days or promised_days is None:
        return None
    return ((legal_days - promised_days) / legal_days).quantize(Decimal("0.0001"))
