"""The centre's own 办理规程: one standard per matter, written from the matter's published 办事指南.

Numbered in the centre's series (`STANDARDS_CENTRE_PREFIX`, default Q/ZWFW; serials from 30001 in category
302 服务提供规范). Generation is idempotent: the text is fingerprinted, and only a guide that changed gives a new
**edition** — a new standard with the same serial and a later year that replaces the old one (the old one
becomes 废止 the same day). If an edition of this year exists already, the new one takes the next year: a
standard number cannot repeat.
"""

import datetime
import hashlib
import itertools
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from catalogue.choices import HandlingType, MatterStatus
from catalogue.models import DepartmentPage, MatterPage
from search.admin_backend import deferred_indexing
from standards.choices import StandardSource, StandardStatus
from standards.models import Standard, StandardCategory, StandardReference
from standards.numbers import parse_number
from standards.publishing import bulk_create_published, create_published, republish_with
from standards.system import PROCEDURE_CATEGORY, seed_system

SERIES_START = 30001

# 规范性引用文件 of every 办理规程, cited undated: the latest edition applies.
COMMON_REFERENCES = [
    ("GB/T 32169.3", "政务服务中心运行规范 第3部分：窗口服务提供要求"),
    ("GB/T 36113", "政务服务中心服务投诉处置规范"),
    ("GB/T 39734", "政务服务“一次一评”“一事一评”工作规范"),
    ("GB/T 39735", "政务服务评价工作指南"),
]


def centre_prefix() -> str:
    return getattr(settings, "STANDARDS_CENTRE_PREFIX", "Q/ZWFW")


def centre_name() -> str:
    return getattr(settings, "STANDARDS_CENTRE_NAME", "政务服务中心")


def _clause(number: str, heading: str, text: str = "", items: list[str] | None = None) -> dict:
    return {"type": "clause", "value": {"number": number, "heading": heading, "text": text, "items": items or []},
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"clause:{number}:{heading}"))}


def _material_line(material) -> str:
    details = []
    if material.necessity:
        details.append(material.get_necessity_display())
    if material.originals:
        details.append(f"原件{material.originals}份")
    if material.copies:
        details.append(f"复印件{material.copies}份")
    if material.form:
        details.append(material.get_form_display())
    if material.source_body:
        details.append(f"由{material.source_body}出具")
    if material.situation:
        details.append(f"适用于{material.situation}")
    return f"{material.name}（{'；'.join(details)}）" if details else material.name


def _default_steps(matter: MatterPage) -> list[str]:
    if matter.handling_type == HandlingType.IMMEDIATE:
        return ["受理：窗口工作人员核验申请材料，材料齐全、符合法定形式的当场受理。", "办结：当场作出决定并送达办理结果。"]
    return [
        "受理：窗口工作人员核验申请材料；材料齐全、符合法定形式的予以受理，出具受理通知书；材料不齐全或不符合法定形式的，"
        "一次性告知需要补正的全部内容，出具补正材料通知书；不属于本部门职权范围的，出具不予受理通知书并告知向有关部门申请。",
        "审查：承办人员按受理条件和审查标准对申请材料进行审查，需要现场核查的组织核查。",
        "决定：在承诺办结时限内作出准予或不予的决定；不予的，说明理由并告知申请人依法享有申请行政复议或者提起行政诉讼的权利。",
        "送达：通过窗口领取、邮寄或电子证照等方式送达办理结果。",
    ]


@dataclass
class ProcedureText:
    title: str
    scope: str
    references: list[tuple[str, str]]
    body: list[dict]

    def fingerprint(self) -> str:
        data = json.dumps([self.title, self.scope, self.references, self.body], ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(data.encode()).hexdigest()


def procedure_text(matter: MatterPage, department: DepartmentPage | None = None) -> ProcedureText:
    """The 办理规程 of `matter` as it reads from its guide (the live page row is the published guide)."""
    department = department or matter.department
    title = f"{matter.title}办理规程"
    scope = (
        f"本规程规定了“{matter.title}”（实施编码 {matter.code}）的事项信息、受理条件、申请材料、办理流程、办理时限、收费、"
        f"办理地点、咨询投诉和服务评价要求。本规程适用于{department.title}及{centre_name()}相关窗口办理该事项。"
    )
    references = [(number, name) for number, name in COMMON_REFERENCES]
    body = [_clause("1", "范围", scope)]
    body.append(_clause(
        "2", "规范性引用文件",
        "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，仅该日期对应的版本适用于本文件；"
        "不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。",
        [f"{number} {name}" for number, name in references],
    ))
    info = [
        f"事项名称：{matter.title}", f"实施编码：{matter.code}", f"事项类型：{matter.get_matter_type_display()}",
        f"实施主体：{department.title}", f"行使层级：{matter.get_exercise_level_display()}", f"办件类型：{matter.get_handling_type_display()}",
    ]
    if matter.basic_code:
        info.insert(2, f"基本编码：{matter.basic_code}")
    body.append(_clause("3", "事项信息", "", info))
    number = 4
    bases = [f"《{b.law_name}》{b.article}".strip() + (f"（{b.document_number}）" if b.document_number else "") for b in matter.legal_bases.all()]
    if bases:
        body.append(_clause(str(number), "设定依据", "", bases))
        number += 1
    conditions = [c.text for c in matter.conditions.all()]
    extra = [t for t in (matter.quantity_limit and f"数量限制：{matter.quantity_limit}", matter.prohibitions and f"禁止性要求：{matter.prohibitions}") if t]
    body.append(_clause(str(number), "受理条件",
                        "申请人符合下列条件的，窗口予以受理：" if conditions else "本事项无特定受理条件，申请材料齐全、符合法定形式即予受理。",
                        conditions + extra))
    number += 1
    materials = [_material_line(m) for m in matter.materials.all()]
    body.append(_clause(str(number), "申请材料",
                        "申请人应提交下列材料；窗口对材料不全的，一次性告知需补正的全部材料：" if materials else "本事项无需提交申请材料。",
                        materials))
    number += 1
    steps = [f"{s.name}：" + "；".join(x for x in (s.handler and f"由{s.handler}办理", s.time_limit and f"时限{s.time_limit}", s.review_standard, s.result and f"结果为{s.result}") if x)
             for s in matter.steps.all()]
    special = [f"特殊环节 {s.name}：时限{s.time_limit or '未注明'}，{'计入' if s.counted_in_limit else '不计入'}办结时限" for s in matter.special_steps.all()]
    body.append(_clause(str(number), "办理流程", "", (steps or _default_steps(matter)) + special))
    number += 1
    limits = [f"法定办结时限：{matter.legal_limit}", f"承诺办结时限：{matter.promised_limit}"]
    if matter.handling_type == HandlingType.IMMEDIATE:
        limits = ["即办件：材料齐全、符合法定形式的，当场办结。"] + limits[:1]
    body.append(_clause(str(number), "办理时限", "办理时限自受理之日起计算，特殊环节所需时间按规定不计入的除外。", limits))
    number += 1
    if matter.charges:
        fees = [f"{f.name}：{f.standard}" + (f"（依据：{f.basis}）" if f.basis else "") for f in matter.fees.all()]
        body.append(_clause(str(number), "收费", "本事项收费，收费项目和标准如下：", fees))
    elif matter.charges is None:
        body.append(_clause(str(number), "收费", "办事指南未注明收费信息；窗口应按公布的收费目录执行，目录外不得收费。"))
    else:
        body.append(_clause(str(number), "收费", "不收费。"))
    number += 1
    places = [f"{loc.address}" + (f"（{loc.hours}）" if loc.hours else "") for loc in matter.locations.all()]
    places += [f"{w.number}号窗口 {w.name}" + (f"（{w.hall}）" if w.hall else "") for w in matter.windows.all()]
    if matter.office_hours:
        places.append(f"办理时间：{matter.office_hours}")
    forms = "、".join(matter.handling_forms) or "窗口办理"
    body.append(_clause(str(number), "办理地点与方式", f"办理形式：{forms}；到办事现场次数：{matter.visits}次。", places))
    number += 1
    contacts = [t for t in (matter.consult_phone and f"咨询电话：{matter.consult_phone}", matter.complaint_phone and f"监督投诉电话：{matter.complaint_phone}") if t]
    body.append(_clause(str(number), "咨询与监督投诉", "投诉按 GB/T 36113 受理、处置和回访。", contacts))
    number += 1
    body.append(_clause(
        str(number), "服务评价",
        "按 GB/T 39734 开展“一次一评”“一事一评”，评价分为非常满意、满意、基本满意、不满意、非常不满意五个等级；"
        "差评件按 GB/T 39735 核实整改并回访，整改情况纳入窗口考核。",
    ))
    return ProcedureText(title=title, scope=scope, references=references, body=body)


@dataclass
class GenerationResult:
    created: int = 0
    new_editions: int = 0
    unchanged: int = 0
    abolished: int = 0

    def __str__(self):
        return f"新建办理规程 {self.created} 项，新版本 {self.new_editions} 项，未变 {self.unchanged} 项，随事项取消废止 {self.abolished} 项"


def _latest_editions() -> dict[int, Standard]:
    latest: dict[int, Standard] = {}
    for standard in Standard.objects.filter(generated_for__isnull=False).exclude(status=StandardStatus.ABOLISHED).order_by("sort_key"):
        latest[standard.generated_for_id] = standard
    return latest


def _reference_rows(references: list[tuple[str, str]]) -> list[StandardReference]:
    by_designation: dict[str, Standard] = {}
    for standard in Standard.objects.filter(live=True, prefix__in={n.split(" ")[0] for n, _ in references}).order_by("sort_key"):
        by_designation[standard.designation] = standard  # sort order: the newest edition wins
    return [
        StandardReference(cited=by_designation.get(number), cited_number=number, cited_title=name, dated=False, sort_order=i)
        for i, (number, name) in enumerate(references)
    ]


def _next_serial(prefix: str) -> int:
    last = Standard.objects.filter(prefix=prefix, serial__gte=SERIES_START, serial__lt=SERIES_START + 9999).order_by("-serial").first()
    return last.serial + 1 if last else SERIES_START


def _free_year(designation: str, year: int) -> int:
    while Standard.objects.filter(number=f"{designation}-{year}").exists():
        year += 1
    return year


def generate_for(matter: MatterPage, *, department=None, today: datetime.date | None = None, latest: Standard | None = None,
                 category: StandardCategory | None = None, references: list | None = None, user=None,
                 pending: list | None = None, serials: Iterator[int] | None = None) -> tuple[str, Standard | None]:
    """('created' | 'new_edition' | 'unchanged', standard) for one matter. With `pending`, a new standard is only
    built and appended there for the caller to create in bulk; `serials` hands out the next free serials."""
    today = today or timezone.localdate()
    text = procedure_text(matter, department)
    fingerprint = text.fingerprint()
    if latest is not None and latest.source_fingerprint == fingerprint:
        return "unchanged", latest
    category = category or StandardCategory.objects.get(code=PROCEDURE_CATEGORY)
    prefix = centre_prefix()
    if latest:
        serial = parse_number(latest.number).serial
        designation = f"{prefix} {serial}"
        number = f"{designation}-{_free_year(designation, today.year)}"
    else:  # a serial never used before: no edition can hold this year's number yet
        serial = next(serials) if serials is not None else _next_serial(prefix)
        number = f"{prefix} {serial}-{today.year}"
    standard = Standard(
        number=number, title=text.title, category=category, status=StandardStatus.CURRENT, source=StandardSource.GENERATED,
        issued_on=today, effective_on=today, issuing_body=centre_name(), responsible_body=(department or matter.department).title,
        scope=text.scope, body=text.body, generated_for=matter, source_fingerprint=fingerprint,
        note=f"由事项“{matter.title}”的办事指南（{timezone.localtime(matter.last_published_at):%Y-%m-%d %H:%M} 发布版）生成。" if matter.last_published_at else "",
    )
    standard.references = references if references is not None else _reference_rows(text.references)
    # every relation assigned in memory, so serialising the first revision reads nothing back
    standard.matters = [matter]
    standard.windows = list(matter.windows.all())
    standard.replaces = [latest] if latest is not None else []
    standard.posts, standard.levels, standard.attachments = [], [], []
    if pending is not None and latest is None:
        pending.append(standard)
        return "created", standard
    create_published(standard, user=user, log_message="由办事指南自动生成" if latest is None else "办事指南变更，生成新版本")
    if latest is not None:
        republish_with(latest, user=user, status=StandardStatus.ABOLISHED, abolished_on=today)
        return "new_edition", standard
    return "created", standard


def generate_all(*, today: datetime.date | None = None, matters=None, user=None) -> GenerationResult:
    """One transaction; the admin search index and Wagtail's reference index are updated once per new standard at
    the end rather than at each save (the same arrangement as the matter importer)."""
    touched: list[Standard] = []
    with transaction.atomic(), deferred_indexing(), disable_reference_index_auto_update():
        result = _generate_all(today=today, matters=matters, user=user, touched=touched)
        for standard in touched:
            ReferenceIndex.create_or_update_for_object(standard)
    return result


def _generate_all(*, today, matters, user, touched: list) -> GenerationResult:
    seed_system()
    today = today or timezone.localdate()
    category = StandardCategory.objects.get(code=PROCEDURE_CATEGORY)
    departments = {d.path: d for d in DepartmentPage.objects.all()}
    latest = _latest_editions()
    result = GenerationResult()
    matters = matters if matters is not None else MatterPage.objects.live().filter(status=MatterStatus.ACTIVE)
    common = None
    pending: list[Standard] = []
    serials = itertools.count(_next_serial(centre_prefix()))
    for matter in matters.with_guide_rows().order_by("path"):
        if common is None:
            common = _reference_rows(COMMON_REFERENCES)
        references = [StandardReference(cited=r.cited, cited_number=r.cited_number, cited_title=r.cited_title, dated=r.dated, sort_order=r.sort_order) for r in common]
        outcome, standard = generate_for(
            matter, department=departments.get(matter.path[: -MatterPage.steplen]), today=today, latest=latest.get(matter.pk),
            category=category, references=references, user=user, pending=pending, serials=serials,
        )
        if outcome == "new_edition":
            touched.append(standard)
        counter = {"created": "created", "new_edition": "new_editions", "unchanged": "unchanged"}[outcome]
        setattr(result, counter, getattr(result, counter) + 1)
    bulk_create_published(pending, user=user, log_message="由办事指南自动生成")
    touched.extend(pending)
    # A matter that is no longer in use (取消/暂停 or unpublished) no longer has a 现行 办理规程.
    in_use = set(MatterPage.objects.live().filter(status=MatterStatus.ACTIVE).values_list("pk", flat=True))
    gone = [s for matter_id, s in latest.items() if s.status == StandardStatus.CURRENT and matter_id not in in_use]
    for standard in gone:
        republish_with(standard, user=user, status=StandardStatus.ABOLISHED, abolished_on=today)
        result.abolished += 1
    return result
