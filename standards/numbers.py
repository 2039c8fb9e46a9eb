"""Standard numbers (标准编号): prefix + serial [+ .part] + year, e.g. GB/T 24421.2-2023, DB44/T 1234-2020,
T/CAS 456-2021, Q/ZWFW 30001-2026.

One canonical spelling is stored; `sort_key` orders numbers the way a 标准明细表 lists them: national before
industry, local, group and the centre's own standards, then by serial and part numerically, then by year
(GB/T 24421.2-2009 before GB/T 24421.2-2023, GB/T 9 before GB/T 10).
"""

import re
import unicodedata
from dataclasses import dataclass

_NUMBER = re.compile(
    r"^(?P<prefix>[A-Z]+\d*(?:/[A-Z]+)?)\s*(?P<serial>\d+)(?:\.(?P<part>\d+(?:\.\d+)*))?\s*-\s*(?P<year>\d{4}|\d{2})$"
)
_LOCAL = re.compile(r"^DB\d{2}(?:\d{2})?(?:/[TZ])?$")

KIND_NATIONAL, KIND_INDUSTRY, KIND_LOCAL, KIND_GROUP, KIND_ENTERPRISE = "national", "industry", "local", "group", "enterprise"
KIND_LABELS = {
    KIND_NATIONAL: "国家标准",
    KIND_INDUSTRY: "行业标准",
    KIND_LOCAL: "地方标准",
    KIND_GROUP: "团体标准",
    KIND_ENTERPRISE: "本中心标准",
}
_KIND_RANK = {KIND_NATIONAL: 0, KIND_INDUSTRY: 1, KIND_LOCAL: 2, KIND_GROUP: 3, KIND_ENTERPRISE: 4}


class StandardNumberError(ValueError):
    pass


@dataclass(frozen=True)
class StandardNumber:
    prefix: str
    serial: int
    part: str  # "" or "2" or "2.1"
    year: int
    year_text: str  # as written: "2023" or "80"

    @property
    def kind(self) -> str:
        return prefix_kind(self.prefix)

    @property
    def designation(self) -> str:
        """The number without its year: what every edition of one standard shares."""
        part = f".{self.part}" if self.part else ""
        return f"{self.prefix} {self.serial}{part}"

    def __str__(self) -> str:
        return f"{self.designation}-{self.year_text}"

    @property
    def sort_key(self) -> str:
        parts = ".".join(f"{int(p):06d}" for p in self.part.split(".")) if self.part else ""
        return f"{_KIND_RANK[self.kind]}|{self.prefix}|{self.serial:012d}|{parts}|{self.year:04d}"

    @property
    def slug(self) -> str:
        """URL-safe and reversible enough to look up: GB/T 24421.2-2023 → GB-T-24421.2-2023."""
        return str(self).replace("/", "-").replace(" ", "-")


def prefix_kind(prefix: str) -> str:
    if prefix in {"GB", "GB/T", "GB/Z"}:
        return KIND_NATIONAL
    if _LOCAL.match(prefix):
        return KIND_LOCAL
    if prefix.startswith("T/"):
        return KIND_GROUP
    if prefix.startswith("Q/"):
        return KIND_ENTERPRISE
    return KIND_INDUSTRY


def normalise(text: str) -> str:
    """Full-width letters, digits and dashes (ＧＢ／Ｔ　２４４２１—２０２３) to their plain forms; one space."""
    text = unicodedata.normalize("NFKC", text or "").strip().upper()
    text = re.sub(r"[‐‑‒–—―－]", "-", text)
    return re.sub(r"\s+", " ", text)


def parse_number(text: str) -> StandardNumber:
    value = normalise(text)
    match = _NUMBER.match(value)
    if not match:
        raise StandardNumberError(
            f"标准编号“{text}”格式不正确，应为“代号 顺序号[.部分号]-年号”，如 GB/T 24421.2-2023、DB44/T 1234-2020、Q/ZWFW 30001-2026。"
        )
    year_text = match["year"]
    year = int(year_text)
    if len(year_text) == 2:
        year += 1900 if year >= 50 else 2000
    if not 1950 <= year <= 2100:
        raise StandardNumberError(f"标准编号“{text}”的年号 {year_text} 不合理。")
    return StandardNumber(match["prefix"], int(match["serial"]), match["part"] or "", year, year_text)


def number_sort_key(text: str) -> str:
    return parse_number(text).sort_key
