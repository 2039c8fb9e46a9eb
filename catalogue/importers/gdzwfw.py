"""Reading the 广东政务服务网 export (one JSON object a line) into MatterRecords.

Two variants share field names but not meanings (see shared/data/README.md): in the older 中山 crawl
`handle_type` holds the time limit, `handle_time` / `handle_time_limit` hold office hours and `matter_short`
may hold "不收费". The reader decides by content, not by file name.
"""

import json
import re
from collections.abc import Iterator

from catalogue import validation
from catalogue.choices import AliasKind, CatalogueLevel, ExerciseLevel, HandlingType, MatterType, OnlineDepth
from catalogue.importers.records import CatalogueRecord, DepartmentRecord, MatterRecord, RowError, check_lengths
from catalogue.time_limits import TimeLimitFormatError, parse_time_limit

EMPTY = {"", "无", "null", "None", "/", "暂无"}
LEVELS = {"省级": ExerciseLevel.PROVINCE, "市级": ExerciseLevel.CITY, "县级": ExerciseLevel.COUNTY, "区级": ExerciseLevel.COUNTY}
# The source uses 21 for 公共服务; the national table says 20. Labels decide.
_CONDITION_SPLIT = re.compile(r"\s*(?:[；;]\s*|\s+(?=\d+[.、．]\D)|\s+(?=[（(][一二三四五六七八九十]+[）)])|\n+)")
_ALIAS_SPLIT = re.compile(r"[，,、；;]")
_PHONE_SPLIT = re.compile(r"\s*[；;]\s*")


def clean(value) -> str:
    if value is None:
        return ""
    text = str(value).strip().strip('"').strip()
    return "" if text in EMPTY else text


def split_conditions(text: str) -> list[str]:
    """One criterion per row: split at semicolons, line breaks and numbered items (1. / （一）)."""
    text = clean(text)
    if not text:
        return []
    parts = [p.strip(" 　") for p in _CONDITION_SPLIT.split(text)]
    return [p for p in parts if p and not re.fullmatch(r"[\d.、．（）()一二三四五六七八九十]+", p)]


def region_for(area_code: str, area_text: str, line: int) -> tuple[str, str, str, str]:
    """(code, name, parent code, parent name) with 12-digit codes; 440100 + 广东省广州市 → 广州市 under 广东省."""
    if not re.fullmatch(r"\d{6}", area_code):
        raise RowError(line, "AREACODE", f"行政区划代码“{area_code}”应为6位数字")
    code = area_code + "000000"
    if area_code.endswith("0000"):
        return code, area_text or area_code, "", ""
    province_code = area_code[:2] + "0000000000"
    province_name = ""
    match = re.match(r"^(.+?省|.+?自治区|.+?市)(.+)$", area_text)
    name = area_text
    if match and not area_code.endswith("0000"):
        province_name, name = match.group(1), match.group(2)
    return code, name, province_code, province_name


def _limit(row: dict, key: str, line: int):
    try:
        return parse_time_limit(clean(row.get(key)))
    except TimeLimitFormatError as error:
        raise RowError(line, key, str(error)) from None


def _looks_like_limit(text: str) -> bool:
    try:
        parse_time_limit(text)
        return True
    except TimeLimitFormatError:
        return False


def parse_row(row: dict, line: int) -> MatterRecord:
    code = clean(row.get("TASK_CODE"))
    if not code:
        raise RowError(line, "TASK_CODE", "缺少实施编码")
    if len(code) > 36:
        raise RowError(line, "TASK_CODE", f"实施编码“{code}”超过36位")
    title = clean(row.get("TASK_NAME")) or clean(row.get("matter_name"))
    if not title:
        raise RowError(line, "TASK_NAME", "缺少事项名称")
    type_label = clean(row.get("TASK_TYPE_TEXT")) or clean(row.get("matter_type"))
    matter_type = MatterType.from_label(type_label)
    if matter_type is None:
        raise RowError(line, "TASK_TYPE_TEXT", f"未知的事项类型“{type_label}”")
    dept_name, org_code = clean(row.get("DEPT_NAME")), clean(row.get("ORGCODE"))
    if not dept_name or not org_code:
        raise RowError(line, "DEPT_NAME" if not dept_name else "ORGCODE", "缺少实施主体或其组织机构代码")
    region_code, region_name, parent_code, parent_name = region_for(clean(row.get("AREACODE")), clean(row.get("AREA_CODE_TEXT")), line)
    level_text = clean(row.get("matter_level")) or clean(row.get("district"))
    if level_text not in LEVELS:
        raise RowError(line, "matter_level", f"未知的行使层级“{level_text}”")

    # —— time limits: by content, since the 中山 crawl put office hours where the limits belong ——
    office_hours = ""
    if "handle_type" in row and not _looks_like_limit(clean(row.get("handle_time"))):
        legal = parse_time_limit("")
        promised = _limit(row, "handle_type", line)
        office_hours = clean(row.get("handle_time")).removeprefix("办公时间：").removeprefix("办公时间:")
    else:
        legal = _limit(row, "handle_time", line)
        promised = _limit(row, "handle_time_limit", line)
    if promised.is_set and promised.value == 0:
        promised = parse_time_limit("")
    handling_type = HandlingType.PROMISED if promised.is_set else HandlingType.IMMEDIATE
    errors = validation.limit_errors(handling_type, legal, promised)
    if errors:
        raise RowError(line, "handle_time_limit", next(iter(errors.values())))

    catalogue = None
    main_code, main_name = clean(row.get("parentCatalogId")), clean(row.get("parentCatalogName")) or clean(row.get("CATANAME"))
    sub_code = clean(row.get("CATAID"))
    if main_code:
        if sub_code and sub_code != main_code:
            sub_name = clean(row.get("subCatalogName")) or title
            catalogue = CatalogueRecord(sub_code, sub_name, CatalogueLevel.SUB, main_code, main_name)
        else:
            catalogue = CatalogueRecord(main_code, main_name, CatalogueLevel.MAIN)

    # —— where and how ——
    location = clean(row.get("handle_location"))
    at_window = bool(location) and location != "无线下办理窗口"
    locations = []
    if at_window:
        address = re.sub(r"^办理地点[：:]\s*", "", location)
        locations.append({"address": address, "hours": office_hours})
    online = clean(row.get("ONLINECHECK")) == "1"
    try:
        visits = int(clean(row.get("visit_number")) or clean(row.get("LIMIT_SCENE_NUM")) or 0)
    except ValueError:
        raise RowError(line, "visit_number", f"到办事现场次数“{row.get('visit_number')}”不是整数") from None
    url = clean(row.get("URL"))
    booking = clean(row.get("online_book_addr"))

    fields = {
        "basic_code": sub_code or main_code,
        "local_code": clean(row.get("matter_code")),
        "handling_item_name": clean(row.get("subTaskName")),
        "matter_type": matter_type.value,
        "exercise_level": LEVELS[level_text].value,
        "joint_bodies": clean(row.get("co_department")),
        "handling_type": handling_type.value,
        "legal_limit_value": legal.value,
        "legal_limit_unit": legal.unit,
        "promised_limit_value": promised.value,
        "promised_limit_unit": promised.unit,
        "accepts_at_window": at_window,
        "accepts_online": online,
        "accepts_by_post": clean(row.get("courier_service")) == "是",
        "supports_courier": clean(row.get("courier_service")) == "是",
        "online_depth": (OnlineDepth.FULL if online and visits == 0 else OnlineDepth.ACCEPT if online else OnlineDepth.NONE).value,
        "online_url": url if url.startswith("http") else "",
        "online_platform": clean(row.get("bear_paltform")),
        "visits": visits,
        "office_hours": office_hours,
        "consult_phone": clean(row.get("consult_phone")),
        "complaint_phone": clean(row.get("complain_phone")),
        "supports_appointment": clean(row.get("online_book")) == "是",
        "appointment_url": booking if booking.startswith("http") else "",
        "source_url": url if url.startswith("http") else "",
        "charges": None,  # the 广东 export has no fee data: 未注明
    }

    aliases = []
    short = clean(row.get("matter_short"))
    if short == "不收费":  # the 中山 crawl stored the fee statement here
        fields["charges"] = False
    elif short and short != title:
        aliases.append({"name": short, "kind": AliasKind.SHORT.value})
        fields["short_name"] = short
    for alias in _ALIAS_SPLIT.split(clean(row.get("matter_daily"))):
        alias = alias.strip()
        if alias and alias != title and all(a["name"] != alias for a in aliases):
            aliases.append({"name": alias, "kind": AliasKind.DAILY.value})

    materials = []
    raw_materials = row.get("material_intro")
    if isinstance(raw_materials, list):
        seen = set()
        for name in raw_materials:
            name = clean(name)
            if name and name not in seen:
                seen.add(name)
                # Necessity, kind, form and counts are not in the source: left 未注明, never guessed.
                materials.append(
                    {"name": name, "necessity": "", "kind": "", "form": "", "originals": None, "copies": None, "paper_size": "", "source": ""}
                )
    elif clean(raw_materials):
        raise RowError(line, "material_intro", "申请材料应为列表")

    def names(key):
        value = row.get(key) or []
        if isinstance(value, str):
            value = [value]
        return [clean(v) for v in value if clean(v)]

    return MatterRecord(
        line=line,
        code=code,
        title=title,
        department=DepartmentRecord(org_code, dept_name, region_code, region_name, parent_code, parent_name),
        catalogue=catalogue,
        fields=fields,
        conditions=split_conditions(row.get("accept_standard")),
        materials=materials,
        locations=locations,
        aliases=aliases,
        themes=names("theme_category"),
        service_objects=names("service_object_name"),
    )


def read_records(path) -> Iterator[MatterRecord]:
    """Every record of the file; raises RowError at the first broken line (nothing is written by reading)."""
    seen: dict[str, int] = {}
    with open(path, encoding="utf-8") as handle:
        for line, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                row = json.loads(text)
            except json.JSONDecodeError as error:
                raise RowError(line, "JSON", f"不是合法的JSON：{error.msg}") from None
            if not isinstance(row, dict):
                raise RowError(line, "JSON", "每行应为一个JSON对象")
            record = parse_row(row, line)
            check_lengths(record)
            if record.code in seen:
                raise RowError(line, "TASK_CODE", f"实施编码“{record.code}”与第{seen[record.code]}行重复")
            seen[record.code] = line
            yield record


